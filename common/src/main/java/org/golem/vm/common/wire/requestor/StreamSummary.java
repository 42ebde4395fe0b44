package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * One VM's stream in {@code GET /api/v1/streams}, as its provider reports it. Every field is present.
 *
 * @param name             the VM
 * @param streamId         its stream, or null
 * @param status           the stream's status ({@code active}, {@code halted}, ...), null when unknown
 * @param remainingSeconds runway in seconds; null when the provider could not be asked
 * @param verified         whether the provider verified the stream
 * @param reason           the provider's reason; {@code unmapped} when it does not know the VM
 * @param error            why the provider could not be asked, or null
 */
public record StreamSummary(String name, BigInteger streamId, String status, Long remainingSeconds,
                            boolean verified, String reason, String error) {
}
