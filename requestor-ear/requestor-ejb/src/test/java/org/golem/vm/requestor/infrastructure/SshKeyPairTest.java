package org.golem.vm.requestor.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requestor's SSH key pair: an ed25519 key OpenSSH itself accepts ({@code ssh-keygen -y} derives the same public
 * key from the private file), private key mode 0600 in a 0700 directory, generated once and reused.
 */
class SshKeyPairTest {

    @Test
    void generatesAnOpenSshEd25519KeyOnceWithPrivateModes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ssh");
        SshKeyPair first = SshKeyPair.loadOrCreate(dir);
        assertTrue(first.publicKey().startsWith("ssh-ed25519 AAAA"), first.publicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKeyFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Process p = new ProcessBuilder("ssh-keygen", "-y", "-f", first.privateKeyFile().toString())
                .redirectErrorStream(true).start();
        String derived = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), derived);
        assertEquals(first.publicKey().split(" ")[1], derived.split(" ")[1], "ssh-keygen reads our private key");
        assertEquals(first, SshKeyPair.loadOrCreate(dir), "reused, not regenerated");
    }
}
