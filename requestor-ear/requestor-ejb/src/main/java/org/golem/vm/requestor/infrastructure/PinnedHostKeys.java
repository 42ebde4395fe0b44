package org.golem.vm.requestor.infrastructure;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.logging.Logger;
import org.golem.vm.requestor.domain.RentedVm;

/**
 * The VMs' pinned SSH host keys in the requestor's {@code known_hosts} (OpenSSH format, written by
 * {@code golem vm ssh|exec|stats}). A VM's key is pinned per VM, not per address: under the host name
 * {@link #alias}, which OpenSSH's {@code HostKeyAlias} option and JSch's {@code Session.setHostKeyAlias} look up
 * instead of {@code [host]:port}. A provider hands a destroyed VM's SSH port to a later VM, so a pin per address
 * would refuse the later VM ("host key has changed"); a pin per VM does not, and still refuses a VM whose key
 * changed under the same name. Deleting the VM removes its pin ({@link #unpin}).
 */
public final class PinnedHostKeys {
    private static final Logger LOG = Logger.getLogger(PinnedHostKeys.class.getName());

    private PinnedHostKeys() {
    }

    /**
     * @param vmName     the VM's name ({@code [a-z0-9-]}, 3–64 characters)
     * @param providerId the provider's address ({@code 0x} + 40 hex digits, any case)
     * @return the host name its key is pinned under: {@code <vm-name>.<provider-id in lower case>.golem-vm}, e.g.
     *         {@code web1.0x9d12f0af464a6b5efd4bbb8679cc205012326019.golem-vm} (lower case only: OpenSSH compares
     *         host names case-insensitively)
     */
    public static String alias(String vmName, String providerId) {
        return RentedVm.hostKeyAlias(vmName, providerId);
    }

    /**
     * Removes the keys pinned under a VM's {@link #alias}. A missing file or entry is not an error.
     *
     * @param knownHosts the known_hosts file
     * @param alias      the VM's {@link #alias}
     * @return true when a key was pinned under it and is now removed
     * @throws IOException when the file cannot be read, or still pins a key under the alias afterwards (it could not
     *                     be written)
     */
    public static boolean unpin(Path knownHosts, String alias) throws IOException {
        if (!Files.exists(knownHosts) || open(knownHosts).getHostKey(alias, null).length == 0) {
            return false;
        }
        open(knownHosts).remove(alias, null); // rewrites the file in place (mode kept); JSch swallows write errors ...
        if (open(knownHosts).getHostKey(alias, null).length > 0) { // ... so read it back
            throw new IOException("could not remove the pinned host key of " + alias + " from " + knownHosts
                    + " (is it writable?)");
        }
        return true;
    }

    /**
     * @param blob an SSH public key blob (the base64-decoded second field of a known_hosts line)
     * @return its OpenSSH fingerprint, {@code SHA256:<base64 of SHA-256(blob), no padding>}
     */
    public static String fingerprint(byte[] blob) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * The check of a VM's host key when the requestor itself connects (the web console's terminal), the same rules
     * as {@code golem vm ssh}: the presented key must have the fingerprint the provider reported (when it reported
     * one), and must be one of the keys pinned under the VM's {@link #alias} (when any is pinned); with no pin yet
     * the key is pinned. Use with {@code StrictHostKeyChecking=yes} and {@code Session.setHostKeyAlias(alias)}, so
     * that JSch accepts exactly what {@link #check} accepts.
     *
     * @param knownHosts          the known_hosts file (created, mode 0600, when a first key is pinned)
     * @param expectedFingerprint the provider's fingerprint ({@code SHA256:...}), or null
     * @return the repository to give {@code JSch.setHostKeyRepository}
     * @throws IOException when the file exists but cannot be read
     */
    public static Verifier verifier(Path knownHosts, String expectedFingerprint) throws IOException {
        return new Verifier(open(knownHosts), knownHosts, expectedFingerprint);
    }

    /** See {@link #verifier}. */
    public static final class Verifier implements HostKeyRepository {
        private final HostKeyRepository known;
        private final Path file;
        private final String expected;
        private volatile String failure;
        private volatile String presented;

        private Verifier(HostKeyRepository known, Path file, String expected) {
            this.known = known;
            this.file = file;
            this.expected = expected == null || expected.isBlank() ? null : expected.strip();
        }

        /** @return why the key was refused (both fingerprints), or null when it was not */
        public String failure() {
            return failure;
        }

        /** @return the fingerprint of the key the VM presented, or null before the key exchange */
        public String presented() {
            return presented;
        }

        @Override
        public int check(String host, byte[] key) {
            String got = fingerprint(key);
            presented = got;
            if (expected != null && !MessageDigest.isEqual(got.getBytes(StandardCharsets.US_ASCII),
                    expected.replaceAll("=+$", "").getBytes(StandardCharsets.US_ASCII))) {
                failure = "the VM presented host key " + got + " but its provider reported " + expected
                        + "; refusing to connect";
                return CHANGED;
            }
            HostKey[] pinned = known.getHostKey(host, null);
            for (HostKey k : pinned) {
                if (Arrays.equals(Base64.getDecoder().decode(k.getKey()), key)) {
                    return OK;
                }
            }
            if (pinned.length > 0) {
                failure = "the VM presented host key " + got + " but " + file + " pins another one as " + host
                        + "; refusing to connect";
                return CHANGED;
            }
            try {
                if (!Files.exists(file)) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                known.add(new HostKey(host, HostKey.GUESS, key), null);
            } catch (IOException | JSchException e) {
                LOG.warning(() -> "could not pin the host key of " + host + " in " + file + ": " + e.getMessage());
            }
            return OK;
        }

        /** Not used: with {@code StrictHostKeyChecking=yes} JSch adds nothing itself, {@link #check} pins. */
        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            throw new UnsupportedOperationException("the verifier pins keys in check() only");
        }

        /** Not used: pins are removed by {@link PinnedHostKeys#unpin}. */
        @Override
        public void remove(String host, String type) {
            throw new UnsupportedOperationException("use PinnedHostKeys.unpin");
        }

        /** Not used: pins are removed by {@link PinnedHostKeys#unpin}. */
        @Override
        public void remove(String host, String type, byte[] key) {
            throw new UnsupportedOperationException("use PinnedHostKeys.unpin");
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return file.toString();
        }

        @Override
        public HostKey[] getHostKey() {
            return known.getHostKey();
        }

        /** JSch asks which key types are pinned for the alias, to prefer them in the key exchange. */
        @Override
        public HostKey[] getHostKey(String host, String type) {
            return known.getHostKey(host, type);
        }
    }

    private static HostKeyRepository open(Path knownHosts) throws IOException {
        JSch jsch = new JSch();
        try {
            jsch.setKnownHosts(knownHosts.toString());
        } catch (JSchException e) {
            throw new IOException("cannot read " + knownHosts + ": " + e.getMessage(), e);
        }
        return jsch.getHostKeyRepository();
    }
}
