package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.golem.vm.common.money.UsdPricing;

/**
 * A provider's prices as advertised: the {@code pricing} object of discovery advertisements
 * ({@code POST}/{@code GET /api/v1/advertisements}), of the provider's {@code GET /api/v1/summary} and
 * (added) {@code GET /api/v1/provider/info} (docs/discovery-api.md §4.2, docs/provider-api.md §3.2, §7.1).
 *
 * <p>The original's six keys, all per unit per month (a month = 730 h), JSON numbers, written as null when
 * unknown: {@code usd_per_core_month}, {@code usd_per_gb_ram_month}, {@code usd_per_gb_storage_month} (USD),
 * {@code glm_per_core_month}, {@code glm_per_gb_ram_month}, {@code glm_per_gb_storage_month} (whole stream
 * tokens, for display).
 *
 * <p>FLAW fixed (docs/requestor-api.md §5.2: the stream is paid in native ETH while the amounts
 * were GLM): the {@code glm_per_*} figures are in the provider's stream token, whatever it is, and two
 * keys are added, written only when set: {@code token_usd_price} (USD per whole stream token, the price the
 * provider converts with) and {@code token_decimals} (18 for ETH/GLM). With them a requestor computes the
 * exact rate the provider requires:
 * {@code Pricing.ratePerSecondWei(usd(), resources, tokenUsdPrice, tokenDecimals)}.
 *
 * @param usdPerCoreMonth      USD per CPU core per month
 * @param usdPerGbRamMonth     USD per GiB RAM per month
 * @param usdPerGbStorageMonth USD per GiB disk per month
 * @param glmPerCoreMonth      whole stream tokens per CPU core per month (display)
 * @param glmPerGbRamMonth     whole stream tokens per GiB RAM per month (display)
 * @param glmPerGbStorageMonth whole stream tokens per GiB disk per month (display)
 * @param tokenUsdPrice        USD per whole stream token used for the conversion, or null (omitted)
 * @param tokenDecimals        decimals of the stream token, or null (omitted)
 * @param weiPerCoreMonth      token wei per CPU core per month (exact; what rates are computed from), or null
 * @param weiPerGbRamMonth     token wei per GiB RAM per month, or null
 * @param weiPerGbStorageMonth token wei per GiB disk per month, or null
 * @param usdPerPortMonth      USD per forwarded guest port (besides SSH) per month (added), or null (omitted):
 *                             no charge for ports
 * @param weiPerPortMonth      token wei per forwarded guest port per month (added), or null (omitted)
 */
public record AdvertisedPricing(
        BigDecimal usdPerCoreMonth,
        BigDecimal usdPerGbRamMonth,
        BigDecimal usdPerGbStorageMonth,
        BigDecimal glmPerCoreMonth,
        BigDecimal glmPerGbRamMonth,
        BigDecimal glmPerGbStorageMonth,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal tokenUsdPrice,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer tokenDecimals,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger weiPerCoreMonth,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger weiPerGbRamMonth,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger weiPerGbStorageMonth,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal usdPerPortMonth,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger weiPerPortMonth) {

    /** Without the port prices (ports free). */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public AdvertisedPricing(BigDecimal usdPerCoreMonth, BigDecimal usdPerGbRamMonth, BigDecimal usdPerGbStorageMonth,
                             BigDecimal glmPerCoreMonth, BigDecimal glmPerGbRamMonth, BigDecimal glmPerGbStorageMonth,
                             BigDecimal tokenUsdPrice, Integer tokenDecimals, BigInteger weiPerCoreMonth,
                             BigInteger weiPerGbRamMonth, BigInteger weiPerGbStorageMonth) {
        this(usdPerCoreMonth, usdPerGbRamMonth, usdPerGbStorageMonth, glmPerCoreMonth, glmPerGbRamMonth,
                glmPerGbStorageMonth, tokenUsdPrice, tokenDecimals, weiPerCoreMonth, weiPerGbRamMonth,
                weiPerGbStorageMonth, null, null);
    }

    /**
     * @param usdPerPort USD per forwarded guest port per month, or null
     * @param weiPerPort token wei per forwarded guest port per month, or null
     * @return a copy carrying the port prices
     */
    public AdvertisedPricing withPortPrice(BigDecimal usdPerPort, BigInteger weiPerPort) {
        return new AdvertisedPricing(usdPerCoreMonth, usdPerGbRamMonth, usdPerGbStorageMonth, glmPerCoreMonth,
                glmPerGbRamMonth, glmPerGbStorageMonth, tokenUsdPrice, tokenDecimals, weiPerCoreMonth,
                weiPerGbRamMonth, weiPerGbStorageMonth, usdPerPort, weiPerPort);
    }

    /**
     * The six original keys only.
     *
     * @param usd               USD unit prices
     * @param tokenPerCore      whole tokens per core per month
     * @param tokenPerGbRam     whole tokens per GiB RAM per month
     * @param tokenPerGbStorage whole tokens per GiB disk per month
     * @return the pricing without the added keys
     */
    public static AdvertisedPricing of(UsdPricing usd, BigDecimal tokenPerCore, BigDecimal tokenPerGbRam,
                                       BigDecimal tokenPerGbStorage) {
        return new AdvertisedPricing(usd.usdPerCoreMonth(), usd.usdPerGbRamMonth(), usd.usdPerGbStorageMonth(),
                tokenPerCore, tokenPerGbRam, tokenPerGbStorage, null, null, null, null, null);
    }

    /** @return the three USD prices, or null if one is missing (as for a partial Golem Base entry) */
    public UsdPricing usd() {
        if (usdPerCoreMonth == null || usdPerGbRamMonth == null || usdPerGbStorageMonth == null) {
            return null;
        }
        return new UsdPricing(usdPerCoreMonth, usdPerGbRamMonth, usdPerGbStorageMonth);
    }
}
