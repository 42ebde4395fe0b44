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

    private SshConnector() {
    }

    /**
     * @param access  where and how to connect
     * @param notices receives one-line notices (host key added / trusted on first use)
     * @return a connected session; the caller disconnects it
     * @throws SshException when the session cannot be established
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
            LOG.log(Level.FINE, "SSH connect failed", e);
            if (policy.failure() != null) {
                throw new SshException(policy.failure(), e);
            }
            if (e instanceof JSchHostKeyException) {
                throw new SshException("the SSH host key of " + access.host() + ":" + access.port()
                        + " was refused: " + e.getMessage(), e);
            }
            Throwable cause = e.getCause();
            String where = access.host() + ":" + access.port();
            if (cause instanceof ConnectException) {
                throw new SshException("cannot connect to " + where + " (connection refused; the VM may still be "
                        + "booting or be stopped)", e);
            }
            if (cause instanceof SocketTimeoutException || String.valueOf(e.getMessage()).contains("timeout")) {
                throw new SshException("cannot connect to " + where + " (timed out)", e);
            }
            if (cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                throw new SshException("cannot connect to " + where + " (" + cause.getMessage() + ")", e);
            }
            if (String.valueOf(e.getMessage()).startsWith("Auth fail")) {
                throw new SshException("SSH login as " + access.user() + " at " + where + " was refused for the key "
                        + access.privateKeyFile(), e);
            }
            throw new SshException("SSH connection to " + where + " failed: " + e.getMessage(), e);
        }
    }
}
