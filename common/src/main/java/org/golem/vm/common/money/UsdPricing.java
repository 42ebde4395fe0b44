package org.golem.vm.common.money;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * A provider's prices in US dollars per month (a month is {@link Pricing#HOURS_PER_MONTH} hours),
 * per unit of each resource.
 *
 * <p>JSON names are the original advertisement's snake_case keys (docs/provider-api.md §3.2 {@code /summary},
 * §6): {@code usd_per_core_month}, {@code usd_per_gb_ram_month}, {@code usd_per_gb_storage_month}.
 * The original's defaults are 5.0 / 2.0 / 0.1 USD.
 *
 * @param usdPerCoreMonth      USD per CPU core per month, ≥ 0
 * @param usdPerGbRamMonth     USD per GiB of RAM per month, ≥ 0
 * @param usdPerGbStorageMonth USD per GiB of disk per month, ≥ 0
 */
public record UsdPricing(
        @JsonProperty("usd_per_core_month") BigDecimal usdPerCoreMonth,
        @JsonProperty("usd_per_gb_ram_month") BigDecimal usdPerGbRamMonth,
        @JsonProperty("usd_per_gb_storage_month") BigDecimal usdPerGbStorageMonth) {

    /**
     * @throws IllegalArgumentException if a price is missing (null) or negative
     */
    public UsdPricing {
        requireNonNegative(usdPerCoreMonth, "usd_per_core_month");
        requireNonNegative(usdPerGbRamMonth, "usd_per_gb_ram_month");
        requireNonNegative(usdPerGbStorageMonth, "usd_per_gb_storage_month");
    }

    /**
     * Convenience factory from decimal strings, e.g. {@code UsdPricing.of("5.0", "2.0", "0.1")}.
     *
     * @param usdPerCore      USD per core-month
     * @param usdPerGbRam     USD per GiB-RAM-month
     * @param usdPerGbStorage USD per GiB-storage-month
     * @return the pricing
     * @throws NumberFormatException    if a string is not a decimal number
     * @throws IllegalArgumentException if a price is negative
     */
    public static UsdPricing of(String usdPerCore, String usdPerGbRam, String usdPerGbStorage) {
        return new UsdPricing(new BigDecimal(usdPerCore), new BigDecimal(usdPerGbRam),
                new BigDecimal(usdPerGbStorage));
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value.toPlainString());
        }
    }
}
