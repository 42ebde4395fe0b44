package org.golem.vm.requestor.infrastructure;

import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.requestor.application.port.SshKeys;
import org.golem.vm.requestor.application.port.VmShells;

/**
 * Shells in VMs with JSch: public-key login with the requestor's key ({@link SshKeys#identity()}), the host key
 * checked by {@link PinnedHostKeys#verifier} under the VM's alias, a PTY {@code xterm-256color}, keep-alives every
 * 15 s; the output is read on a thread of the server's managed thread factory, one per shell, ending with it.
 */
@ApplicationScoped
public class JschVmShells implements VmShells {
    private static final Logger LOG = Logger.getLogger(JschVmShells.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 20_000;

    @Inject
    SshKeys keys;

    @Resource
    ManagedThreadFactory threads;

    @Override
    public ShellSession open(Target target, int cols, int rows, Listener listener) throws IOException {
        String where = target.host() + ":" + target.port();
        JSch jsch = new JSch();
        PinnedHostKeys.Verifier verifier = PinnedHostKeys.verifier(keys.knownHostsFile(),
                target.expectedFingerprint());
        Session session = null;
        try {
            jsch.addIdentity(keys.identity().privateKeyFile().toString());
            jsch.setHostKeyRepository(verifier);
            session = jsch.getSession(target.user(), target.host(), target.port());
            session.setHostKeyAlias(target.hostKeyAlias()); // the key is pinned per VM, not per [host]:port
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval(15_000);
            session.setServerAliveCountMax(4);
            session.setDaemonThread(true);
            session.connect(CONNECT_TIMEOUT_MS);
            ChannelShell channel = (ChannelShell) session.openChannel("shell");
            channel.setPtyType("xterm-256color", cols, rows, 0, 0);
            InputStream out = channel.getInputStream();
            OutputStream in = channel.getOutputStream();
            channel.connect(CONNECT_TIMEOUT_MS);
            Thread[] reader = new Thread[1];
            JschShell shell = new JschShell(session, channel, in, verifier.presented(), () -> reader[0].start());
            reader[0] = threads.newThread(() -> shell.pump(out, listener));
            reader[0].setName("terminal " + target.hostKeyAlias());
            return shell;
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            LOG.log(Level.FINE, "SSH to " + where + " failed", e);
            if (verifier.failure() != null) {
                throw new HostKeyMismatchException(verifier.failure());
            }
            String m = String.valueOf(e.getMessage());
            throw new IOException("SSH to " + where + " as " + target.user() + " failed: "
                    + (m.startsWith("Auth fail") ? "the requestor's key was refused" : m), e);
        }
    }

    /** One shell: its channel, the writing side, the reading loop. */
    private static final class JschShell implements ShellSession {
        private final Session session;
        private final ChannelShell channel;
        private final OutputStream input;
        private final String fingerprint;
        private final Runnable reader;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean started = new AtomicBoolean();

        JschShell(Session session, ChannelShell channel, OutputStream input, String fingerprint, Runnable reader) {
            this.session = session;
            this.channel = channel;
            this.input = input;
            this.fingerprint = fingerprint;
            this.reader = reader;
        }

        @Override
        public void start() {
            if (started.compareAndSet(false, true)) {
                reader.run();
            }
        }

        @Override
        public String hostKeyFingerprint() {
            return fingerprint;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            synchronized (input) {
                input.write(bytes);
                input.flush();
            }
        }

        @Override
        public void resize(int cols, int rows) {
            channel.setPtySize(cols, rows, 0, 0);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                channel.disconnect();
                session.disconnect();
            }
        }

        /** Hands the output to the listener until the shell ends; then its exit status, unless closed by us. */
        void pump(InputStream out, Listener listener) {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = out.read(buf)) >= 0; ) {
                    if (n > 0) {
                        listener.output(Arrays.copyOf(buf, n));
                    }
                }
                for (int i = 0; i < 50 && !channel.isClosed(); i++) {
                    Thread.sleep(20); // the exit status comes with the channel's close, just after the EOF
                }
            } catch (IOException e) {
                LOG.log(Level.FINE, "terminal output ended", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (closed.compareAndSet(false, true)) {
                int status = channel.getExitStatus();
                channel.disconnect();
                session.disconnect();
                listener.exited(status);
            }
        }
    }
}
