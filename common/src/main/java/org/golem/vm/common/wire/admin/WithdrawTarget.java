package org.golem.vm.common.wire.admin;

import java.math.BigInteger;

/**
 * Body of {@code POST /api/v1/admin/withdraw}: one of the three, checked in this order; the answer is
 * {@link WithdrawResults}.
 *
 * @param all      true: every stream not yet settled
 * @param streamId one stream, 0 to 2^256-1
 * @param vmId     the stream of this VM (text without control characters or unpaired surrogates)
 */
public record WithdrawTarget(Boolean all, BigInteger streamId, String vmId) {
}
