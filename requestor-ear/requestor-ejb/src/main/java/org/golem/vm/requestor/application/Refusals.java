package org.golem.vm.requestor.application;

import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.wire.ErrorResponse;
import org.golem.vm.common.wire.Violation;

/** The refusals several use cases share, each with the status kind and code the requestor API documents. */
final class Refusals {
    private Refusals() {
    }

    /** @return 422 {@code VALIDATION_ERROR} listing the broken rules */
    static DomainException validation(List<Violation> violations) {
        ErrorResponse body = ErrorResponse.validation(violations);
        return new DomainException(Refusal.UNPROCESSABLE, body.code(), body.message());
    }

    /** @return 422 {@code VALIDATION_ERROR} with one sentence */
    static DomainException invalid(String message) {
        return new DomainException(Refusal.UNPROCESSABLE, ErrorResponse.VALIDATION_ERROR, message);
    }

    /** @return 503 {@code CHAIN_UNAVAILABLE} */
    static DomainException chainUnavailable(String message) {
        return new DomainException(Refusal.UNAVAILABLE, "CHAIN_UNAVAILABLE", message);
    }
}
