package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.golem.vm.common.wire.Advertisement;

/**
 * One provider of {@code GET /api/v1/providers}: the discovery advertisement's fields as discovery sends them, plus
 * {@code estimate} when the query named cpu, memory and storage and the prices allow one (absent otherwise).
 *
 * <p>{@code source} (added) names the directory the advertisement came from: {@code central} (the discovery
 * service) or {@code chain} (the ProviderRegistry contract); when both list a provider the newer entry (by
 * {@code updated_at}) wins and {@code source} names its directory. Absent in answers that do not say.
 *
 * @param advertisement the provider's advertisement (its fields appear at the top level)
 * @param estimate      the price of the queried resources, or null (then left out)
 * @param source        {@code central} or {@code chain}, or null (then left out)
 */
public record ProviderListing(@JsonUnwrapped Advertisement advertisement,
                              @JsonInclude(JsonInclude.Include.NON_NULL) PriceEstimate estimate,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String source) {

    /** The directory name of the central discovery service. */
    public static final String CENTRAL = "central";
    /** The directory name of the ProviderRegistry contract. */
    public static final String CHAIN = "chain";

    /** Without a source. */
    public ProviderListing(Advertisement advertisement, PriceEstimate estimate) {
        this(advertisement, estimate, null);
    }
}
