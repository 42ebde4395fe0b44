package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.golem.vm.common.money.Resources;

import java.util.List;

/**
 * A provider's offer as the discovery service returns it: body of
 * {@code POST /api/v1/advertisements} (200), items of {@code GET /api/v1/advertisements} and
 * {@code GET /api/v1/advertisements/{provider_id}} (docs/discovery-api.md §4; docs/requestor-api.md §4.2).
 *
 * <p>JSON: {@code {"provider_id","provider_name","ip_address","country","platform","resources":{"cpu",
 * "memory","storage"},"pricing":{...},"created_at","updated_at"}}; nullable fields are written as null.
 * FLAW fixed: the original has no {@code provider_name}, and the original requestor's table renderer
 * fails with a KeyError on that; it is always present here (null when the provider sent none).
 *
 * @param providerId   the provider's Ethereum address ({@code 0x}+40 hex); the key of the registry
 * @param providerName display name chosen by the operator, or null
 * @param ipAddress    the provider's public IPv4 address
 * @param country      ISO 3166 alpha-2 code, e.g. {@code SE}
 * @param platform     CPU architecture ({@code x86_64}, {@code arm64}), or null
 * @param resources    free capacity: cores, GiB RAM, GiB disk
 * @param pricing      prices, or null
 * @param createdAt    first registration, ISO-8601 UTC ({@link org.golem.vm.common.json.WireTime})
 * @param updatedAt    last refresh, ISO-8601 UTC; entries older than the TTL (5 min) are not listed
 * @param apiPort      port of the provider's REST API (7466 unless advertised otherwise)
 * @param network      logical network, or null
 * @param paymentsNetwork payments network profile, or null
 * @param streamPaymentAddress StreamPayment contract address, or null
 * @param tokenAddress stream token address (zero address: native ETH), or null
 * @param images       the provider's image catalogue (added; omitted when empty)
 * @param maxPorts     how many guest TCP ports besides SSH one VM may have forwarded (added), or null
 * @param egress       what the provider's VMs may reach (added), or null
 */
public record Advertisement(
        String providerId,
        String providerName,
        String ipAddress,
        String country,
        String platform,
        Resources resources,
        AdvertisedPricing pricing,
        String createdAt,
        String updatedAt,
        Integer apiPort,
        String network,
        String paymentsNetwork,
        String streamPaymentAddress,
        String tokenAddress,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ImageInfo> images,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxPorts,
        @JsonInclude(JsonInclude.Include.NON_NULL) EgressPolicy egress) {

    public Advertisement {
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** Without the VM offer (images, ports, egress): the fields every advertisement had before. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public Advertisement(String providerId, String providerName, String ipAddress, String country, String platform,
                         Resources resources, AdvertisedPricing pricing, String createdAt, String updatedAt,
                         Integer apiPort, String network, String paymentsNetwork, String streamPaymentAddress,
                         String tokenAddress) {
        this(providerId, providerName, ipAddress, country, platform, resources, pricing, createdAt, updatedAt,
                apiPort, network, paymentsNetwork, streamPaymentAddress, tokenAddress, null, null, null);
    }

    /**
     * @param images   image catalogue
     * @param maxPorts extra guest ports per VM, or null
     * @param egress   egress policy, or null
     * @return a copy carrying the VM offer
     */
    public Advertisement withOffer(List<ImageInfo> images, Integer maxPorts, EgressPolicy egress) {
        return new Advertisement(providerId, providerName, ipAddress, country, platform, resources, pricing,
                createdAt, updatedAt, apiPort, network, paymentsNetwork, streamPaymentAddress, tokenAddress, images,
                maxPorts, egress);
    }
}
