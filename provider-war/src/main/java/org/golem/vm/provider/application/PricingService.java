package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Pricing;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.money.UsdPricing;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * The provider's prices (docs/decisions.md, money): USD per core, GiB RAM and GiB disk per month set by the operator,
 * converted to the stream token with a USD price of the token (setting, refreshed by the optional price feed).
 * Integer arithmetic, rounded up (common's {@link Pricing}); read live, so operator changes apply at once.
 */
@ApplicationScoped
public class PricingService {

    @Inject
    ProviderSettings settings;

    /** @return USD unit prices per month */
    public UsdPricing usd() {
        return settings.usdPricing();
    }

    /** @return USD per whole stream token */
    public BigDecimal tokenUsdPrice() {
        return settings.tokenUsdPrice();
    }

    /**
     * @param resources cores, GiB RAM, GiB disk
     * @return the rate a stream must pay for them, wei per second, rounded up
     */
    public BigInteger requiredRateWei(Resources resources) {
        return requiredRateWei(resources, 0);
    }

    /**
     * @param resources cores, GiB RAM, GiB disk
     * @param ports     guest TCP ports forwarded besides SSH
     * @return the rate a stream must pay for them, wei per second, rounded up: the resources' monthly USD price plus
     *         {@code ports × GOLEM_PROVIDER_PRICE_PER_PORT_USD_MONTH}, converted once
     */
    public BigInteger requiredRateWei(Resources resources, int ports) {
        return Pricing.ratePerSecondWei(usd(), resources, ports, settings.pricePerPortUsdMonth(), tokenUsdPrice(),
                settings.tokenDecimals());
    }

    /**
     * @return the prices as advertised: USD, whole tokens (8 decimals, display) and exact wei per unit and month
     *         (rounded up), with the token's USD price and decimals, so a requestor computes the same rate; the price
     *         per forwarded guest port (USD and wei per port-month) only when the operator set one (free: omitted)
     */
    public AdvertisedPricing advertised() {
        BigDecimal price = tokenUsdPrice();
        AdvertisedPricing a = advertised(usd(), price, settings.tokenDecimals());
        BigDecimal perPort = settings.pricePerPortUsdMonth();
        return perPort.signum() == 0 ? a
                : a.withPortPrice(perPort, weiPerMonth(perPort, price, settings.tokenDecimals()));
    }

    /**
     * Whether prices the operator or the price feed would set can be advertised: every figure of the advertisement
     * they give (USD, whole tokens and wei per unit and month, the token price) within what discovery accepts
     * ({@link WireValidation#advertisedPricing}). A tiny token price can make the whole-token prices too large
     * (10^20 tokens or more) even when every USD price is valid.
     *
     * @param usd           USD unit prices per month, each already within {@link WireValidation#usdAmount}
     * @param tokenUsdPrice USD per whole stream token, already within {@link WireValidation#tokenUsdPrice}
     * @return violations naming the advertisement's field ({@code glm_per_core_month}, ...) and the prices that give
     *         it; empty when discovery would accept the advertisement's prices
     */
    public List<Violation> advertisable(UsdPricing usd, BigDecimal tokenUsdPrice) {
        AdvertisedPricing a = advertised(usd, tokenUsdPrice, settings.tokenDecimals());
        return WireValidation.advertisedPricing("", a).stream().map(v -> new Violation(v.field(), v.code(),
                "would be advertised as " + figure(a, v.field()) + " for USD prices " + usd.usdPerCoreMonth()
                        .toPlainString() + " / " + usd.usdPerGbRamMonth().toPlainString() + " / "
                        + usd.usdPerGbStorageMonth().toPlainString() + " at token_usd_price "
                        + tokenUsdPrice.toPlainString() + ", which discovery refuses: " + v.message())).toList();
    }

    private static String figure(AdvertisedPricing a, String field) {
        Object value = Json.mapper().valueToTree(a).get(field);
        return value == null ? "null" : value.toString();
    }

    private static AdvertisedPricing advertised(UsdPricing usd, BigDecimal price, int decimals) {
        return new AdvertisedPricing(usd.usdPerCoreMonth(), usd.usdPerGbRamMonth(), usd.usdPerGbStorageMonth(),
                Pricing.usdToToken(usd.usdPerCoreMonth(), price), Pricing.usdToToken(usd.usdPerGbRamMonth(), price),
                Pricing.usdToToken(usd.usdPerGbStorageMonth(), price), price, decimals,
                weiPerMonth(usd.usdPerCoreMonth(), price, decimals),
                weiPerMonth(usd.usdPerGbRamMonth(), price, decimals),
                weiPerMonth(usd.usdPerGbStorageMonth(), price, decimals));
    }

    private static BigInteger weiPerMonth(BigDecimal usd, BigDecimal tokenUsd, int decimals) {
        BigDecimal exact = usd.multiply(BigDecimal.TEN.pow(decimals)).divide(tokenUsd, 0, java.math.RoundingMode.CEILING);
        return exact.toBigIntegerExact();
    }
}
