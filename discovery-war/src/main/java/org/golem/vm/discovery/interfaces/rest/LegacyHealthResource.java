package org.golem.vm.discovery.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.StatusResponse;

/**
 * {@code GET /api/v1/health} → {@code {"status":"healthy"}}, the original's liveness answer, for its clients.
 * Real health (database reachable) is MicroProfile Health at {@code /health}, {@code /health/ready},
 * {@code /health/live}.
 */
@Path("api/v1/health")
@RequestScoped
public class LegacyHealthResource {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        return RestSupport.ok(StatusResponse.HEALTHY);
    }
}
