package org.golem.vm.provider.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.golem.vm.common.rest.ApiException;

/**
 * {@code GET /admin/dashboard}: the operator's live page (status, hypervisor, capacity, VMs with owner, uptime and
 * runway, earnings with a chart over time, prices), refreshing itself every few seconds from the admin API. The page
 * holds no data: its script asks for the admin token (or takes it from the URL fragment {@code #token=...}, which
 * browsers never send to the server) and calls {@code /api/v1/admin/status}, {@code /vms} and {@code /earnings} with
 * it. Served only to the admin interface's allowed addresses.
 */
@Path("admin/dashboard")
@RequestScoped
public class DashboardResource {

    @Inject
    AdminAccess access;

    @Context
    HttpServletRequest servlet;

    /** @return the page */
    @GET
    @Produces("text/html; charset=utf-8")
    public Response page() throws IOException {
        if (!access.addressAllowed(servlet.getRemoteAddr())) {
            throw new ApiException(403, "ADMIN_FORBIDDEN",
                    "the dashboard answers only callers from golem.provider.admin.allowed-addresses");
        }
        try (InputStream in = DashboardResource.class.getResourceAsStream("/dashboard/index.html")) {
            if (in == null) {
                throw new IOException("dashboard page missing from the WAR");
            }
            return Response.ok(in.readAllBytes()).header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:")
                    .header("X-Frame-Options", "DENY").build();
        }
    }
}
