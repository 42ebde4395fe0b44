package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code POST /api/v1/streams}.
 *
 * @param streamId         the new stream
 * @param ratePerSecondWei its rate, wei per second
 * @param depositWei       its deposit, wei
 * @param recipient        the provider it pays, EIP-55
 */
public record StreamOpened(BigInteger streamId, BigInteger ratePerSecondWei, BigInteger depositWei,
                           String recipient) {
}
