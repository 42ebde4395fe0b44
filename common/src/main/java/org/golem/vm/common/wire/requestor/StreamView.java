package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;
import org.golem.vm.common.stream.StreamFigures;
import org.golem.vm.common.stream.StreamState;

/**
 * A stream as the chain has it with its computed figures (answer of {@code GET /api/v1/streams/{id}}, and
 * {@code stream} of a VM's detail).
 *
 * @param streamId the stream id
 * @param chain    the contract's record
 * @param computed runway, vested, withdrawable and refundable amounts at the chain's latest block
 */
public record StreamView(BigInteger streamId, StreamState chain, StreamFigures computed) {
}
