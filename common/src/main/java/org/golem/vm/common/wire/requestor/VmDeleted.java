package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code DELETE /api/v1/vms/{name}}: what a delete did.
 *
 * @param name      the VM
 * @param status    {@code deleted}
 * @param streamId  its stream or null
 * @param refundedWei wei refunded by the stream's termination ({@code refunded_wei}), or null when no stream was
 *                    terminated
 * @param refundTx  the terminate transaction, or null
 * @param message   what happened, for a human
 */
public record VmDeleted(String name, String status, BigInteger streamId, BigInteger refundedWei, String refundTx,
                        String message) {
}
