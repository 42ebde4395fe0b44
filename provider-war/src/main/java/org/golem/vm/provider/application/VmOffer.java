package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.provider.application.port.VmHost;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * The VM offer: what a VM rented here can be, in one place for both {@code GET /api/v1/provider/info}
 * ({@link ProviderOverview#info()}) and the advertisement to discovery ({@link Advertiser}), so requestors read the
 * same offer from either. The original offered no choice (every VM was the Ubuntu release Multipass launched, SSH
 * only, unrestricted egress) and advertised none of this.
 *
 * <p>Carries: the images requestors are offered (the catalogue's ready images, {@link VmHost#offeredImages()});
 * how many guest TCP ports besides SSH one VM may have forwarded ({@code GOLEM_PROVIDER_MAX_PORTS}); the egress
 * policy ({@code GOLEM_PROVIDER_EGRESS}, {@code GOLEM_PROVIDER_EGRESS_ALLOW}).
 */
@ApplicationScoped
public class VmOffer {

    @Inject
    VmHost hypervisor;

    @Inject
    ProviderSettings settings;

    /**
     * What one offer carries.
     *
     * @param images   the ready images, sorted by name (empty when none is built)
     * @param maxPorts guest TCP ports besides SSH per VM
     * @param egress   what the VMs may reach
     */
    public record Offer(List<ImageInfo> images, Integer maxPorts, EgressPolicy egress) {
    }

    /** @return the current offer (images verified by the catalogue, hashes cached) */
    public Offer current() {
        return new Offer(hypervisor.offeredImages(), settings.maxPorts(), settings.egress().advertised());
    }

    /**
     * @param info the provider's info without the offer
     * @return the info carrying the current offer
     */
    public ProviderInfo addTo(ProviderInfo info) {
        Offer o = current();
        return info.withOffer(o.images(), o.maxPorts(), o.egress());
    }

    /**
     * @param ad the advertisement without the offer
     * @return the advertisement carrying the current offer
     */
    public AdvertisementRequest addTo(AdvertisementRequest ad) {
        Offer o = current();
        return ad.withOffer(o.images(), o.maxPorts(), o.egress());
    }
}
