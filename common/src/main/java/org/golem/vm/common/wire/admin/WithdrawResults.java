package org.golem.vm.common.wire.admin;

import java.math.BigInteger;
import java.util.List;

/**
 * Answer of {@code POST /api/v1/admin/withdraw}: one result per withdrawal attempted (a stream with nothing to
 * collect is not attempted).
 *
 * @param results what happened per stream
 */
public record WithdrawResults(List<Result> results) {

    /**
     * What happened to one stream.
     *
     * @param streamId  stream
     * @param vmName    VM it pays (paid) for
     * @param amountWei wei withdrawn, 0 when nothing was
     * @param txHash    transaction, or null
     * @param error     why it failed, or null
     */
    public record Result(BigInteger streamId, String vmName, BigInteger amountWei, String txHash, String error) {
    }
}
