package org.golem.vm.requestor.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM's pinned host key in the requestor's known_hosts: removed by its alias and only its own entry (other VMs'
 * pins, address entries and comments stay, the file keeps mode 0600), as OpenSSH's {@code ssh-keygen -F} sees it.
 */
class PinnedHostKeysTest {
    private static final String PROVIDER = "0x9D12f0AF464A6b5EFd4bbb8679cC205012326019";

    @TempDir
    Path tmp;

    @Test
    void aliasNamesTheVmAndItsProviderInLowerCase() {
        assertEquals("web1.0x9d12f0af464a6b5efd4bbb8679cc205012326019.golem-vm", PinnedHostKeys.alias("web1", PROVIDER));
    }

    @Test
    void unpinRemovesOnlyThatVmsKey() throws Exception {
        String web1 = PinnedHostKeys.alias("web1", PROVIDER);
        String web2 = PinnedHostKeys.alias("web2", PROVIDER);
        Path file = tmp.resolve("known_hosts");
        List<String> lines = List.of("# pinned by golem", web1 + " " + publicKey(), web2 + " " + publicKey(),
                "[127.0.0.1]:50800 " + publicKey());
        Files.write(file, lines);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertTrue(sshKeygenFinds(web1, file));

        assertTrue(PinnedHostKeys.unpin(file, web1));

        assertFalse(sshKeygenFinds(web1, file), Files.readString(file));
        assertTrue(sshKeygenFinds(web2, file), Files.readString(file));
        assertEquals(List.of(lines.get(0), lines.get(2), lines.get(3)), Files.readAllLines(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(PinnedHostKeys.unpin(file, web1), "nothing left to remove");
        assertFalse(PinnedHostKeys.unpin(tmp.resolve("missing"), web1), "no file, no pin");
    }

    private static String publicKey() throws Exception {
        KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
        String line = "ssh-ed25519 " + Base64.getEncoder().encodeToString(pair.getPublicKeyBlob());
        pair.dispose();
        return line;
    }

    /** @return whether OpenSSH's {@code ssh-keygen -F host -f file} finds a key for the host */
    private static boolean sshKeygenFinds(String host, Path file) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-F", host, "-f", file.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        return p.exitValue() == 0 && out.contains(host);
    }
}
