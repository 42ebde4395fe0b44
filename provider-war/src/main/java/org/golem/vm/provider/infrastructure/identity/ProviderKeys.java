package org.golem.vm.provider.infrastructure.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;
import org.golem.vm.common.keys.KeyFiles;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * The provider's secrets, each in a file with mode 0600 created on first start: its Ethereum key (its address is
 * the provider id, the required stream recipient, the signer of advertisements and withdrawals) and the admin
 * bearer token. Neither value is ever logged (FLAW fixed: the original logged its key from the environment and
 * kept it in plaintext JSON chmod-ed after writing).
 */
public final class ProviderKeys {
    private static final Logger LOG = Logger.getLogger(ProviderKeys.class.getName());

    private ProviderKeys() {
    }

    /**
     * Reads the key file, or creates one with a fresh random key (mode 0600) when it does not exist.
     *
     * @param file e.g. {@code ~/.golem/provider/provider.key}
     * @return the credentials
     * @throws UncheckedIOException when the file exists but is unreadable, malformed or readable by others
     */
    public static Credentials loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return KeyFiles.readPrivateKey(file);
            }
            Credentials created = KeyFiles.createPrivateKey(file);
            LOG.info(() -> "created provider key " + file + " for " + Keys.toChecksumAddress(created.getAddress()));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("provider key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the admin token file, or writes a new random 256-bit token (hex, mode 0600) when missing.
     *
     * @param file e.g. {@code ~/.golem/provider/admin.token}
     * @return the token
     * @throws UncheckedIOException when the file is unreadable, empty or readable by others
     */
    public static String adminToken(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] b = new byte[32];
                new SecureRandom().nextBytes(b);
                KeyFiles.writeSecret(file, HexFormat.of().formatHex(b) + "\n");
                LOG.info(() -> "created admin token file " + file);
            }
            KeyFiles.requireOwnerOnly(file);
            String token = Files.readString(file).strip();
            if (token.length() < 16) {
                throw new IOException("admin token in " + file + " is too short (need 16+ characters)");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("admin token " + file + ": " + e.getMessage(), e);
        }
    }
}
