package org.golem.vm.cli.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SSH public key fingerprints in OpenSSH's form: {@code SHA256:<base64 without padding>} of the key blob (the
 * bytes whose base64 is the second field of a {@code .pub} or {@code known_hosts} line), as printed by
 * {@code ssh-keygen -l} and reported by providers in {@code host_key_fingerprint}.
 */
public final class SshFingerprint {

    private static final String PREFIX = "SHA256:";

    private SshFingerprint() {
    }

    /**
     * @param blob an SSH public key blob
     * @return {@code SHA256:<base64 of SHA-256(blob), no padding>}
     */
    public static String sha256(byte[] blob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * Compares a fingerprint given by someone else with a key.
     *
     * @param expected {@code SHA256:...} (the prefix may be missing and base64 padding may be present; the
     *                 prefix is case-insensitive, the base64 is not)
     * @param blob     the presented key blob
     * @return true when they match
     */
    public static boolean matches(String expected, byte[] blob) {
        if (expected == null) {
            return false;
        }
        String e = expected.strip();
        if (e.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            e = e.substring(PREFIX.length());
        }
        while (e.endsWith("=")) {
            e = e.substring(0, e.length() - 1);
        }
        String actual = sha256(blob).substring(PREFIX.length());
        return MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), e.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param blob an SSH public key blob
     * @return the key type named inside the blob, e.g. {@code ssh-ed25519}; {@code unknown} when unreadable
     */
    public static String keyType(byte[] blob) {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            int n = b.getInt();
            if (n <= 0 || n > 64 || n > b.remaining()) {
                return "unknown";
            }
            byte[] name = new byte[n];
            b.get(name);
            return new String(name, StandardCharsets.US_ASCII);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
