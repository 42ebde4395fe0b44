package org.golem.vm.cli.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An interactive shell on a VM ({@code golem vm ssh}). With a terminal: a PTY of type {@code xterm} sized like
 * the local terminal (followed when it is resized), the local terminal in raw mode without echo for the session
 * and restored afterwards (also when the JVM is stopped). Without a terminal: a shell reading stdin, no PTY. The
 * session runs the user's shell ({@code shell} channel), or a given command line in its place ({@code exec} channel,
 * with the same PTY handling), e.g. a login shell started with extra environment variables.
 */
public final class InteractiveShell {

    private InteractiveShell() {
    }

    /**
     * @param session a connected session
     * @param stdin   local input (keystrokes)
     * @param stdout  receives the remote output
     * @param stderr  receives the remote stderr (only without PTY; a PTY merges it into stdout)
     * @param tty     true when stdin is a terminal
     * @return the remote shell's exit status ({@link RemoteCommand#NO_STATUS} when none was reported)
     * @throws SshException when the shell channel cannot be opened
     */
    public static int run(Session session, InputStream stdin, OutputStream stdout, OutputStream stderr,
                          boolean tty) {
        return run(session, null, stdin, stdout, stderr, tty);
    }

    /**
     * @param session a connected session
     * @param command the command line to run in place of the user's shell (interpreted by that shell), or null for
     *                the shell itself
     * @param stdin   local input (keystrokes)
     * @param stdout  receives the remote output
     * @param stderr  receives the remote stderr (only without PTY; a PTY merges it into stdout)
     * @param tty     true when stdin is a terminal
     * @return the remote exit status ({@link RemoteCommand#NO_STATUS} when none was reported)
     * @throws SshException when the channel cannot be opened
     */
    public static int run(Session session, String command, InputStream stdin, OutputStream stdout,
                          OutputStream stderr, boolean tty) {
        Channel ch = null;
        String saved = null;
        Thread restoreHook = null;
        try {
            if (command == null) {
                ch = session.openChannel("shell");
            } else {
                ChannelExec exec = (ChannelExec) session.openChannel("exec");
                exec.setCommand(command);
                ch = exec;
            }
            int[] size = tty ? Terminal.size() : null;
            if (tty) {
                int cols = size == null ? 80 : size[0];
                int rows = size == null ? 24 : size[1];
                ptyType(ch, cols, rows);
                pty(ch, true);
            } else {
                pty(ch, false);
            }
            ch.setInputStream(stdin, true);
            ch.setOutputStream(stdout, true);
            ch.setExtOutputStream(stderr, true);
            if (tty) {
                saved = Terminal.enterRaw();
                if (saved != null) {
                    String s = saved;
                    restoreHook = new Thread(() -> Terminal.restore(s));
                    Runtime.getRuntime().addShutdownHook(restoreHook);
                }
            }
            ch.connect(15_000);
            long nextSizeCheck = System.nanoTime();
            while (!ch.isClosed()) {
                Thread.sleep(50);
                if (tty && System.nanoTime() - nextSizeCheck > 0) {
                    nextSizeCheck = System.nanoTime() + 1_000_000_000L;
                    int[] now = Terminal.size();
                    if (now != null && !Arrays.equals(now, size)) {
                        size = now;
                        ptySize(ch, now[0], now[1]);
                    }
                }
            }
            stdout.flush();
            int status = ch.getExitStatus();
            return status < 0 ? RemoteCommand.NO_STATUS : status;
        } catch (JSchException e) {
            throw new SshException("cannot open a shell on the VM: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SshException("terminal output failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        } finally {
            if (ch != null) {
                ch.disconnect();
            }
            if (saved != null) {
                Terminal.restore(saved);
                try {
                    Runtime.getRuntime().removeShutdownHook(restoreHook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook restores the terminal
                }
            }
        }
    }

    // JSch's common base of the shell and exec channels (ChannelSession) is not public

    private static void pty(Channel ch, boolean on) {
        if (ch instanceof ChannelShell shell) {
            shell.setPty(on);
        } else {
            ((ChannelExec) ch).setPty(on);
        }
    }

    private static void ptyType(Channel ch, int cols, int rows) {
        if (ch instanceof ChannelShell shell) {
            shell.setPtyType("xterm", cols, rows, 0, 0);
        } else {
            ((ChannelExec) ch).setPtyType("xterm", cols, rows, 0, 0);
        }
    }

    private static void ptySize(Channel ch, int cols, int rows) {
        if (ch instanceof ChannelShell shell) {
            shell.setPtySize(cols, rows, 0, 0);
        } else {
            ((ChannelExec) ch).setPtySize(cols, rows, 0, 0);
        }
    }
}
