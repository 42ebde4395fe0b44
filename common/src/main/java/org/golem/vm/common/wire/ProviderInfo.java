package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 */
public record ProviderInfo(
        String providerId,
        String streamPaymentAddress,
        String glmTokenAddress,
        String ipAddress,
        String country,
        String platform,
        @JsonInclude(JsonInclude.Include.NON_NULL) AdvertisedPricing pricing,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long minRunwaySeconds) {

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
