package org.golem.vm.common.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.auth.AuthException;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * Renders signed-request refusals: 401 {@code AUTH_MISSING|AUTH_EXPIRED|AUTH_BAD_SIGNATURE|AUTH_REPLAY}, 403
 * {@code AUTH_FORBIDDEN}, 503 {@code AUTH_UNAVAILABLE} (replay memory unreachable; with {@code Retry-After} in
 * seconds).
 */
@Provider
public class AuthExceptionMapper implements ExceptionMapper<AuthException> {
    /** {@code Retry-After} of a 503 {@code AUTH_UNAVAILABLE}, seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(AuthException e) {
        Response response = RestSupport.json(e.status(), ErrorResponse.of(e.code(), e.getMessage()));
        if (e.status() == 503) {
            return Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        return response;
    }
}
