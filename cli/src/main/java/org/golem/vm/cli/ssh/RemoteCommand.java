package org.golem.vm.cli.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs one command on a VM over an open session (an SSH {@code exec} channel, no PTY).
 */
public final class RemoteCommand {

    /** Exit status returned when the remote side closed without one (killed by a signal, connection lost). */
    public static final int NO_STATUS = 255;

    private RemoteCommand() {
    }

    /**
     * Runs a command, streaming its output as it comes.
     *
     * @param session a connected session
     * @param command the command line, interpreted by the remote user's shell
     * @param stdin   sent to the command, then end-of-file
     * @param stdout  receives the command's stdout (not closed)
     * @param stderr  receives the command's stderr (not closed)
     * @return the command's exit status, or {@link #NO_STATUS} when it reported none
     * @throws SshException when the channel cannot be opened
     */
    public static int run(Session session, String command, InputStream stdin, OutputStream stdout,
                          OutputStream stderr) {
        ChannelExec ch = null;
        try {
            ch = (ChannelExec) session.openChannel("exec");
            ch.setCommand(command);
            ch.setPty(false);
            ch.setInputStream(stdin, true);
            ch.setOutputStream(stdout, true);
            ch.setErrStream(stderr, true);
            ch.connect(15_000);
            while (!ch.isClosed()) {
                Thread.sleep(20);
            }
            stdout.flush();
            stderr.flush();
            int status = ch.getExitStatus();
            return status < 0 ? NO_STATUS : status;
        } catch (JSchException e) {
            throw new SshException("cannot run the command on the VM: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SshException("cannot write the command's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        } finally {
            if (ch != null) {
                ch.disconnect();
            }
        }
    }

    /**
     * Runs a command and returns what it printed on stdout (UTF-8).
     *
     * @param session a connected session
     * @param command the command line
     * @return stdout text
     * @throws SshException when the channel fails or the command exits non-zero (its stderr in the message)
     */
    public static String capture(Session session, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = run(session, command, InputStream.nullInputStream(), out, err);
        if (status != 0) {
            String e = err.toString(StandardCharsets.UTF_8).strip();
            throw new SshException("the command on the VM failed with status " + status
                    + (e.isEmpty() ? "" : ": " + e.lines().findFirst().orElse("")));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
