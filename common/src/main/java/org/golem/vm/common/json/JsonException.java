package org.golem.vm.common.json;

/**
 * Thrown by {@link Json} when a value cannot be written as JSON or a JSON text cannot be read into the
 * requested type (malformed JSON, wrong types, a record constructor rejecting a value, trailing tokens).
 *
 * <p>Unchecked, so it can cross lambdas and JAX-RS resource methods; a service maps it to
 * HTTP 400 with an {@link org.golem.vm.common.wire.ErrorResponse}. The message is Jackson's original
 * message (without the location of the source), suitable for logs; the cause is kept.
 */
public class JsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   the underlying Jackson or I/O exception
     */
    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
