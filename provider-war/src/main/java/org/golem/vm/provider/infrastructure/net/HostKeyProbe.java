package org.golem.vm.provider.infrastructure.net;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a freshly booted VM's SSH host key through its forwarded port (the key exchange only; no login is
 * attempted with any credential) and gives its OpenSSH-style fingerprint, {@code SHA256:<base64, no padding>}, the
 * form {@code ssh-keygen -lf} and OpenSSH's first-connection prompt print. The provider hands it to the owner with
 * the access info, so the owner's client can pin the key instead of trusting it blindly on first use.
 */
public final class HostKeyProbe {
    private HostKeyProbe() {
    }

    /**
     * @param host    where the forward listens (the provider's own address)
     * @param port    forwarded port
     * @param timeout connect and key-exchange timeout
     * @return the fingerprint, or empty when the server did not complete a key exchange in time
     */
    public static Optional<String> fingerprint(String host, int port, Duration timeout) {
        AtomicReference<HostKey> seen = new AtomicReference<>();
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(new Capture(seen));
        Session session = null;
        try {
            session = jsch.getSession("golem-host-key-probe", host, port);
            session.setConfig("PreferredAuthentications", "none");
            session.setUserInfo(new NoUser());
            session.connect((int) timeout.toMillis());
        } catch (JSchException expected) {
            // authentication "none" is refused after the key exchange; the key was captured by then
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
        HostKey key = seen.get();
        return key == null ? Optional.empty() : Optional.of(fingerprint(Base64.getDecoder().decode(key.getKey())));
    }

    /**
     * @param keyBlob the public key in SSH wire format
     * @return {@code SHA256:} + unpadded base64 of its SHA-256
     */
    public static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the server's key and accepts it (this connection never authenticates or sends data). */
    private record Capture(AtomicReference<HostKey> seen) implements HostKeyRepository {
        @Override
        public int check(String host, byte[] key) {
            try {
                seen.set(new HostKey(host, key));
            } catch (JSchException e) {
                return NOT_INCLUDED;
            }
            return OK;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
        }

        @Override
        public void remove(String host, String type) {
        }

        @Override
        public void remove(String host, String type, byte[] key) {
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "golem-host-key-probe";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }

    private static final class NoUser implements UserInfo {
        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public boolean promptPassword(String message) {
            return false;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false;
        }

        @Override
        public void showMessage(String message) {
        }
    }
}
