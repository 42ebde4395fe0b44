package org.golem.vm.provider.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.ProviderSummary;
import org.golem.vm.provider.application.PricingService;
import org.golem.vm.provider.application.VmService;
import org.golem.vm.provider.application.VmStore;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.VmRecord;

/**
 * {@code GET /api/v1/summary}: the operator's overview (the original GUI feed, spec/provider.md §3.2): capacity,
 * prices, every VM. An operator route ({@link Admin}): it shows all requestors' VMs, which the original gave to
 * anyone.
 */
@Path("api/v1/summary")
@RequestScoped
@Admin
public class SummaryResource {

    @Inject
    VmService vms;

    @Inject
    VmStore store;

    @Inject
    PricingService pricing;

    @Inject
    ProviderSettings settings;

    /** @return the summary */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary() {
        var capacity = vms.capacity();
        var all = store.all();
        return RestSupport.ok(new ProviderSummary("running",
                new ProviderSummary.Capacity(capacity.total(),
                        capacity.free(all.stream().map(VmRecord::resources).toList())),
                pricing.advertised(),
                all.stream().map(v -> new ProviderSummary.VmEntry(v.name(), v.status(), v.sshPort(), v.resources()))
                        .toList(),
                new ProviderSummary.Environment(settings.environment(), settings.network())));
    }
}
