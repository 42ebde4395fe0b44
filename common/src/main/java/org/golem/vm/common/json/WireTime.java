package org.golem.vm.common.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Timestamps on the wire: ISO-8601 strings in UTC with microseconds, as the original's Python services
 * emit them ({@code created_at}/{@code updated_at} of VMInfo, jobs and advertisements; docs/provider-api.md
 * §3.1, docs/discovery-api.md §3).
 *
 * <p>Written form: {@code 2025-09-12T10:00:00.123456Z}. The original writes naive UTC without the zone
 * suffix ({@code 2025-09-12T10:00:00.123456}); we add {@code Z} so that JavaScript GUIs do not read the
 * value as local time. Python 3.11 {@code datetime.fromisoformat} and pydantic accept both forms.
 *
 * <p>{@link #parse} accepts both forms, any fraction length (or none), a numeric offset, and the space
 * separator of SQLite's {@code YYYY-MM-DD HH:MM:SS}; a value without zone is UTC.
 */
public final class WireTime {

    private static final DateTimeFormatter WRITE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private WireTime() {
    }

    /**
     * @param instant a point in time (sub-microsecond digits are truncated)
     * @return e.g. {@code 2025-09-12T10:00:00.123456Z}
     */
    public static String format(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return WRITE.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** @return {@link #format} of the current time */
    public static String now() {
        return format(Instant.now());
    }

    /**
     * @param text an ISO-8601 date-time, with or without offset (none = UTC)
     * @return the instant
     * @throws IllegalArgumentException if the text is not such a date-time
     */
    public static Instant parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            var parsed = READ.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 date-time: " + text, e);
        }
    }
}
