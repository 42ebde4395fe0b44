package org.golem.vm.provider.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.rest.ApiException;

/**
 * Guards {@link Admin} routes ({@link AdminAccess}): a caller outside {@code golem.provider.admin.allowed-addresses}
 * gets 403 {@code ADMIN_FORBIDDEN}, one without the bearer token 401 {@code ADMIN_UNAUTHORIZED}.
 */
@Provider
@Admin
@Priority(Priorities.AUTHENTICATION)
public class AdminFilter implements ContainerRequestFilter {

    @Inject
    AdminAccess access;

    @Context
    HttpServletRequest servlet;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!access.addressAllowed(servlet.getRemoteAddr())) {
            throw new ApiException(403, "ADMIN_FORBIDDEN",
                    "admin routes answer only callers from golem.provider.admin.allowed-addresses");
        }
        if (!access.tokenMatches(request.getHeaderString("Authorization"))) {
            throw new ApiException(401, "ADMIN_UNAUTHORIZED",
                    "missing or wrong admin token (Authorization: Bearer <token from the provider's admin.token>)");
        }
    }
}
