package org.golem.vm.requestor.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jsch.HostKeyRepository;
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
 * pins, address entries and comments stay, the file keeps mode 0600), as OpenSSH's {@code ssh-keygen -F} sees it;
 * and the check of a VM's key when the requestor connects itself (the web console's terminal).
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

    @Test
    void theVerifierPinsTheReportedKeyAndThenAcceptsOnlyIt() throws Exception {
        String alias = PinnedHostKeys.alias("web1", PROVIDER);
        Path file = tmp.resolve("ssh/known_hosts");
        byte[] key = blob(publicKey());
        byte[] other = blob(publicKey());

        PinnedHostKeys.Verifier first = PinnedHostKeys.verifier(file, PinnedHostKeys.fingerprint(key));
        assertEquals(HostKeyRepository.OK, first.check(alias, key));
        assertEquals(PinnedHostKeys.fingerprint(key), first.presented());
        assertTrue(sshKeygenFinds(alias, file), "pinned as the VM's alias");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertEquals(HostKeyRepository.OK, PinnedHostKeys.verifier(file, null).check(alias, key), "the pin");
        PinnedHostKeys.Verifier changed = PinnedHostKeys.verifier(file, null);
        assertEquals(HostKeyRepository.CHANGED, changed.check(alias, other), "another key than the pinned one");
        assertTrue(changed.failure().contains(PinnedHostKeys.fingerprint(other)), changed.failure());
        assertEquals(1, Files.readAllLines(file).size(), "the pin is kept");
    }

    @Test
    void theVerifierRefusesAKeyWhoseFingerprintTheProviderDidNotReport() throws Exception {
        String alias = PinnedHostKeys.alias("web1", PROVIDER);
        Path file = tmp.resolve("known_hosts");
        byte[] key = blob(publicKey());
        String reported = PinnedHostKeys.fingerprint(blob(publicKey()));
        PinnedHostKeys.Verifier v = PinnedHostKeys.verifier(file, reported);
        assertEquals(HostKeyRepository.CHANGED, v.check(alias, key));
        assertTrue(v.failure().contains(reported) && v.failure().contains(PinnedHostKeys.fingerprint(key)),
                v.failure());
        assertFalse(Files.exists(file), "nothing pinned");
    }

    @Test
    void aFingerprintIsOpenSshs() throws Exception {
        String line = publicKey();
        Path pub = tmp.resolve("k.pub");
        Files.writeString(pub, line + "\n");
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-f", pub.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertTrue(out.contains(PinnedHostKeys.fingerprint(blob(line)) + " "), out);
    }

    private static byte[] blob(String publicKeyLine) {
        return Base64.getDecoder().decode(publicKeyLine.split(" ")[1]);
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
