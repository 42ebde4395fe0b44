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
 * {@code GET /api/v1/summary}: the operator's overview (the original provider's GUI feed; docs/provider-api.md):
 * capacity, prices, every VM. An operator route ({@link Admin}): it shows all requestors' VMs, which the original
 * gave to anyone.
 */
@Path("api/v1/summary")
@RequestScoped
@Admin
public class SummaryResource {

    @Inject
    ProviderOverview overview;

    /** @return the summary ({@link org.golem.vm.common.wire.ProviderSummary}) */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary() {
        return RestSupport.ok(overview.summary());
    }
}
