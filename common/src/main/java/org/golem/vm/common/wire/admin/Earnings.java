package org.golem.vm.common.wire.admin;

import java.math.BigInteger;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/admin/earnings}: per stream, totals (wei) and every withdrawal made, computed at the
 * chain's time.
 *
 * @param streams     every stream ever bound to a VM, newest first
 * @param totals      sums over {@code streams}
 * @param withdrawals history, oldest first
 * @param chainTime   the chain time the figures are computed at, Unix seconds
 */
public record Earnings(List<Stream> streams, Totals totals, List<WithdrawalRecord> withdrawals, long chainTime) {

    /**
     * Earnings of one stream, wei.
     *
     * @param vmId         the VM it pays (paid) for
     * @param streamId     stream
     * @param token        token address (the zero address: native ETH)
     * @param vested       vested so far
     * @param withdrawn    already paid to the provider
     * @param withdrawable vested and not yet withdrawn
     * @param status       stream status at the chain's time ({@code active}, {@code depleted}, ...)
     * @param settled      nothing more to collect
     */
    public record Stream(String vmId, BigInteger streamId, String token, BigInteger vested, BigInteger withdrawn,
                         BigInteger withdrawable, String status, boolean settled) {
    }

    /**
     * Sums over every stream, wei.
     *
     * @param vested       vested so far
     * @param withdrawn    already paid to the provider
     * @param withdrawable vested and not yet withdrawn
     */
    public record Totals(BigInteger vested, BigInteger withdrawn, BigInteger withdrawable) {
    }

    /**
     * One past withdrawal.
     *
     * @param streamId  stream
     * @param vmId      the VM it paid for
     * @param amountWei wei paid to the provider
     * @param txHash    the transaction
     * @param origin    {@code auto} or {@code manual}
     * @param createdAt when, epoch milliseconds
     */
    public record WithdrawalRecord(BigInteger streamId, String vmId, BigInteger amountWei, String txHash,
                                   String origin, long createdAt) {
    }
}
