package org.golem.vm.provider.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.golem.vm.common.net.Cidr;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.identity.ProviderKeys;

/**
 * Guards {@link Admin} routes (spec/auth.md "Operator endpoints"): the caller's address must be in
 * {@code golem.provider.admin.allowed-addresses} (loopback only by default) — else 403 {@code ADMIN_FORBIDDEN} — and
 * the request must carry {@code Authorization: Bearer <token>} with the token of the 0600 file
 * {@code golem.provider.admin.token-file} — else 401 {@code ADMIN_UNAUTHORIZED}. The token is compared in constant
 * time and never logged.
 */
@Provider
@Admin
@Priority(Priorities.AUTHENTICATION)
public class AdminFilter implements ContainerRequestFilter {

    @Inject
    ProviderSettings settings;

    @Context
    HttpServletRequest servlet;

    private volatile List<Cidr> allowed;
    private volatile byte[] token;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!allowedAddress(servlet.getRemoteAddr())) {
            throw new ApiException(403, "ADMIN_FORBIDDEN",
                    "admin routes answer only callers from golem.provider.admin.allowed-addresses");
        }
        String header = request.getHeaderString("Authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(token(), given)) {
            throw new ApiException(401, "ADMIN_UNAUTHORIZED",
                    "missing or wrong admin token (Authorization: Bearer <token from the provider's admin.token>)");
        }
    }

    private boolean allowedAddress(String remote) {
        if (allowed == null) {
            allowed = Arrays.stream(settings.adminAllowedAddresses().split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
        }
        try {
            InetAddress a = InetAddress.getByName(remote);
            return allowed.stream().anyMatch(c -> c.contains(a));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private byte[] token() {
        if (token == null) {
            token = ProviderKeys.adminToken(settings.adminTokenFile()).getBytes(StandardCharsets.UTF_8);
        }
        return token;
    }
}
