package org.golem.vm.requestor.infrastructure;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.golem.vm.common.keys.KeyFiles;

/**
 * The requestor's SSH key pair: {@code id_ed25519} (OpenSSH private key, mode 0600) and {@code id_ed25519.pub}
 * (one OpenSSH public key line) in the SSH directory, generated with JSch on first use (FLAW fixed: the original
 * silently used and published the user's personal {@code ~/.ssh/id_rsa}, or generated RSA in PEM).
 *
 * @param privateKeyFile the private key file
 * @param publicKey      the public key line, {@code ssh-ed25519 AAAA... golem-requestor}
 */
public record SshKeyPair(Path privateKeyFile, String publicKey) {

    /**
     * @param dir the SSH directory (created with mode 0700)
     * @return the key pair, generated when missing
     * @throws IOException when the files cannot be read or written
     */
    public static SshKeyPair loadOrCreate(Path dir) throws IOException {
        Path priv = dir.resolve("id_ed25519");
        Path pub = dir.resolve("id_ed25519.pub");
        if (!Files.exists(priv)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: nothing to tighten
            }
            KeyPair pair;
            ByteArrayOutputStream privateOut = new ByteArrayOutputStream();
            try {
                pair = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
                pair.writeOpenSSHv1PrivateKey(privateOut, null, "golem-requestor"); // ssh-keygen's format, no passphrase
            } catch (JSchException e) {
                throw new IOException("cannot generate an ed25519 key: " + e.getMessage(), e);
            }
            ByteArrayOutputStream publicOut = new ByteArrayOutputStream();
            pair.writePublicKey(publicOut, "golem-requestor");
            pair.dispose();
            KeyFiles.writeSecret(priv, privateOut.toString(StandardCharsets.US_ASCII));
            Files.writeString(pub, publicOut.toString(StandardCharsets.US_ASCII).strip() + "\n");
        }
        KeyFiles.requireOwnerOnly(priv);
        return new SshKeyPair(priv, Files.readString(pub).strip());
    }
}
