package org.golem.vm.common.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Formats and parses token amounts between base units (wei) and whole-token decimal strings, exactly.
 *
 * <p>Formatting gives a plain decimal without exponent and without trailing zeros
 * ({@code 1500000000000000000 → "1.5"}, {@code 1 → "0.000000000000000001"}, {@code 0 → "0"}).
 * Parsing accepts only plain non-negative decimals ({@code "1"}, {@code "1.5"}, {@code ".5"}, {@code "2."};
 * surrounding blanks are ignored) and refuses anything that is not a whole number of base units.
 */
public final class Wei {

    /** Decimals of ETH (and of GLM): 1 ether = 10^18 wei. */
    public static final int ETHER_DECIMALS = 18;

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    private Wei() {
    }

    /**
     * Formats wei as ether.
     *
     * @param wei amount in wei, ≥ 0
     * @return ether as a plain decimal string without trailing zeros, e.g. {@code "1.5"}
     * @throws IllegalArgumentException if the amount is negative
     * @throws NullPointerException     if the amount is null
     */
    public static String toEther(BigInteger wei) {
        return format(wei, ETHER_DECIMALS);
    }

    /**
     * Parses an ether amount into wei.
     *
     * @param ether plain non-negative decimal, at most 18 significant decimal places (e.g. {@code "1.5"})
     * @return wei
     * @throws IllegalArgumentException if the text is not a plain decimal, is negative, or has a non-zero
     *                                  digit beyond the 18th decimal place
     * @throws NullPointerException     if the text is null
     */
    public static BigInteger parseEther(String ether) {
        return parse(ether, ETHER_DECIMALS);
    }

    /**
     * Formats token base units as whole tokens.
     *
     * @param baseUnits amount in base units (wei for 18-decimal tokens), ≥ 0
     * @param decimals  token decimals, 0..36
     * @return whole tokens as a plain decimal string without trailing zeros
     * @throws IllegalArgumentException if the amount is negative or the decimals are out of 0..36
     * @throws NullPointerException     if the amount is null
     */
    public static String format(BigInteger baseUnits, int decimals) {
        Objects.requireNonNull(baseUnits, "baseUnits");
        Pricing.checkDecimals(decimals);
        if (baseUnits.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + baseUnits);
        }
        if (baseUnits.signum() == 0) {
            return "0";
        }
        return new BigDecimal(baseUnits, decimals).stripTrailingZeros().toPlainString();
    }

    /**
     * Parses whole tokens into base units.
     *
     * @param amount   plain non-negative decimal (digits with at most one dot; no sign, no exponent)
     * @param decimals token decimals, 0..36
     * @return base units (wei for 18-decimal tokens)
     * @throws IllegalArgumentException if the text is not a plain decimal, is negative, or has a non-zero
     *                                  digit beyond the {@code decimals}-th decimal place; or if the
     *                                  decimals are out of 0..36
     * @throws NullPointerException     if the text is null
     */
    public static BigInteger parse(String amount, int decimals) {
        Objects.requireNonNull(amount, "amount");
        Pricing.checkDecimals(decimals);
        String text = amount.strip();
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a plain decimal amount: '" + amount + "'");
        }
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        if (value.scale() > decimals) {
            throw new IllegalArgumentException("amount '" + amount + "' has more than " + decimals
                    + " decimal places");
        }
        return value.movePointRight(decimals).toBigIntegerExact();
    }
}
