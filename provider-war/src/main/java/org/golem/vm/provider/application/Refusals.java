package org.golem.vm.provider.application;

import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.wire.ErrorResponse;
import org.golem.vm.common.wire.Violation;

/** Refusals the provider's use cases share. */
final class Refusals {
    private Refusals() {
    }

    /**
     * @param violations what {@link org.golem.vm.common.wire.WireValidation} found; not empty
     * @return 422 {@code VALIDATION_ERROR} naming every field, as {@code ErrorResponse.validation} words it
     */
    static DomainException validation(List<Violation> violations) {
        ErrorResponse body = ErrorResponse.validation(violations);
        return new DomainException(Refusal.UNPROCESSABLE, body.code(), body.message());
    }

    /**
     * @param what what could not be done, e.g. {@code "stream lookup failed: the payments chain cannot be reached"}
     * @return 503 {@code CHAIN_UNAVAILABLE}
     */
    static DomainException chainUnavailable(String what) {
        return new DomainException(Refusal.UNAVAILABLE, "CHAIN_UNAVAILABLE", what);
    }
}
