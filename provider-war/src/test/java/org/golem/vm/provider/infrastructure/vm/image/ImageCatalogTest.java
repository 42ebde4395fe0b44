package org.golem.vm.provider.infrastructure.vm.image;

import org.golem.vm.provider.application.port.VmDriverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCatalogTest {

    @TempDir
    Path data;

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Path writeMicro(Path dir) throws Exception {
        Files.createDirectories(dir);
        byte[] kernel = "kernel".getBytes(StandardCharsets.US_ASCII);
        byte[] initrd = "initrd".getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("vmlinuz"), kernel);
        Files.write(dir.resolve("initrd.img"), initrd);
        Files.writeString(dir.resolve("manifest.json"), """
                {"name": "micro", "boot": "kernel+initrd", "kernelCmdline": "console=ttyS0 quiet",
                 "fwCfgName": "opt/org.golem.vm/authorized_keys", "loginUser": "root", "acpiShutdown": false,
                 "files": [
                   {"role": "kernel", "name": "vmlinuz", "sha256": "%s", "size": 6},
                   {"role": "initrd", "name": "initrd.img", "sha256": "%s", "size": 6}]}
                """.formatted(sha256(kernel), sha256(initrd)));
        return dir;
    }

    @Test
    void microDefaultsToTheDataDirectoryAndVerifies() throws Exception {
        Path dir = writeMicro(data.resolve("images/micro"));
        ImageCatalog catalog = new ImageCatalog(data, Map.of());
        assertEquals(dir, catalog.location("micro"));
        VmImage image = catalog.resolve("micro");
        assertEquals(VmImage.Kind.KERNEL_INITRD, image.kind());
        assertEquals("root", image.loginUser());
        assertEquals(dir.resolve("vmlinuz"), image.kernel());
        assertEquals(dir.resolve("initrd.img"), image.initrd());
        assertEquals("console=ttyS0 quiet", image.kernelCmdline());
    }

    @Test
    void aDamagedFileIsNamedWithBothHashes() throws Exception {
        Path dir = writeMicro(data.resolve("images/micro"));
        Files.writeString(dir.resolve("initrd.img"), "tampered");
        VmDriverException e = assertThrows(VmDriverException.class, () -> new ImageCatalog(data, Map.of()).resolve("micro"));
        assertEquals(VmDriverException.Code.IMAGE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("initrd.img has sha256"), e.getMessage());
        Files.delete(dir.resolve("vmlinuz"));
        e = assertThrows(VmDriverException.class, () -> new ImageCatalog(data, Map.of()).resolve("micro"));
        assertTrue(e.getMessage().contains("vmlinuz is missing"), e.getMessage());
    }

    @Test
    void missingAndUnknownImagesSayWhat() {
        ImageCatalog catalog = new ImageCatalog(data, Map.of());
        VmDriverException missing = assertThrows(VmDriverException.class, () -> catalog.resolve("micro"));
        assertTrue(missing.getMessage().contains("build-image micro"), missing.getMessage());
        VmDriverException unknown = assertThrows(VmDriverException.class, () -> catalog.resolve("nope"));
        assertEquals(VmDriverException.Code.IMAGE_NOT_FOUND, unknown.code());
        assertTrue(unknown.getMessage().contains("unknown image 'nope'"), unknown.getMessage());
    }

    @Test
    void anOperatorPointsANameAtACloudImageFile() throws Exception {
        Path qcow = data.resolve("jammy-server-cloudimg-amd64.img");
        Files.write(qcow, new byte[]{'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        Path raw = data.resolve("my.raw");
        Files.write(raw, new byte[512]);
        ImageCatalog catalog = new ImageCatalog(data, Map.of("ubuntu", qcow.toString(), "custom", raw.toString(),
                "custom.user", "admin", "anon", raw.toString()));
        VmImage ubuntu = catalog.resolve("ubuntu");
        assertEquals(VmImage.Kind.CLOUD_DISK, ubuntu.kind());
        assertEquals("qcow2", ubuntu.diskFormat());
        assertEquals("ubuntu", ubuntu.loginUser());
        VmImage custom = catalog.resolve("custom");
        assertEquals("raw", custom.diskFormat());
        assertEquals("admin", custom.loginUser());
        VmDriverException noUser = assertThrows(VmDriverException.class, () -> catalog.resolve("anon"));
        assertTrue(noUser.getMessage().contains("anon.user"), noUser.getMessage());
        assertEquals(java.util.Set.of("anon", "custom", "micro", "ubuntu"), catalog.names());
    }
}
