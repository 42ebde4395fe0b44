package org.golem.vm.common.wire.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * Body of {@code PUT /api/v1/admin/pricing}: the prices to change, any subset (null: unchanged). The answer is the
 * new {@link org.golem.vm.common.wire.AdvertisedPricing}.
 *
 * <p>Written (by {@code golem-provider}) without its null fields, so a client sends only what it names.
 *
 * @param usdPerCoreMonth      USD per core and month, 0 ≤ x &lt; 10^18, at most 12 decimal places
 * @param usdPerGbRamMonth     USD per GiB RAM and month, same range
 * @param usdPerGbStorageMonth USD per GiB disk and month, same range
 * @param tokenUsdPrice        USD per whole stream token, 0 &lt; x &lt; 10^18, at most 12 decimal places
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PricingChange(BigDecimal usdPerCoreMonth, BigDecimal usdPerGbRamMonth, BigDecimal usdPerGbStorageMonth,
                            BigDecimal tokenUsdPrice) {
}
