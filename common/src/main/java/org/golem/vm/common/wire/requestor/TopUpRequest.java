package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;

/**
 * Body of {@code POST /api/v1/streams/{id}/topup} on the requestor service (docs/requestor-api.md): exactly one of the
 * three. All are JSON integers: {@code 1.5} hours, seconds or wei is 422 {@code INVALID_BODY} naming the field, never
 * rounded.
 *
 * <p>A client (the {@code golem} CLI, the web console) writing this body sends only the one it gives: the null ones
 * are left out.
 *
 * @param hours     hours of the stream's rate to add, 1 to {@value OpenStreamRequest#MAX_HOURS}
 * @param seconds   seconds of the stream's rate to add, 1 to {@value #MAX_SECONDS} (365 days)
 * @param amountWei wei (or the token's base units) to add, 1 to 2^256-1
 */
public record TopUpRequest(@JsonInclude(JsonInclude.Include.NON_NULL) Long hours,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long seconds,
                           @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger amountWei) {

    /** The longest top-up by duration: 365 days, in seconds. */
    public static final long MAX_SECONDS = 31_536_000L;

    /** @return a top-up of {@code hours} hours of the stream's rate */
    public static TopUpRequest ofHours(long hours) {
        return new TopUpRequest(hours, null, null);
    }

    /** @return a top-up of {@code seconds} seconds of the stream's rate */
    public static TopUpRequest ofSeconds(long seconds) {
        return new TopUpRequest(null, seconds, null);
    }

    /** @return a top-up of {@code wei} wei */
    public static TopUpRequest ofWei(BigInteger wei) {
        return new TopUpRequest(null, null, wei);
    }

    /**
     * @return broken rules of {@code hours}, {@code seconds} and {@code amount_wei}; empty when the top-up may go to
     *         the chain (then {@link #durationSeconds()} or {@code amountWei} says how much)
     */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        int given = (hours == null ? 0 : 1) + (seconds == null ? 0 : 1) + (amountWei == null ? 0 : 1);
        if (given != 1) {
            String field = hours != null ? "hours" : seconds != null ? "seconds" : "hours";
            v.add(new Violation(field, Violation.REQUIRED, "give exactly one of hours, seconds or amount_wei"));
        }
        v.addAll(WireValidation.whole("hours", hours, 1, OpenStreamRequest.MAX_HOURS, "hours"));
        v.addAll(WireValidation.whole("seconds", seconds, 1, MAX_SECONDS, "seconds"));
        v.addAll(WireValidation.positiveWei("amount_wei", amountWei));
        return v;
    }

    /** @return the seconds of the stream's rate to add ({@code hours} × 3600 or {@code seconds}), null for wei */
    public Long durationSeconds() {
        return hours != null ? Long.valueOf(hours * 3600L) : seconds;
    }
}
