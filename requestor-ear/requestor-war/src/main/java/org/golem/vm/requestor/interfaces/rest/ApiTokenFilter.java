package org.golem.vm.requestor.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.requestor.application.RequestorStartup;

/**
 * Every {@code /api/v1/...} request needs {@code Authorization: Bearer <token>}, the token being the content of
 * {@code <data-dir>/api.token} (mode 0600): the service holds the wallet, and only its owner (who can read that
 * file; the CLI does) may spend from it (FLAW fixed: the original's local API had no authentication). Compared in
 * constant time ({@link RequestorStartup#apiTokenMatches}); 401 {@code UNAUTHORIZED} otherwise. {@code /}, {@code /vms}, health and OpenAPI stay open (no
 * money moves there... except {@code /vms}, which lists VMs: it needs the token too).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiTokenFilter implements ContainerRequestFilter {

    @Inject
    RequestorStartup startup;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (!p.startsWith("api/") && !p.equals("vms") && !p.startsWith("vms/")) {
            return;
        }
        String header = request.getHeaderString("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        if (!startup.apiTokenMatches(given)) {
            throw new ApiException(401, "UNAUTHORIZED",
                    "missing or wrong API token (Authorization: Bearer <content of the data dir's api.token>)");
        }
    }
}
