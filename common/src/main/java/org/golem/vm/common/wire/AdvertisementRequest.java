package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.golem.vm.common.money.Resources;

import java.util.List;

/**
 * Body of discovery's {@code POST /api/v1/advertisements} (docs/discovery-api.md §4.2; sent by the provider,
 * docs/provider-api.md §7.1): {@code {"ip_address","country","platform","resources":{"cpu","memory","storage"},
 * "pricing":{...},"provider_name"?}}. The provider id is not in the body: it is the signer
 * ({@code X-Golem-Address}, docs/auth.md).
 *
 * <p>Rules ({@link WireValidation#advertisementRequest}): IPv4 dotted quad, 2-letter country, cpu, memory
 * and storage ≥ 1, prices ≥ 0. {@code provider_name} is added (see {@link Advertisement}) and written only
 * when set; the original discovery ignores it.
 *
 * @param ipAddress    public IPv4 address of the provider
 * @param country      ISO 3166 alpha-2 code
 * @param platform     CPU architecture, or null
 * @param resources    free capacity: cores, GiB RAM, GiB disk
 * @param pricing      prices, or null
 * @param providerName display name, or null (omitted)
 * @param apiPort      port of the provider's REST API on {@code ip_address}; null means the default 7466
 * @param network      logical network ({@code development|testnet|mainnet}), or null
 * @param paymentsNetwork payments network profile, e.g. {@code l2.holesky} or {@code local}, or null
 * @param streamPaymentAddress StreamPayment contract the provider accepts streams on, or null
 * @param tokenAddress the stream token; the zero address means native ETH; null if unknown
 * @param images       the provider's image catalogue (added; omitted when empty)
 * @param maxPorts     how many guest TCP ports besides SSH one VM may have forwarded (added), or null
 * @param egress       what the provider's VMs may reach (added), or null
 */
public record AdvertisementRequest(
        String ipAddress,
        String country,
        String platform,
        Resources resources,
        AdvertisedPricing pricing,
        @JsonInclude(JsonInclude.Include.NON_NULL) String providerName,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer apiPort,
        @JsonInclude(JsonInclude.Include.NON_NULL) String network,
        @JsonInclude(JsonInclude.Include.NON_NULL) String paymentsNetwork,
        @JsonInclude(JsonInclude.Include.NON_NULL) String streamPaymentAddress,
        @JsonInclude(JsonInclude.Include.NON_NULL) String tokenAddress,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ImageInfo> images,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxPorts,
        @JsonInclude(JsonInclude.Include.NON_NULL) EgressPolicy egress) {

    public AdvertisementRequest {
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** Without the VM offer (images, ports, egress). */
    public AdvertisementRequest(String ipAddress, String country, String platform, Resources resources,
                                AdvertisedPricing pricing, String providerName, Integer apiPort, String network,
                                String paymentsNetwork, String streamPaymentAddress, String tokenAddress) {
        this(ipAddress, country, platform, resources, pricing, providerName, apiPort, network, paymentsNetwork,
                streamPaymentAddress, tokenAddress, null, null, null);
    }

    /**
     * @param images   image catalogue
     * @param maxPorts extra guest ports per VM, or null
     * @param egress   egress policy, or null
     * @return a copy carrying the VM offer
     */
    public AdvertisementRequest withOffer(List<ImageInfo> images, Integer maxPorts, EgressPolicy egress) {
        return new AdvertisementRequest(ipAddress, country, platform, resources, pricing, providerName, apiPort,
                network, paymentsNetwork, streamPaymentAddress, tokenAddress, images, maxPorts, egress);
    }

    /** The provider API's default port, as the original's. */
    public static final int DEFAULT_API_PORT = 7466;

    /** The original's five fields plus a name; the new fields stay unset. */
    public static AdvertisementRequest of(String ipAddress, String country, String platform, Resources resources,
                                          AdvertisedPricing pricing, String providerName) {
        return new AdvertisementRequest(ipAddress, country, platform, resources, pricing, providerName,
                null, null, null, null, null);
    }
}
