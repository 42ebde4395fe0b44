package org.golem.vm.cli.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as the user types it on the command line: a whole number and one unit, {@code s} (seconds),
 * {@code m} (minutes), {@code h} (hours) or {@code d} (days), e.g. {@code 90s}, {@code 30m}, {@code 6h}, {@code 2d}
 * (the web console reads the same forms).
 */
public final class DurationArgument {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})([smhd])");

    private DurationArgument() {
    }

    /**
     * @param text   e.g. {@code 30m}; surrounding blanks are ignored, the unit is case-insensitive
     * @param maxSeconds the longest duration accepted, seconds
     * @return the duration in seconds, 1 to {@code maxSeconds}
     * @throws IllegalArgumentException with a one-line message for the user when the text is not such a duration or
     *                                  is out of range
     */
    public static long seconds(String text, long maxSeconds) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: give a whole number and a unit, "
                    + "s, m, h or d (e.g. 90s, 30m, 6h, 2d)");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86_400;
        };
        if (n < 1 || n > maxSeconds / unit) {
            throw new IllegalArgumentException("'" + text + "' is out of range: from 1s to " + maxSeconds / 86_400
                    + "d (" + maxSeconds + " seconds)");
        }
        return n * unit;
    }
}
