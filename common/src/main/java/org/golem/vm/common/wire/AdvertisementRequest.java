package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.golem.vm.common.money.Resources;

/**
 * Body of discovery's {@code POST /api/v1/advertisements} (spec/discovery.md §4.2; sent by the provider,
 * spec/provider.md §7.1): {@code {"ip_address","country","platform","resources":{"cpu","memory","storage"},
 * "pricing":{...},"provider_name"?}}. The provider id is not in the body: it is the signer
 * ({@code X-Golem-Address}, spec/auth.md).
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
 */
public record AdvertisementRequest(
        String ipAddress,
        String country,
        String platform,
        Resources resources,
        AdvertisedPricing pricing,
        @JsonInclude(JsonInclude.Include.NON_NULL) String providerName) {
}
