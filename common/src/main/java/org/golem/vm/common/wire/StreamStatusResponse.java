package org.golem.vm.common.wire;

import java.math.BigInteger;
import org.golem.vm.common.stream.StreamFigures;
import org.golem.vm.common.stream.StreamState;

/**
 * Response of the provider's {@code GET /api/v1/vms/{name}/stream} and the items of
 * {@code GET /api/v1/payments/streams} (docs/provider-api.md §3.1 {@code StreamStatus}; docs/requestor-api.md §3.15):
 * {@code {"vm_id","stream_id","chain":{...},"computed":{...},"verified","reason"}}.
 *
 * <p>{@code chain} keeps the contract's camelCase names ({@code startTime}, {@code ratePerSecond}, ...);
 * {@code computed} has {@code now} (Unix seconds), {@code remaining_seconds}, {@code vested_wei},
 * {@code withdrawable_wei} as in the original, plus {@code refundable_wei} and {@code status}.
 *
 * @param vmId      the VM's id (its name)
 * @param streamId  StreamPayment stream id (uint256, JSON integer)
 * @param chain     the stream as stored on chain (wei amounts, Unix-second times)
 * @param computed  figures derived at {@code computed.now}
 * @param verified  whether the stream passes the provider's checks for this VM right now
 * @param reason    {@code "ok"} or why it does not (e.g. {@code "recipient mismatch"}, {@code "stream halted"})
 */
public record StreamStatusResponse(
        String vmId,
        BigInteger streamId,
        StreamState chain,
        StreamFigures computed,
        boolean verified,
        String reason) {
}
