package org.golem.vm.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.money.Wei;

/**
 * Human renderings used by every command: durations ({@code 45s}, {@code 5m 03s}, {@code 1h 02m},
 * {@code 3d 4h}), token amounts from wei ({@code 0.00123 ETH}), USD ({@code $22.00}), ages ({@code 2m 10s ago})
 * and times. JSON output never goes through here: it keeps wei integers and Unix seconds.
 */
public final class Formats {

    /** Significant digits shown for token amounts (more only when the integer part needs them). */
    static final int AMOUNT_DIGITS = 6;

    private Formats() {
    }

    /**
     * @param seconds a duration in seconds; negative counts as 0
     * @return {@code 45s}, {@code 5m 03s}, {@code 1h 02m}, {@code 3d 4h} (two units at most, the smaller one
     *         zero-padded below days)
     */
    public static String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + pad(s % 60) + "s";
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + pad((s % 3600) / 60) + "m";
        }
        return (s / 86_400) + "d " + ((s % 86_400) / 3600) + "h";
    }

    private static String pad(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /**
     * Formats wei as whole tokens for people: at most {@value #AMOUNT_DIGITS} significant digits (never fewer
     * than the integer part has), no exponent, no trailing zeros.
     *
     * @param wei    amount in base units (18 decimals), ≥ 0; null gives {@code —}
     * @param symbol token symbol, e.g. {@code ETH}
     * @return e.g. {@code 0.00123 ETH}, {@code 1.5 ETH}, {@code 0 ETH}
     */
    public static String amount(BigInteger wei, String symbol) {
        if (wei == null) {
            return "—";
        }
        return tokens(new BigDecimal(Wei.toEther(wei.abs())), symbol, wei.signum() < 0);
    }

    /**
     * @param wholeTokens an amount already in whole tokens (e.g. an estimate's {@code token_per_month})
     * @param symbol      token symbol
     * @return the amount rounded like {@link #amount(BigInteger, String)}
     */
    public static String tokens(BigDecimal wholeTokens, String symbol) {
        if (wholeTokens == null) {
            return "—";
        }
        return tokens(wholeTokens.abs(), symbol, wholeTokens.signum() < 0);
    }

    private static String tokens(BigDecimal v, String symbol, boolean negative) {
        String text;
        if (v.signum() == 0) {
            text = "0";
        } else {
            int intDigits = v.precision() - v.scale();
            BigDecimal r = v.round(new MathContext(Math.max(AMOUNT_DIGITS, intDigits), RoundingMode.HALF_UP));
            text = r.stripTrailingZeros().toPlainString();
        }
        return (negative ? "-" : "") + text + (symbol == null || symbol.isEmpty() ? "" : " " + symbol);
    }

    /**
     * @param usd an amount in USD, or null
     * @return {@code $22.00}, {@code $0.10}, {@code $0.03014} (2 decimals, or 4 significant digits below 1 USD
     *         when that shows more), or {@code —}
     */
    public static String usd(BigDecimal usd) {
        if (usd == null) {
            return "—";
        }
        if (usd.abs().compareTo(BigDecimal.ONE) >= 0 || usd.signum() == 0) {
            return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        BigDecimal r = usd.round(new MathContext(4, RoundingMode.HALF_UP)).stripTrailingZeros();
        return "$" + (r.scale() < 2 ? r.setScale(2, RoundingMode.UNNECESSARY) : r).toPlainString();
    }

    /**
     * @param then an instant in the past (or null)
     * @param now  the current instant
     * @return {@code 2m 10s ago}, {@code just now} under a second, or {@code —} for null
     */
    public static String age(Instant then, Instant now) {
        if (then == null) {
            return "—";
        }
        long s = Duration.between(then, now).getSeconds();
        return s <= 0 ? "just now" : duration(s) + " ago";
    }

    /**
     * @param iso an ISO-8601 instant such as {@code 2025-09-12T10:04:00.000002Z}, or null
     * @return the instant, or null when absent or unparsable
     */
    public static Instant parseInstant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * @param iso ISO-8601 instant or null
     * @return {@code 2025-09-12 10:04:00 UTC}, the raw text when unparsable, or {@code —}
     */
    public static String time(String iso) {
        Instant t = parseInstant(iso);
        if (t == null) {
            return iso == null || iso.isBlank() ? "—" : iso;
        }
        return time(t);
    }

    /**
     * @param t an instant
     * @return {@code 2025-09-12 10:04:00 UTC}
     */
    public static String time(Instant t) {
        String s = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return s.replace('T', ' ').replace("Z", " UTC");
    }

    /**
     * Reads a wei amount from JSON: an integer number or a decimal string (large amounts may arrive as either).
     *
     * @param node a JSON value, possibly missing or null
     * @return the amount, or null when absent or not an integer
     */
    public static BigInteger wei(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            try {
                return node.decimalValue().toBigIntegerExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (node.isTextual()) {
            String t = node.asText().strip();
            try {
                return t.startsWith("0x") || t.startsWith("0X")
                        ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * @param node a JSON number or numeric string, possibly missing
     * @return its value, or null
     */
    public static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * @param node a JSON value, possibly missing or null
     * @return its text, or {@code —} when absent, null or empty
     */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "—";
        }
        String t = node.asText();
        return t.isEmpty() ? "—" : t;
    }

    /**
     * @param node a JSON value, possibly missing or null
     * @return its text, or null when absent, null or empty
     */
    public static String textOrNull(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        String t = node.asText();
        return t.isEmpty() ? null : t;
    }

    /**
     * @param text a text field of a wire record, possibly null
     * @return the text, or null when null or empty
     */
    public static String orNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * @param value a field of a wire record, possibly null
     * @return its text, or {@code —} when null or empty
     */
    public static String orDash(Object value) {
        String t = value == null ? "" : value.toString();
        return t.isEmpty() ? "—" : t;
    }

    /**
     * @param resources cores, GiB RAM and GiB disk, or null
     * @return {@code 2 CPU, 4 GB RAM, 20 GB disk}, or {@code —} for null
     */
    public static String resources(Resources resources) {
        if (resources == null) {
            return "—";
        }
        return resources.cpu() + " CPU, " + resources.memoryGib() + " GB RAM, " + resources.storageGib() + " GB disk";
    }

    /**
     * @param resources a {@code {"cpu","memory","storage"}} object
     * @return {@code 2 CPU, 4 GB RAM, 20 GB disk}
     */
    public static String resources(JsonNode resources) {
        if (resources == null || !resources.isObject()) {
            return "—";
        }
        return text(resources.get("cpu")) + " CPU, " + text(resources.get("memory")) + " GB RAM, "
                + text(resources.get("storage")) + " GB disk";
    }
}
