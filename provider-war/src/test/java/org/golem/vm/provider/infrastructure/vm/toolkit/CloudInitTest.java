package org.golem.vm.provider.infrastructure.vm.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudInitTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1 bob: \"laptop\" #1";

    @TempDir
    Path dir;

    @Test
    void multipassUserDataGivesTheKeyToTheDefaultUserAndLocksTheRest() throws IOException {
        assertEquals("#cloud-config\n"
                + "hostname: vm-one\n"
                + "ssh_pwauth: false\n"
                + "disable_root: true\n"
                + "ssh_authorized_keys:\n"
                + "  - \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1 bob: \\\"laptop\\\" #1\"\n",
                CloudInit.multipassUserData("vm-one", KEY));
    }

    @Test
    void metaDataNamesTheInstanceAndCarriesTheKey() throws IOException {
        assertEquals("instance-id: vm-one\nlocal-hostname: vm-one\npublic-keys:\n"
                + "  - \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1 bob: \\\"laptop\\\" #1\"\n",
                CloudInit.metaData("vm-one", KEY));
    }

    @Test
    void theRequestorsUserDataIsKeptAsIsAndWithoutItThePolicyIsTheUserData() {
        String mime = "Content-Type: multipart/mixed; boundary=\"b\"\r\nMIME-Version: 1.0\r\n\r\n--b--\r\n";
        assertEquals(mime, CloudInit.userData(mime));
        assertEquals("#cloud-config\nssh_pwauth: false\ndisable_root: true\n", CloudInit.VENDOR_DATA);
        assertEquals(CloudInit.VENDOR_DATA, CloudInit.userData(null));
        assertEquals(CloudInit.VENDOR_DATA, CloudInit.userData(""));
    }

    /** Needs {@code cloud-localds} (cloud-image-utils), as the QEMU driver does for cloud images. */
    @Test
    void theNoCloudSeedIsAnIsoLabelledCidataHoldingTheThreeFiles() throws Exception {
        String userData = "#!/bin/sh\necho h\u00e9 > /root/from-user-data\n";
        Path seed = CloudInit.writeNoCloudSeed(dir, "vm-one", KEY, userData, new ProcessRunner(dir.resolve("tmp")));
        assertEquals(dir.resolve(CloudInit.SEED), seed);
        assertEquals(userData, Files.readString(dir.resolve("user-data")));
        assertEquals(CloudInit.metaData("vm-one", KEY), Files.readString(dir.resolve("meta-data")));
        assertEquals(CloudInit.VENDOR_DATA, Files.readString(dir.resolve("vendor-data")));
        // ISO 9660: the primary volume descriptor at 32 KiB, volume identifier at offset 40 (32 bytes)
        byte[] id = new byte[32];
        try (RandomAccessFile f = new RandomAccessFile(seed.toFile(), "r")) {
            f.seek(0x8000 + 1);
            byte[] magic = new byte[5];
            f.readFully(magic);
            assertEquals("CD001", new String(magic, StandardCharsets.US_ASCII));
            f.seek(0x8000 + 40);
            f.readFully(id);
        }
        assertEquals("cidata", new String(id, StandardCharsets.US_ASCII).strip().toLowerCase());
        String content = new String(Files.readAllBytes(seed), StandardCharsets.UTF_8);
        assertTrue(content.contains("public-keys:"), "meta-data in the seed");
        assertTrue(content.contains(userData), "user-data in the seed, byte for byte");
        assertTrue(content.contains("disable_root: true"), "vendor-data in the seed");

    }
}
