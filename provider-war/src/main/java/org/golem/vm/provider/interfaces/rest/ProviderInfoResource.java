package org.golem.vm.provider.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.provider.application.ProviderOverview;

/**
 * {@code GET /api/v1/provider/info} (public): who the provider is, where streams for it must be opened, its prices
 * and the minimum runway it requires ({@link org.golem.vm.common.wire.ProviderInfo}; docs/provider-api.md).
 */
@Path("api/v1/provider/info")
@RequestScoped
public class ProviderInfoResource {

    @Inject
    ProviderOverview overview;

    /** @return the provider info */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response info() {
        return RestSupport.ok(overview.info());
    }
}
