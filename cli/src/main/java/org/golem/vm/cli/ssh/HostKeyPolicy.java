package org.golem.vm.cli.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The host key policy of {@code golem vm ssh/exec/stats}: a {@link HostKeyRepository} wrapping JSch's own
 * known_hosts repository (OpenSSH format, hashed entries understood). Use it with
 * {@code StrictHostKeyChecking=yes}, so JSch accepts exactly what {@link #check} accepts.
 *
 * <p>JSch checks the host string the session names: the VM's own alias ({@link VmAccess#hostKeyAlias()},
 * {@code <name>.<provider id>.golem-vm}, the requestor service names it), so each VM has its own pin and a later VM
 * that gets a destroyed VM's host and port is not taken for it (or {@code [host]:port}, {@code host} for port 22,
 * when the service names no alias):
 * <ol>
 *   <li>the service reported the VM's fingerprint (as its provider read it): the presented key must have it
 *       ({@link SshFingerprint}), pinned or not, else the connection is refused;</li>
 *   <li>known_hosts pins keys under exactly that host string: the presented key must be one of them, else the
 *       connection is refused ({@link #failure()} says why and how to remove a stale pin). Unlike JSch's own
 *       check, an entry for the bare {@code host} (port 22) does not count for {@code [host]:port}: VMs behind one
 *       provider address differ per port;</li>
 *   <li>no pin, and the fingerprint matched: the key is pinned (added to known_hosts);</li>
 *   <li>no pin and no fingerprint: trust on first use — the key is pinned and a warning naming its fingerprint is
 *       reported through the notice callback.</li>
 * </ol>
 */
public final class HostKeyPolicy implements HostKeyRepository {

    private static final Logger LOG = Logger.getLogger(HostKeyPolicy.class.getName());

    private final HostKeyRepository known;
    private final Path knownHostsFile;
    private final String expectedFingerprint;
    private final String subject;
    private final Consumer<String> notices;
    private volatile String failure;

    /**
     * @param known               JSch's known_hosts repository ({@code jsch.setKnownHosts(file);
     *                            jsch.getHostKeyRepository()})
     * @param knownHostsFile      the file behind it (created, mode 0600, when a key is first added)
     * @param expectedFingerprint the VM's host key fingerprint from the service ({@code SHA256:...}), or null
     * @param subject             the machine as messages name it ({@link VmAccess#subject()})
     * @param notices             receives one-line notices for the user (key pinned, trusted on first use)
     */
    public HostKeyPolicy(HostKeyRepository known, Path knownHostsFile, String expectedFingerprint, String subject,
                         Consumer<String> notices) {
        this.known = known;
        this.knownHostsFile = knownHostsFile;
        this.expectedFingerprint = expectedFingerprint == null || expectedFingerprint.isBlank()
                ? null : expectedFingerprint.strip();
        this.subject = subject;
        this.notices = notices;
    }

    /** @return why the last check refused the host key, or null when it did not */
    public String failure() {
        return failure;
    }

    /**
     * @param host the host string the key is pinned under (the VM's alias, or {@code [host]:port})
     * @param key  the key blob the server presented
     * @return {@link #OK}, or {@link #CHANGED} with {@link #failure()} saying why
     */
    @Override
    public int check(String host, byte[] key) {
        String type = SshFingerprint.keyType(key);
        String presented = SshFingerprint.sha256(key);
        if (expectedFingerprint != null && !SshFingerprint.matches(expectedFingerprint, key)) {
            failure = "the SSH host key of " + subject + " (" + type + " " + presented + ") does not match the "
                    + "fingerprint the provider reported (" + expectedFingerprint + "); refusing to connect";
            return CHANGED;
        }
        List<HostKey> entries = exact(host, null);
        if (!entries.isEmpty()) {
            List<String> listed = new ArrayList<>();
            for (HostKey k : entries) {
                byte[] blob = blob(k);
                if (Arrays.equals(blob, key)) {
                    failure = null;
                    return OK;
                }
                listed.add(k.getType() + " " + (blob == null ? "?" : SshFingerprint.sha256(blob)));
            }
            failure = "the SSH host key of " + subject + " has changed: it presented " + type + " " + presented
                    + " but " + knownHostsFile + " pins " + String.join(", ", listed) + " as " + host
                    + "; refusing to connect. If the VM was re-created under the same name, remove the old pin with: "
                    + "ssh-keygen -R '" + host + "' -f " + knownHostsFile;
            return CHANGED;
        }
        if (expectedFingerprint != null) {
            if (remember(host, key)) {
                notices.accept("host key of " + subject + " (" + type + " " + presented
                        + ") matches the provider's fingerprint; pinned as " + host + " in " + knownHostsFile);
            }
            failure = null;
            return OK;
        }
        remember(host, key);
        notices.accept("warning: no fingerprint known for " + subject + "; trusting its host key on first use ("
                + type + " " + presented + ") and pinning it as " + host + " in " + knownHostsFile);
        failure = null;
        return OK;
    }

    /** Entries for exactly {@code host} (JSch's repository also returns those of the bare host for [host]:port). */
    private List<HostKey> exact(String host, String type) {
        List<HostKey> all = new ArrayList<>(Arrays.asList(known.getHostKey(host, type)));
        int close = host.indexOf("]:");
        if (host.startsWith("[") && close > 1) {
            for (HostKey bare : known.getHostKey(host.substring(1, close), type)) {
                int i = lastIndexOfIdentity(all, bare);
                if (i >= 0) {
                    all.remove(i);
                }
            }
        }
        return all;
    }

    private static int lastIndexOfIdentity(List<HostKey> list, HostKey k) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) == k) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] blob(HostKey k) {
        try {
            return Base64.getDecoder().decode(k.getKey());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return true when the key was written to the known_hosts file */
    private boolean remember(String host, byte[] key) {
        try {
            ensureFile();
            known.add(new HostKey(host, HostKey.GUESS, key), null);
            return true;
        } catch (IOException | JSchException e) {
            LOG.log(Level.FINE, "cannot record host key", e);
            notices.accept("warning: could not add the host key of " + host + " to " + knownHostsFile + ": "
                    + e.getMessage());
            return false;
        }
    }

    private void ensureFile() throws IOException {
        if (Files.exists(knownHostsFile)) {
            if (!Files.isWritable(knownHostsFile)) {
                throw new IOException("not writable");
            }
            return;
        }
        Path parent = knownHostsFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(knownHostsFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(knownHostsFile);
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        try {
            ensureFile();
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot create known_hosts", e);
        }
        known.add(hostkey, null);
    }

    @Override
    public void remove(String host, String type) {
        known.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        known.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return exact(host, type).toArray(new HostKey[0]);
    }
}
