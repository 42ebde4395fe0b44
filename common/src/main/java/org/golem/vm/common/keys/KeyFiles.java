package org.golem.vm.common.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Secrets on disk: Ethereum private keys and tokens live in files readable only by their owner (mode 0600).
 *
 * <p>Key files hold the private key as 64 hex digits, with or without {@code 0x}, surrounding whitespace ignored.
 * Nothing here logs or returns a secret in an exception message.
 */
public final class KeyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFiles() {
    }

    /**
     * Reads an Ethereum private key from a file.
     *
     * @param file a file of mode 0600 (or 0400) holding the key in hex
     * @return the credentials for the key
     * @throws InsecureKeyFileException when group or others may read or write the file
     * @throws IOException when the file cannot be read or does not hold a 32-byte hex key
     */
    public static Credentials readPrivateKey(Path file) throws IOException {
        requireOwnerOnly(file);
        return parsePrivateKey(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
    }

    /**
     * Parses a private key given in hex (for example from an environment variable).
     *
     * @param hex    64 hex digits, optionally prefixed with {@code 0x}
     * @param source where the value came from, for the error message (never the value itself)
     * @throws IOException when the value is not a 32-byte hex key
     */
    public static Credentials parsePrivateKey(String hex, String source) throws IOException {
        String digits = Numeric.cleanHexPrefix(hex == null ? "" : hex.strip());
        if (!digits.matches("[0-9a-fA-F]{64}")) {
            throw new IOException(source + " does not hold a private key (expected 64 hex digits)");
        }
        return Credentials.create(digits);
    }

    /**
     * Creates a new random key and writes it to {@code file} with mode 0600; fails if the file exists, so a key is
     * never overwritten.
     *
     * @return the new credentials
     * @throws FileAlreadyExistsException when the file exists
     * @throws IOException when the file cannot be written
     */
    public static Credentials createPrivateKey(Path file) throws IOException {
        try {
            ECKeyPair pair = Keys.createEcKeyPair();
            writeSecret(file, Numeric.toHexStringNoPrefixZeroPadded(pair.getPrivateKey(), 64) + "\n");
            return Credentials.create(pair);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot generate a key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a secret to a new file created with mode 0600 from the start (never world-readable, not even briefly).
     *
     * @throws FileAlreadyExistsException when the file exists
     * @throws IOException when it cannot be written
     */
    public static void writeSecret(Path file, String secret) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, secret, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * @throws InsecureKeyFileException when group or others have any permission on the file
     * @throws IOException when its permissions cannot be read
     */
    public static void requireOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : perms) {
            if (!p.name().startsWith("OWNER_")) {
                throw new InsecureKeyFileException(file + " is accessible to group or others (mode "
                        + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
            }
        }
    }

    /** A secret file whose permissions let other users read or change it. */
    public static final class InsecureKeyFileException extends IOException {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong and how to fix it */
        public InsecureKeyFileException(String message) {
            super(message);
        }
    }
}
