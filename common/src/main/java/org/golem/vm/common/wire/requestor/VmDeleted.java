package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code DELETE /api/v1/vms/{name}}: what a delete did.
 *
 * @param name      the VM
 * @param status    {@code deleted}
 * @param streamId  its stream or null
 * @param refundWei wei refunded by the terminate, or null when none was needed
 * @param refundTx  the terminate transaction, or null
 * @param message   what happened, for a human
 */
public record VmDeleted(String name, String status, BigInteger streamId, BigInteger refundWei, String refundTx,
                        String message) {
}
