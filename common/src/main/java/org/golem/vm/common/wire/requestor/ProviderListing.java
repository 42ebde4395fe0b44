package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.golem.vm.common.wire.Advertisement;

/**
 * One provider of {@code GET /api/v1/providers}: the discovery advertisement's fields as discovery sends them, plus
 * {@code estimate} when the query named cpu, memory and storage and the prices allow one (absent otherwise).
 *
 * @param advertisement the provider's advertisement (its fields appear at the top level)
 * @param estimate      the price of the queried resources, or null (then left out)
 */
public record ProviderListing(@JsonUnwrapped Advertisement advertisement,
                              @JsonInclude(JsonInclude.Include.NON_NULL) PriceEstimate estimate) {
}
