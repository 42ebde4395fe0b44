package org.golem.vm.provider.infrastructure.vm.image;

import org.golem.vm.provider.application.port.VmDriverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.wire.ImageInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
                "custom.user", "admin", "anon", raw.toString(), "ubuntu.os", "Ubuntu 22.04 (jammy)"));
        VmImage ubuntu = catalog.resolve("ubuntu");
        assertEquals(VmImage.Kind.CLOUD_DISK, ubuntu.kind());
        assertEquals("qcow2", ubuntu.diskFormat());
        assertEquals("ubuntu", ubuntu.loginUser());
        VmImage custom = catalog.resolve("custom");
        assertEquals("raw", custom.diskFormat());
        assertEquals("admin", custom.loginUser());
        // the catalogue offers a cloud image file with the configured OS (else its file name), booted by its own loader
        assertEquals(new ImageInfo("ubuntu", "Ubuntu 22.04 (jammy)", 1L, "ubuntu", "disk", true), ubuntu.info());
        assertEquals("cloud image my.raw", custom.info().os());
        VmDriverException noUser = assertThrows(VmDriverException.class, () -> catalog.resolve("anon"));
        assertTrue(noUser.getMessage().contains("anon.user"), noUser.getMessage());
        assertEquals(java.util.Set.of("anon", "custom", "debian-12", "debian-12-docker", "micro", "ubuntu"),
                catalog.names());
    }

    private Path writeDisk(Path dir, String name, String manifestExtra) throws Exception {
        Files.createDirectories(dir);
        byte[] kernel = new byte[1_500_000];
        byte[] initrd = "initrd".getBytes(StandardCharsets.US_ASCII);
        byte[] disk = new byte[2 * 1024 * 1024];
        Files.write(dir.resolve("vmlinuz"), kernel);
        Files.write(dir.resolve("initrd.img"), initrd);
        Files.write(dir.resolve("disk.qcow2"), disk);
        Files.writeString(dir.resolve("manifest.json"), """
                {"name": "%s", %s "boot": "kernel+initrd+disk", "loginUser": "debian", "diskFormat": "qcow2",
                 "files": [
                   {"role": "kernel", "name": "vmlinuz", "sha256": "%s"},
                   {"role": "initrd", "name": "initrd.img", "sha256": "%s"},
                   {"role": "disk", "name": "disk.qcow2", "sha256": "%s"}]}
                """.formatted(name, manifestExtra, sha256(kernel), sha256(initrd), sha256(disk)));
        return dir;
    }

    @Test
    void theStandardImagesAreListedWithTheirStatusAndOnlyReadyOnesAreOffered() throws Exception {
        writeMicro(data.resolve("images/micro"));
        Path debian = writeDisk(data.resolve("images/debian-12"), "debian-12",
                "\"os\": \"Debian 12 (bookworm)\", \"userData\": true,");
        Files.writeString(debian.resolve("disk.qcow2"), "damaged");
        ImageCatalog catalog = new ImageCatalog(data, Map.of());

        List<ImageCatalog.Entry> entries = catalog.entries();
        assertEquals(List.of("debian-12", "debian-12-docker", "micro"),
                entries.stream().map(ImageCatalog.Entry::name).toList());
        ImageCatalog.Entry invalid = entries.get(0);
        assertEquals(ImageCatalog.Status.INVALID, invalid.status());
        assertTrue(invalid.reason().contains("disk.qcow2 has sha256"), invalid.reason());
        assertNull(invalid.info());
        ImageCatalog.Entry missing = entries.get(1);
        assertEquals(ImageCatalog.Status.MISSING, missing.status());
        assertEquals(data.resolve("images/debian-12-docker"), missing.location());
        assertTrue(missing.reason().contains("golem-provider images build debian-12-docker --dir "
                + data.resolve("images")), missing.reason());
        ImageCatalog.Entry ready = entries.get(2);
        assertEquals(ImageCatalog.Status.READY, ready.status());
        assertNull(ready.reason());
        // the test manifest predates the metadata: no "os", and a kernel+initrd image takes no user-data
        assertEquals(new ImageInfo("micro", "unknown", 1L, "root", "kernel+initrd", false), ready.info());

        assertEquals(List.of(ready.info()), catalog.ready());
    }

    @Test
    void aDirectoryWithoutManifestIsMissingNotInvalid() throws Exception {
        Files.createDirectories(data.resolve("images/debian-12-docker"));
        ImageCatalog.Entry e = new ImageCatalog(data, Map.of()).entries().stream()
                .filter(x -> x.name().equals("debian-12-docker")).findFirst().orElseThrow();
        assertEquals(ImageCatalog.Status.MISSING, e.status());
        assertTrue(e.reason().contains("has no manifest.json"), e.reason());
    }

    @Test
    void aDiskImageReportsItsMetadataAndSize() throws Exception {
        Path dir = writeDisk(data.resolve("elsewhere/docker"), "debian-12-docker",
                "\"os\": \"Debian 12 (bookworm) with Docker\", \"userData\": true,");
        Path old = writeDisk(data.resolve("old"), "debian-12", "");
        ImageCatalog catalog = new ImageCatalog(data, Map.of("debian-12-docker", dir.toString(),
                "debian-12", old.toString()));
        // 1.5 MB + 6 B + 2 MiB = 3.43 MiB, rounded up
        assertEquals(new ImageInfo("debian-12-docker", "Debian 12 (bookworm) with Docker", 4L, "debian",
                "kernel+initrd+disk", true), catalog.resolve("debian-12-docker").info());
        // a manifest without the metadata: cloud-init exactly when the root file system is on the disk
        assertEquals(new ImageInfo("debian-12", "unknown", 4L, "debian", "kernel+initrd+disk", true),
                catalog.resolve("debian-12").info());
        assertEquals(List.of("debian-12", "debian-12-docker"),
                catalog.ready().stream().map(ImageInfo::name).toList());
    }
}
