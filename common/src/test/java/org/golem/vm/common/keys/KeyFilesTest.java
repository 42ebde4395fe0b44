package org.golem.vm.common.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class KeyFilesTest {

    // anvil's first well-known development key (public test key, never holds real funds)
    private static final String DEV_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String DEV_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    @TempDir
    Path dir;

    @Test
    void createdKeyFileIsOwnerOnlyAndReadsBackTheSameKey() throws IOException {
        Path file = dir.resolve("keys/provider.key");
        Credentials created = KeyFiles.createPrivateKey(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(created.getAddress(), KeyFiles.readPrivateKey(file).getAddress());
    }

    @Test
    void existingKeyIsNeverOverwritten() throws IOException {
        Path file = dir.resolve("k");
        Credentials first = KeyFiles.createPrivateKey(file);
        assertThrows(FileAlreadyExistsException.class, () -> KeyFiles.createPrivateKey(file));
        assertEquals(first.getAddress(), KeyFiles.readPrivateKey(file).getAddress());
    }

    @Test
    void readsHexWithOrWithoutPrefixAndWhitespace() throws IOException {
        Path file = dir.resolve("k");
        KeyFiles.writeSecret(file, "  0x" + DEV_KEY + "\n");
        assertEquals(DEV_ADDRESS, KeyFiles.readPrivateKey(file).getAddress());
    }

    @Test
    void refusesGroupOrWorldReadableFileWithoutRevealingTheKey() throws IOException {
        Path file = dir.resolve("k");
        Files.writeString(file, DEV_KEY);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(KeyFiles.InsecureKeyFileException.class, () -> KeyFiles.readPrivateKey(file));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains(DEV_KEY.substring(0, 16)));
    }

    @Test
    void refusesMalformedKeyWithoutEchoingIt() throws IOException {
        Path file = dir.resolve("k");
        KeyFiles.writeSecret(file, "not-a-key-0123456789abcdef");
        IOException e = assertThrows(IOException.class, () -> KeyFiles.readPrivateKey(file));
        assertFalse(e.getMessage().contains("not-a-key"));
    }
}
