package org.golem.vm.cli.support;

/**
 * A failure to report to the user as one line {@code golem: <message>} on stderr, exit status 1 (or
 * {@link #exitCode()} when another status is meant).
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** @param message one line for a human, without the {@code golem: } prefix */
    public CliException(String message) {
        this(message, 1, null);
    }

    /**
     * @param message one line for a human
     * @param cause   the underlying failure (logged at FINE, never printed)
     */
    public CliException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    /**
     * @param message  one line for a human
     * @param exitCode process exit status to return
     * @param cause    the underlying failure, or null
     */
    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return the process exit status for this failure (1 unless said otherwise) */
    public int exitCode() {
        return exitCode;
    }
}
