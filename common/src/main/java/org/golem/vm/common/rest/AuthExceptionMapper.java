package org.golem.vm.common.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.auth.AuthException;
import org.golem.vm.common.wire.ErrorResponse;

/** Renders signed-request refusals: 401 {@code AUTH_MISSING|AUTH_EXPIRED|AUTH_BAD_SIGNATURE|AUTH_REPLAY}, 403 {@code AUTH_FORBIDDEN}. */
@Provider
public class AuthExceptionMapper implements ExceptionMapper<AuthException> {
    @Override
    public Response toResponse(AuthException e) {
        return RestSupport.json(e.status(), ErrorResponse.of(e.code(), e.getMessage()));
    }
}
