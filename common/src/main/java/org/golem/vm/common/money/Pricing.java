package org.golem.vm.common.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Converts a provider's USD prices into a stream rate in token base units (wei) per second, and a rate
 * into a deposit. Everything is exact decimal / integer arithmetic; no floating point is used anywhere.
 *
 * <p>A month is {@value #HOURS_PER_MONTH} hours = {@value #SECONDS_PER_MONTH} seconds, the constant of
 * the original implementation (docs/requestor-api.md §5.1 "a month is 730 h", §5.2 "/2 628 000";
 * docs/provider-api.md §6).
 *
 * <p>Unlike the original requestor, which truncated an IEEE double (docs/requestor-api.md §5.2), the rate is
 * computed as an exact rational number and rounded <em>up</em> to the next whole wei, so that rounding
 * never underpays the provider. Example: 44 tokens per month gives 16 742 770 167 428 wei/s here,
 * where the original computed 16 742 770 167 427.
 */
public final class Pricing {

    /** Hours in a pricing month (the original's constant). */
    public static final long HOURS_PER_MONTH = 730;

    /** Seconds in an hour. */
    public static final long SECONDS_PER_HOUR = 3600;

    /** Seconds in a pricing month: 730 × 3600 = 2 628 000. */
    public static final long SECONDS_PER_MONTH = HOURS_PER_MONTH * SECONDS_PER_HOUR;

    /** Decimal places of the token amounts returned by {@link #usdToToken}, as the original (8, half-up). */
    public static final int TOKEN_DISPLAY_SCALE = 8;

    /** Largest accepted number of token decimals. */
    public static final int MAX_DECIMALS = 36;

    private static final BigInteger SECONDS_PER_MONTH_BI = BigInteger.valueOf(SECONDS_PER_MONTH);
    private static final BigInteger SECONDS_PER_HOUR_BI = BigInteger.valueOf(SECONDS_PER_HOUR);

    private Pricing() {
    }

    /**
     * Monthly price of some resources, exact:
     * {@code usdPerCore × cpu + usdPerGbRam × memoryGib + usdPerGbStorage × storageGib}.
     *
     * @param pricing   USD unit prices per month
     * @param resources cores and GiB
     * @return USD per month, exact (scale is that of the unit prices; not rounded)
     * @throws NullPointerException if an argument is null
     */
    public static BigDecimal usdPerMonth(UsdPricing pricing, Resources resources) {
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(resources, "resources");
        return pricing.usdPerCoreMonth().multiply(BigDecimal.valueOf(resources.cpu()))
                .add(pricing.usdPerGbRamMonth().multiply(BigDecimal.valueOf(resources.memoryGib())))
                .add(pricing.usdPerGbStorageMonth().multiply(BigDecimal.valueOf(resources.storageGib())));
    }

    /**
     * Stream rate for some resources at a provider's USD prices:
     * {@code ceil(usdPerMonth / tokenUsdPrice × 10^tokenDecimals / 2 628 000)} base units per second.
     *
     * @param pricing       USD unit prices per month
     * @param resources     cores and GiB
     * @param tokenUsdPrice USD per whole token (e.g. 2000 for ETH at $2000), > 0
     * @param tokenDecimals decimals of the token, 0..36 (18 for ETH and GLM)
     * @return wei (token base units) per second, rounded up; 0 only if the monthly price is 0 (the
     *         contract rejects a zero rate with {@code "rate=0"})
     * @throws IllegalArgumentException if the token price is ≤ 0 or the decimals are out of 0..36
     * @throws NullPointerException     if an argument is null
     */
    public static BigInteger ratePerSecondWei(UsdPricing pricing, Resources resources,
                                              BigDecimal tokenUsdPrice, int tokenDecimals) {
        return ratePerSecondWei(usdPerMonth(pricing, resources), tokenUsdPrice, tokenDecimals);
    }

    /**
     * Stream rate for some resources and forwarded guest ports at a provider's USD prices: like
     * {@link #ratePerSecondWei(UsdPricing, Resources, BigDecimal, int)} with {@code ports × usdPerPortMonth} added to
     * the monthly price before the one rounding up.
     *
     * @param pricing         USD unit prices per month
     * @param resources       cores and GiB
     * @param ports           guest TCP ports forwarded besides SSH, ≥ 0
     * @param usdPerPortMonth USD per port per month, ≥ 0 (0 or null: ports are free)
     * @param tokenUsdPrice   USD per whole token, > 0
     * @param tokenDecimals   decimals of the token, 0..36
     * @return wei (token base units) per second, rounded up
     * @throws IllegalArgumentException if {@code ports} or the port price is negative, the token price is ≤ 0 or the
     *                                  decimals are out of 0..36
     */
    public static BigInteger ratePerSecondWei(UsdPricing pricing, Resources resources, int ports,
                                              BigDecimal usdPerPortMonth, BigDecimal tokenUsdPrice,
                                              int tokenDecimals) {
        if (ports < 0) {
            throw new IllegalArgumentException("ports must not be negative: " + ports);
        }
        BigDecimal perPort = usdPerPortMonth == null ? BigDecimal.ZERO : usdPerPortMonth;
        requireNonNegative(perPort, "USD per port and month");
        return ratePerSecondWei(usdPerMonth(pricing, resources).add(perPort.multiply(BigDecimal.valueOf(ports))),
                tokenUsdPrice, tokenDecimals);
    }

    /**
     * Stream rate for a monthly USD amount:
     * {@code ceil(usdPerMonth / tokenUsdPrice × 10^tokenDecimals / 2 628 000)} base units per second,
     * computed as an exact fraction and rounded up.
     *
     * @param usdPerMonth   USD per month, ≥ 0
     * @param tokenUsdPrice USD per whole token, > 0
     * @param tokenDecimals decimals of the token, 0..36
     * @return wei (token base units) per second, rounded up
     * @throws IllegalArgumentException if {@code usdPerMonth} is negative, the token price is ≤ 0 or the
     *                                  decimals are out of 0..36
     * @throws NullPointerException     if an argument is null
     */
    public static BigInteger ratePerSecondWei(BigDecimal usdPerMonth, BigDecimal tokenUsdPrice, int tokenDecimals) {
        Objects.requireNonNull(usdPerMonth, "usdPerMonth");
        requireNonNegative(usdPerMonth, "USD per month");
        requirePositivePrice(tokenUsdPrice);
        checkDecimals(tokenDecimals);
        // Bring both decimals to one common scale s, so usd = U / 10^s and price = P / 10^s exactly:
        // rate = (U / P) × 10^d / 2 628 000 = U × 10^d / (P × 2 628 000).
        int scale = Math.max(0, Math.max(usdPerMonth.scale(), tokenUsdPrice.scale()));
        BigInteger usdUnits = usdPerMonth.setScale(scale).unscaledValue();
        BigInteger priceUnits = tokenUsdPrice.setScale(scale).unscaledValue();
        BigInteger numerator = usdUnits.multiply(BigInteger.TEN.pow(tokenDecimals));
        BigInteger denominator = priceUnits.multiply(SECONDS_PER_MONTH_BI);
        return ceilDiv(numerator, denominator);
    }

    /**
     * Converts a USD amount into tokens for display (e.g. {@code glm_per_core_month}):
     * {@code usd / tokenUsdPrice}, rounded half-up to {@value #TOKEN_DISPLAY_SCALE} decimals as the
     * original did (docs/provider-api.md §6). Not for computing rates; use {@link #ratePerSecondWei}.
     *
     * @param usd           USD amount, ≥ 0
     * @param tokenUsdPrice USD per whole token, > 0
     * @return whole tokens, scale 8
     * @throws IllegalArgumentException if {@code usd} is negative or the token price is ≤ 0
     * @throws NullPointerException     if an argument is null
     */
    public static BigDecimal usdToToken(BigDecimal usd, BigDecimal tokenUsdPrice) {
        Objects.requireNonNull(usd, "usd");
        requireNonNegative(usd, "USD amount");
        requirePositivePrice(tokenUsdPrice);
        return usd.divide(tokenUsdPrice, TOKEN_DISPLAY_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * Monthly price of some resources in whole tokens, for display:
     * {@code usdToToken(usdPerMonth(pricing, resources), tokenUsdPrice)}.
     *
     * @param pricing       USD unit prices per month
     * @param resources     cores and GiB
     * @param tokenUsdPrice USD per whole token, > 0
     * @return whole tokens per month, scale 8, half-up
     * @throws IllegalArgumentException if the token price is ≤ 0
     * @throws NullPointerException     if an argument is null
     */
    public static BigDecimal tokenPerMonth(UsdPricing pricing, Resources resources, BigDecimal tokenUsdPrice) {
        return usdToToken(usdPerMonth(pricing, resources), tokenUsdPrice);
    }

    /**
     * Deposit that pays a rate for some hours: {@code rate × hours × 3600}.
     *
     * @param ratePerSecondWei wei per second, > 0
     * @param hours            hours, ≥ 1
     * @return wei
     * @throws IllegalArgumentException if the rate is ≤ 0 or hours &lt; 1
     * @throws NullPointerException     if the rate is null
     */
    public static BigInteger depositWei(BigInteger ratePerSecondWei, long hours) {
        if (hours < 1) {
            throw new IllegalArgumentException("hours must be at least 1: " + hours);
        }
        requirePositiveRate(ratePerSecondWei);
        return ratePerSecondWei.multiply(BigInteger.valueOf(hours)).multiply(SECONDS_PER_HOUR_BI);
    }

    /**
     * Deposit that pays a rate for some seconds: {@code rate × seconds}.
     *
     * @param ratePerSecondWei wei per second, > 0
     * @param seconds          seconds, ≥ 1
     * @return wei
     * @throws IllegalArgumentException if the rate is ≤ 0 or seconds &lt; 1
     * @throws NullPointerException     if the rate is null
     */
    public static BigInteger depositWeiForSeconds(BigInteger ratePerSecondWei, long seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds must be at least 1: " + seconds);
        }
        requirePositiveRate(ratePerSecondWei);
        return ratePerSecondWei.multiply(BigInteger.valueOf(seconds));
    }

    /**
     * Provider-side check that a stream pays at least the price: {@code offered ≥ required}.
     *
     * @param offeredRateWei  the stream's rate, wei per second
     * @param requiredRateWei the provider's rate for the requested resources, wei per second
     * @return true if the offered rate covers the price
     * @throws NullPointerException if an argument is null
     */
    public static boolean coversPrice(BigInteger offeredRateWei, BigInteger requiredRateWei) {
        Objects.requireNonNull(offeredRateWei, "offeredRateWei");
        Objects.requireNonNull(requiredRateWei, "requiredRateWei");
        return offeredRateWei.compareTo(requiredRateWei) >= 0;
    }

    static void checkDecimals(int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("token decimals must be within 0.." + MAX_DECIMALS + ": " + decimals);
        }
    }

    private static void requirePositivePrice(BigDecimal tokenUsdPrice) {
        Objects.requireNonNull(tokenUsdPrice, "tokenUsdPrice");
        if (tokenUsdPrice.signum() <= 0) {
            throw new IllegalArgumentException("token USD price must be positive: " + tokenUsdPrice.toPlainString());
        }
    }

    private static void requirePositiveRate(BigInteger rate) {
        Objects.requireNonNull(rate, "ratePerSecondWei");
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("rate per second (wei) must be positive: " + rate);
        }
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value.toPlainString());
        }
    }

    /** Ceiling division of a non-negative numerator by a positive denominator. */
    private static BigInteger ceilDiv(BigInteger numerator, BigInteger denominator) {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
