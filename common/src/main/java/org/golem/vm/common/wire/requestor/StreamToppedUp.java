package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code POST /api/v1/streams/{id}/topup}.
 *
 * @param streamId    the stream
 * @param toppedUpWei what was added, wei (or token base units)
 * @param tx          the transaction hash
 * @param stopTime    the stream's new stop time, Unix seconds
 */
public record StreamToppedUp(BigInteger streamId, BigInteger toppedUpWei, String tx, long stopTime) {
}
