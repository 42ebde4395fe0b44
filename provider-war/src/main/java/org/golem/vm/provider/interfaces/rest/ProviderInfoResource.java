package org.golem.vm.provider.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.provider.application.PricingService;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.chain.ChainGateway;
import org.golem.vm.provider.infrastructure.discovery.DiscoveryPublisher;

/**
 * {@code GET /api/v1/provider/info} (public): who the provider is, where streams for it must be opened, its prices
 * and the minimum runway it requires (spec/provider.md §3.2, plus {@code pricing} and {@code min_runway_seconds}).
 */
@Path("api/v1/provider/info")
@RequestScoped
public class ProviderInfoResource {

    @Inject
    ChainGateway chain;

    @Inject
    ProviderSettings settings;

    @Inject
    PricingService pricing;

    /** @return the provider info */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response info() {
        ChainGateway.Contracts c = chain.contracts();
        return RestSupport.ok(new ProviderInfo(chain.providerId(),
                c.contract() == null ? ChainGateway.ZERO : c.contract(), c.token(),
                settings.publicHost().orElse(null), settings.country(), DiscoveryPublisher.platformFor(System.getProperty("os.arch")), pricing.advertised(),
                settings.minRunwaySeconds()));
    }
}
