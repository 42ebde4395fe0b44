package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code POST /api/v1/streams/{id}/terminate}.
 *
 * @param streamId    the stream
 * @param tx          the transaction hash
 * @param refundedWei what went back to the wallet, wei
 */
public record StreamTerminated(BigInteger streamId, String tx, BigInteger refundedWei) {
}
