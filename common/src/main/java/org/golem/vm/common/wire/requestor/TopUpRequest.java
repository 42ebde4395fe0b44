package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;

/**
 * Body of {@code POST /api/v1/streams/{id}/topup} on the requestor service (docs/requestor-api.md): exactly one of the
 * two. Both are JSON integers: {@code 1.5} hours or wei is 422 {@code INVALID_BODY} naming the field, never rounded.
 *
 * <p>A client (the {@code golem} CLI) writing this body sends only the one it gives: the null one is left out.
 *
 * @param hours     hours of the stream's rate to add, 1 to {@value OpenStreamRequest#MAX_HOURS}
 * @param amountWei wei (or the token's base units) to add, 1 to 2^256-1
 */
public record TopUpRequest(@JsonInclude(JsonInclude.Include.NON_NULL) Long hours,
                           @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger amountWei) {

    /** @return broken rules of {@code hours} and {@code amount_wei}; empty when the top-up may go to the chain */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if ((hours == null) == (amountWei == null)) {
            v.add(new Violation("hours", Violation.REQUIRED, "give either hours or amount_wei"));
        }
        v.addAll(WireValidation.whole("hours", hours, 1, OpenStreamRequest.MAX_HOURS, "hours"));
        v.addAll(WireValidation.positiveWei("amount_wei", amountWei));
        return v;
    }
}
