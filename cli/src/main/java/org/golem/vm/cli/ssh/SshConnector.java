package org.golem.vm.cli.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.Session;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens an SSH session to a VM with JSch: public-key login with the service's key, host key checked by
 * {@link HostKeyPolicy} under the VM's own name in known_hosts ({@link VmAccess#hostKeyAlias()}), keep-alives every
 * 15 s. Failures become {@link SshException}s with one line for the user (host key refused, login refused,
 * connection refused, ...). The private key is never printed.
 */
public final class SshConnector {

    private static final Logger LOG = Logger.getLogger(SshConnector.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 20_000;
    /** How long a reset or cut-off connection is tried again (a VM's sshd restarting), milliseconds. */
    static final long RETRY_WINDOW_MS = 20_000;
    private static final long RETRY_PAUSE_MS = 1_000;

    private SshConnector() {
    }

    /**
     * @param access  where and how to connect
     * @param notices receives one-line notices (host key added / trusted on first use)
     * @return a connected session; the caller disconnects it
     * @throws SshException when the session cannot be established (a reset or cut-off connection is tried again
     *                      for up to {@value #RETRY_WINDOW_MS} ms first)
     */
    public static Session connect(VmAccess access, Consumer<String> notices) {
        if (!Files.isReadable(access.privateKeyFile())) {
            throw new SshException("cannot read the SSH private key " + access.privateKeyFile()
                    + " (the requestor service's key; run golem as the same user as the service)");
        }
        JSch jsch = new JSch();
        HostKeyPolicy policy;
        try {
            jsch.addIdentity(access.privateKeyFile().toString());
            jsch.setKnownHosts(access.knownHostsFile().toString());
            policy = new HostKeyPolicy(jsch.getHostKeyRepository(), access.knownHostsFile(),
                    access.hostKeyFingerprint(), access.subject(), notices);
            jsch.setHostKeyRepository(policy);
        } catch (JSchException e) {
            LOG.log(Level.FINE, "JSch set-up failed", e);
            throw new SshException("cannot use the SSH key " + access.privateKeyFile() + " or known_hosts "
                    + access.knownHostsFile() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + RETRY_WINDOW_MS * 1_000_000L;
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(jsch, access);
            } catch (JSchException e) {
                if (policy.failure() == null && transientFailure(e) && System.nanoTime() < deadline) {
                    LOG.log(Level.FINE, "SSH connect attempt " + attempt + " failed, retrying", e);
                    if (attempt == 1) {
                        notices.accept("SSH to " + access.host() + ":" + access.port() + " was cut off ("
                                + e.getMessage() + "); the VM's SSH server may be restarting after its first boot,"
                                + " trying again for up to " + RETRY_WINDOW_MS / 1000 + " s");
                    }
                    sleep(RETRY_PAUSE_MS);
                    continue;
                }
                throw failure(e, policy, access);
            }
        }
    }

    /**
     * A failure that a VM whose SSH server is restarting gives: the connection reset or closed before the key
     * exchange. The provider's user-mode network keeps the forwarded port open while the VM runs, so when the
     * guest's sshd is not listening the connection is accepted and then reset; cloud-init may restart sshd after the
     * first SSH banner was seen (e.g. when it rewrites the password settings), so a VM reported running can do that
     * for a few seconds. A refused connection (nothing listens: the VM is gone) is not retried.
     */
    static boolean transientFailure(JSchException e) {
        if (e instanceof JSchHostKeyException) {
            return false;
        }
        Throwable cause = e.getCause();
        if (cause instanceof java.net.SocketException && !(cause instanceof ConnectException)
                && !(cause instanceof NoRouteToHostException)) {
            return true;
        }
        String m = String.valueOf(e.getMessage());
        return m.contains("Connection reset") || m.contains("connection is closed by foreign host")
                || m.contains("invalid server's version string");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while waiting to connect again");
        }
    }

    private static Session attempt(JSch jsch, VmAccess access) throws JSchException {
        Session session = null;
        try {
            session = jsch.getSession(access.user(), access.host(), access.port());
            if (access.hostKeyAlias() != null) {
                session.setHostKeyAlias(access.hostKeyAlias()); // the key is pinned per VM, not per [host]:port
            }
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval(15_000);
            session.setServerAliveCountMax(4);
            session.setDaemonThread(true);
            session.connect(CONNECT_TIMEOUT_MS);
            return session;
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            throw e;
        }
    }

    /** @return the user's one-line explanation of a failed connection */
    private static SshException failure(JSchException e, HostKeyPolicy policy, VmAccess access) {
        LOG.log(Level.FINE, "SSH connect failed", e);
        if (policy.failure() != null) {
            return new SshException(policy.failure(), e);
        }
        if (e instanceof JSchHostKeyException) {
            return new SshException("the SSH host key of " + access.host() + ":" + access.port()
                    + " was refused: " + e.getMessage(), e);
        }
        Throwable cause = e.getCause();
        String where = access.host() + ":" + access.port();
        if (cause instanceof ConnectException) {
            return new SshException("cannot connect to " + where + " (connection refused; the VM may still be "
                    + "booting or be stopped)", e);
        }
        if (cause instanceof SocketTimeoutException || String.valueOf(e.getMessage()).contains("timeout")) {
            return new SshException("cannot connect to " + where + " (timed out)", e);
        }
        if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
            return new SshException("cannot connect to " + where + " (" + cause.getMessage() + ")", e);
        }
        if (String.valueOf(e.getMessage()).startsWith("Auth fail")) {
            return new SshException("SSH login as " + access.user() + " at " + where + " was refused for the key "
                    + access.privateKeyFile(), e);
        }
        return new SshException("SSH connection to " + where + " failed: " + e.getMessage(), e);
    }
}
