package org.golem.vm.cli.ssh;

import org.golem.vm.cli.support.CliException;

/** An SSH failure with one line for the user (no secrets in it); exit status 1. */
public final class SshException extends CliException {

    private static final long serialVersionUID = 1L;

    /** @param message one line for the user */
    public SshException(String message) {
        super(message);
    }

    /**
     * @param message one line for the user
     * @param cause   the underlying failure
     */
    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
