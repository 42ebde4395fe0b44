package org.golem.vm.discovery.application.port;

/**
 * The registry database cannot be read (down, unreachable, pool exhausted). The search answers 503
 * {@code DATABASE_UNAVAILABLE} then; the readiness check reports DOWN.
 */
public class RegistryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be read
     * @param cause   the database's own failure, for logs and the readiness data
     */
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
