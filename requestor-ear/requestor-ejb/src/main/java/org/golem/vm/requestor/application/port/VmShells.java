package org.golem.vm.requestor.application.port;

import java.io.IOException;

/**
 * Interactive shells in VMs over SSH with the requestor's key (the web console's terminal): a PTY
 * ({@code xterm-256color}) of the given size, the VM's host key checked against its pin.
 */
public interface VmShells {

    /**
     * Where and as whom to log in.
     *
     * @param host                the VM's SSH host
     * @param port                its SSH port
     * @param user                the login user
     * @param hostKeyAlias        the name its host key is pinned under in known_hosts ({@code RentedVm#hostKeyAlias})
     * @param expectedFingerprint the host key fingerprint the provider reported ({@code SHA256:...}), or null
     */
    record Target(String host, int port, String user, String hostKeyAlias, String expectedFingerprint) {
    }

    /** Receives a shell's output and its end; called from a reading thread, never from the caller's. */
    interface Listener {
        /** @param bytes the next raw bytes the shell wrote (UTF-8 may be split across calls) */
        void output(byte[] bytes);

        /**
         * Called once when the shell ended (not after {@link ShellSession#close()}).
         *
         * @param status the shell's exit status, -1 when the server sent none
         */
        void exited(int status);
    }

    /** An open shell. */
    interface ShellSession extends AutoCloseable {
        /** Starts handing the output to the listener (call once, after telling the client the shell is ready). */
        void start();

        /** @return the fingerprint of the host key the VM presented ({@code SHA256:...}; it matched the pin) */
        String hostKeyFingerprint();

        /**
         * @param bytes typed or pasted input, sent as is
         * @throws IOException when the connection is gone
         */
        void write(byte[] bytes) throws IOException;

        /** @param cols columns, 1..1000; @param rows rows, 1..1000 */
        void resize(int cols, int rows);

        /** Ends the shell and the SSH connection; idempotent; {@link Listener#exited} is not called after it. */
        @Override
        void close();
    }

    /** The VM presented another host key than the one pinned (or reported by its provider): no connection made. */
    class HostKeyMismatchException extends IOException {
        /** @param message why, for the user (both fingerprints) */
        public HostKeyMismatchException(String message) {
            super(message);
        }
    }

    /**
     * Connects, checks the host key, logs in with the requestor's key and starts a login shell on a PTY; after
     * {@link ShellSession#start()} its output is read on a managed thread and handed to the listener.
     *
     * @param target   where
     * @param cols     PTY columns, 1..1000
     * @param rows     PTY rows, 1..1000
     * @param listener receives output and the end
     * @return the open shell
     * @throws HostKeyMismatchException when the VM's key is not the pinned / reported one
     * @throws IOException              when the connection or login fails (one line for the user)
     */
    ShellSession open(Target target, int cols, int rows, Listener listener) throws IOException;
}
