package org.golem.vm.common.wire.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;

/**
 * Body of {@code POST /api/v1/admin/withdraw}: one of the three, checked in this order; the answer is
 * {@link WithdrawResults}.
 *
 * <p>Written (by {@code golem-provider}) without its null fields, so a client sends only what it names.
 *
 * @param all      true: every stream not yet settled
 * @param streamId one stream, 0 to 2^256-1
 * @param vmId     the stream of this VM (text without control characters or unpaired surrogates)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WithdrawTarget(Boolean all, BigInteger streamId, String vmId) {
}
