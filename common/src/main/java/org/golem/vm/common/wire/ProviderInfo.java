package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Response of the provider's public {@code GET /api/v1/provider/info} (docs/provider-api.md §3.2,
 * docs/requestor-api.md §11): who the provider is and where its stream must be opened.
 *
 * <p>JSON: {@code {"provider_id","stream_payment_address","glm_token_address","ip_address","country",
 * "platform"}} ({@code ip_address} written as null when unknown), plus two added keys written only when
 * set: {@code pricing} and {@code min_runway_seconds} — what a requestor needs to open a stream the
 * provider will accept (its rate check and minimum remaining runway, docs/decisions.md "Money").
 *
 * @param providerId           the provider's Ethereum address (EIP-55 checksum, {@code 0x}+40 hex); the
 *                             required stream recipient
 * @param streamPaymentAddress StreamPayment contract address; the zero address when payments are disabled
 * @param glmTokenAddress      the stream token's ERC-20 address; the zero address for native ETH
 * @param ipAddress            the provider's public IP address, or null
 * @param country              ISO 3166 alpha-2 country code, e.g. {@code SE}
 * @param platform             CPU architecture, {@code x86_64} or {@code arm64}
 * @param pricing              the provider's prices (added), or null (omitted)
 * @param minRunwaySeconds     minimum paid time, in seconds, a stream must have left when a VM is created
 *                             (added), or null (omitted)
 * @param images               the provider's image catalogue (added; omitted when empty)
 * @param maxPorts             how many guest TCP ports besides SSH one VM may have forwarded (added), or null
 * @param egress               what the provider's VMs may reach (added), or null
 */
public record ProviderInfo(
        String providerId,
        String streamPaymentAddress,
        String glmTokenAddress,
        String ipAddress,
        String country,
        String platform,
        @JsonInclude(JsonInclude.Include.NON_NULL) AdvertisedPricing pricing,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long minRunwaySeconds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ImageInfo> images,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxPorts,
        @JsonInclude(JsonInclude.Include.NON_NULL) EgressPolicy egress) {

    public ProviderInfo {
        images = images == null ? List.of() : List.copyOf(images);
    }

    /**
     * Without the VM offer (images, ports, egress).
     *
     * @param providerId           provider address
     * @param streamPaymentAddress contract address
     * @param glmTokenAddress      token address (zero = native ETH)
     * @param ipAddress            public IP or null
     * @param country              country code
     * @param platform             architecture
     * @param pricing              prices or null
     * @param minRunwaySeconds     minimum runway in seconds, or null
     */
    public ProviderInfo(String providerId, String streamPaymentAddress, String glmTokenAddress, String ipAddress,
                        String country, String platform, AdvertisedPricing pricing, Long minRunwaySeconds) {
        this(providerId, streamPaymentAddress, glmTokenAddress, ipAddress, country, platform, pricing,
                minRunwaySeconds, null, null, null);
    }

    /**
     * @param images   the catalogue of images a VM can be created from
     * @param maxPorts how many guest TCP ports besides SSH one VM may have forwarded
     * @param egress   what the provider's VMs may reach
     * @return a copy carrying the VM offer
     */
    public ProviderInfo withOffer(List<ImageInfo> images, Integer maxPorts, EgressPolicy egress) {
        return new ProviderInfo(providerId, streamPaymentAddress, glmTokenAddress, ipAddress, country, platform,
                pricing, minRunwaySeconds, images, maxPorts, egress);
    }

    /**
     * The original's six fields.
     *
     * @param providerId           provider address
     * @param streamPaymentAddress contract address
     * @param glmTokenAddress      token address (zero = native ETH)
     * @param ipAddress            public IP or null
     * @param country              country code
     * @param platform             architecture
     * @return the info without the added keys
     */
    public static ProviderInfo of(String providerId, String streamPaymentAddress, String glmTokenAddress,
                                  String ipAddress, String country, String platform) {
        return new ProviderInfo(providerId, streamPaymentAddress, glmTokenAddress, ipAddress, country, platform,
                null, null);
    }
}
