package org.golem.vm.common.rest;

import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * The one place where a use case's refusal becomes HTTP: the status of its {@link Refusal} kind and the body
 * {@code {"detail": {"code": …, "message": …}}}.
 */
@Provider
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    /**
     * @param refusal a kind of refusal
     * @return its HTTP status (400, 401, 402, 403, 404, 409, 413, 422, 429, 500, 502 or 503)
     */
    public static int status(Refusal refusal) {
        return switch (refusal) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case PAYMENT_REQUIRED -> 402;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
            case RATE_LIMITED -> 429;
            case FAILED -> 500;
            case UPSTREAM_FAILED -> 502;
            case UNAVAILABLE -> 503;
        };
    }

    @Override
    public Response toResponse(DomainException e) {
        return RestSupport.json(status(e.refusal()), ErrorResponse.of(e.code(), e.getMessage()));
    }
}
