package org.golem.vm.cli.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fingerprints agree with OpenSSH's {@code ssh-keygen -l -E sha256} for real keys. */
class SshFingerprintTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void sameFingerprintAsSshKeygen(String type) throws Exception {
        Path key = KeyGen.generate(tmp, "k", type);
        byte[] blob = KeyGen.blob(key);
        String expected = KeyGen.fingerprint(key);
        assertEquals(expected, SshFingerprint.sha256(blob));
        assertTrue(SshFingerprint.matches(expected, blob));
        assertEquals(KeyGen.publicLine(key).split(" ")[0], SshFingerprint.keyType(blob));
    }

    @Test
    void matchingToleratesPrefixCaseAndPaddingButNotAnotherKey() throws Exception {
        byte[] a = KeyGen.blob(KeyGen.generate(tmp, "a", "ed25519"));
        byte[] b = KeyGen.blob(KeyGen.generate(tmp, "b", "ed25519"));
        String fp = SshFingerprint.sha256(a);
        String bare = fp.substring("SHA256:".length());
        assertTrue(SshFingerprint.matches(bare, a));
        assertTrue(SshFingerprint.matches("sha256:" + bare + "=", a));
        assertTrue(SshFingerprint.matches("  " + fp + "\n", a));
        assertFalse(SshFingerprint.matches(fp, b));
        assertFalse(SshFingerprint.matches(fp.toLowerCase(), a), "base64 is case-sensitive");
        assertFalse(SshFingerprint.matches(null, a));
        assertFalse(SshFingerprint.matches("", a));
    }
}
