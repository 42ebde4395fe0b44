package org.golem.vm.common.wire.requestor;

import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;

/**
 * Body of {@code POST /api/v1/streams} on the requestor service (docs/requestor-api.md): a stream to open for a
 * provider, priced for the resources it would rent. Numbers are JSON integers (the shared mapper refuses a fraction
 * or an exponent, {@code 1.0} included, with 422 {@code INVALID_BODY} naming the field).
 *
 * @param providerId provider address, {@code 0x} + 40 hex digits
 * @param cpu        cores, one of 1, 2, 4, 8, 16
 * @param memory     GiB RAM, one of 1, 2, 4, 8, 16, 32, 64
 * @param storage    GiB disk, 10 to 2147483647
 * @param hours      hours the deposit pays for, 1 to {@value #MAX_HOURS}; null for 1
 */
public record OpenStreamRequest(String providerId, Integer cpu, Integer memory, Integer storage, Long hours) {

    /** Most hours one deposit or top-up pays for: a year. */
    public static final long MAX_HOURS = 24 * 365;

    /** @return the hours the deposit pays for (1 when not given) */
    public long hoursOrDefault() {
        return hours == null ? 1 : hours;
    }

    /** @return the resources; only meaningful when {@link #violations()} is empty */
    public Resources resources() {
        return new Resources(cpu, memory, storage);
    }

    /**
     * @return broken rules of {@code provider_id}, {@code cpu}/{@code memory}/{@code storage} (named
     *         {@code resources.*}) and {@code hours}; empty when the body may go on to the provider checks
     */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if (providerId == null || !WireValidation.isEthereumAddress(providerId)) {
            v.add(new Violation("provider_id", Violation.PATTERN, "must be a provider address (0x + 40 hex)"));
        }
        if (cpu == null || memory == null || storage == null) {
            v.add(new Violation("resources", Violation.REQUIRED, "cpu, memory and storage are required"));
        } else {
            v.addAll(WireValidation.vmResources("resources", cpu, memory, storage));
        }
        v.addAll(WireValidation.whole("hours", hours, 1, MAX_HOURS, "hours"));
        return v;
    }
}
