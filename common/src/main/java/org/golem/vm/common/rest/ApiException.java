package org.golem.vm.common.rest;

import jakarta.ejb.ApplicationException;
import java.util.List;
import org.golem.vm.common.wire.ErrorResponse;
import org.golem.vm.common.wire.Violation;

/**
 * A refusal a client can act on: an HTTP status with a machine-readable code, rendered by
 * {@link ApiExceptionMapper} as {@code {"detail":{"code":…,"message":…}}} (the original services' envelope).
 * An EJB application exception: thrown through an EJB it reaches the caller as itself (not wrapped in an
 * {@code EJBException}) and rolls the transaction back.
 */
@ApplicationException(rollback = true, inherited = true)
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    /**
     * @param status  HTTP status, 4xx for client errors
     * @param code    machine-readable code, e.g. {@code ADV_004}, {@code INVALID_IP}
     * @param message human-readable text; must not contain secrets or internal exception text
     */
    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** @return 422 {@code VALIDATION_ERROR} listing the violations */
    public static ApiException validation(List<Violation> violations) {
        ErrorResponse body = ErrorResponse.validation(violations);
        return new ApiException(422, body.code(), body.message());
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the machine-readable code */
    public String code() {
        return code;
    }

    /** @return the response body */
    public ErrorResponse body() {
        return ErrorResponse.of(code, getMessage());
    }
}
