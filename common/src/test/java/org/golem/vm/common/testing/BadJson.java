package org.golem.vm.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.golem.vm.common.json.Json;

/**
 * Seeded generator of invalid JSON values for the write APIs' fuzz tests: numbers out of a field's range or
 * precision (the extreme ones of issue 15 among them), fractions and exponents where an integer belongs, and text
 * with NUL, control characters or lone UTF-16 surrogates. Every value it returns is invalid for the field kind it
 * was asked for, so a service must answer each with a 4xx. The seed is {@code -Dgolem.fuzz.seed=N} or random;
 * tests print it in every failure message ({@link #toString()}) so a failure can be replayed.
 */
public final class BadJson {

    /** The numbers of issue 15 that reached discovery's columns: 400 digits, and three extreme exponents. */
    public static final List<String> EXTREME_NUMBERS = List.of("9".repeat(400), "1e999999999", "1e-999999999",
            "1E+2147483647");

    private static final String MARK = "\u0001fuzz\u0001";

    private final long seed;
    private final Random random;

    /** @param seed the seed of every choice */
    public BadJson(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** @return a generator seeded by {@code -Dgolem.fuzz.seed}, else by the clock */
    public static BadJson seeded() {
        return new BadJson(Long.getLong("golem.fuzz.seed", System.nanoTime()));
    }

    /** @return the random source (seeded), for a test's own choices */
    public Random random() {
        return random;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String digits(int count) {
        StringBuilder b = new StringBuilder(count);
        b.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < count; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** A positive exponent above {@code min}, up to the largest int and (rarely) beyond what a decimal holds. */
    private long exponentAbove(int min) {
        return switch (random.nextInt(4)) {
            case 0 -> min + 1 + random.nextInt(1000);
            case 1 -> Integer.MAX_VALUE - random.nextInt(1000);
            case 2 -> (long) Integer.MAX_VALUE + 1 + random.nextInt(1_000_000);
            default -> min + 1 + (long) random.nextInt(Integer.MAX_VALUE - min - 1);
        };
    }

    /**
     * A JSON number token that is not a decimal of at most {@code integerDigits} integer digits and
     * {@code fractionDigits} decimal places, at least 0.
     *
     * @param integerDigits  most digits before the point
     * @param fractionDigits most digits after it
     * @return raw JSON (a number, or occasionally a value of the wrong type)
     */
    public String decimal(int integerDigits, int fractionDigits) {
        return switch (random.nextInt(8)) {
            case 0 -> pick(EXTREME_NUMBERS);
            case 1 -> digits(integerDigits + 1 + random.nextInt(1000 - integerDigits - 1));
            case 2 -> "1." + "0".repeat(fractionDigits) + digits(1 + random.nextInt(300));
            case 3 -> digits(1 + random.nextInt(5)) + "e" + exponentAbove(integerDigits);
            case 4 -> digits(1 + random.nextInt(5)) + "e-" + exponentAbove(fractionDigits + 5);
            case 5 -> "-" + digits(1 + random.nextInt(30)) + (random.nextBoolean() ? "" : ".5");
            case 6 -> "-1e-" + exponentAbove(fractionDigits);
            default -> wrongType();
        };
    }

    /**
     * A JSON value that is not an integer from {@code min} to {@code max}: a fraction, an exponent (even
     * {@code 1.0} or {@code 1e3}), a number beyond the range or beyond any integer type, or the wrong type.
     *
     * @param min smallest valid value
     * @param max largest valid value
     * @return raw JSON
     */
    public String integer(long min, long max) {
        return switch (random.nextInt(7)) {
            case 0 -> pick(EXTREME_NUMBERS);
            case 1 -> (min + random.nextInt(10)) + "." + digits(1 + random.nextInt(20));
            case 2 -> (min + random.nextInt(5)) + ".0";
            case 3 -> "1e" + (random.nextBoolean() ? 1 + random.nextInt(3) : exponentAbove(20));
            case 4 -> BigInteger.valueOf(max).add(BigInteger.ONE).add(new BigInteger(digits(1 + random.nextInt(40))))
                    .toString();
            case 5 -> BigInteger.valueOf(min).subtract(BigInteger.ONE)
                    .subtract(BigInteger.valueOf(random.nextInt(1000))).toString();
            default -> wrongType();
        };
    }

    /**
     * @return a JSON value that is not a whole number of wei from 0 to 2^256-1 (fractional wei such as
     *         {@code 1.5} among them)
     */
    public String wei() {
        return switch (random.nextInt(7)) {
            case 0 -> digits(1 + random.nextInt(30)) + "." + digits(1 + random.nextInt(18));
            case 1 -> "\"" + digits(1 + random.nextInt(30)) + ".5\"";
            case 2 -> BigInteger.ONE.shiftLeft(256).add(new BigInteger(digits(1 + random.nextInt(300)))).toString();
            case 3 -> "-" + digits(1 + random.nextInt(30));
            case 4 -> digits(1 + random.nextInt(5)) + (random.nextBoolean() ? ".0" : "e" + random.nextInt(30));
            case 5 -> pick(EXTREME_NUMBERS);
            default -> wrongType();
        };
    }

    /**
     * @param valid a valid value of the field (ASCII)
     * @return a JSON string: {@code valid} with a NUL, another control character or a lone surrogate (written as
     *         a JSON {@code \\u} escape of four hex digits) inserted inside it (not at an end, where a field that
     *         strips whitespace would drop a tab or line break and be valid)
     */
    public String text(String valid) {
        int at = valid.length() < 2 ? 0 : 1 + random.nextInt(valid.length() - 1);
        int unit = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1 + random.nextInt(0x1f);
            case 2 -> 0xd800 + random.nextInt(0x400);
            default -> 0xdc00 + random.nextInt(0x400);
        };
        return "\"" + valid.substring(0, at) + String.format("\\u%04x", unit) + valid.substring(at) + "\"";
    }

    /** @return a JSON value of a type no number or text field takes */
    public String wrongType() {
        return pick(List.of("true", "[]", "{}", "[1]", "{\"a\":1}"));
    }

    /**
     * @param json a JSON object
     * @param path field path, dots between names ({@code pricing.usd_per_core_month}); the last name is set
     * @param raw  raw JSON text for the value (need not be representable in a tree: {@code 1e99999999999})
     * @return the object's text with that field's value replaced
     */
    public static String with(String json, String path, String raw) {
        JsonNode root = Json.tree(json);
        String[] names = path.split("\\.");
        ObjectNode parent = (ObjectNode) root;
        for (int i = 0; i < names.length - 1; i++) {
            parent = (ObjectNode) parent.get(names[i]);
        }
        parent.put(names[names.length - 1], MARK);
        String text = Json.toJson(root);
        return text.replace(Json.toJson(MARK), raw);
    }

    /**
     * @param count how many cases
     * @param make  one case from this generator
     * @return the cases
     */
    public List<String> cases(int count, java.util.function.Function<BadJson, String> make) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(make.apply(this));
        }
        return out;
    }

    /** @return {@code "seed N (replay with -Dgolem.fuzz.seed=N)"} */
    @Override
    public String toString() {
        return "seed " + seed + " (replay with -Dgolem.fuzz.seed=" + seed + ")";
    }
}
