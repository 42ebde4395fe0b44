package org.golem.vm.common.wire.admin;

import java.math.BigInteger;

/**
 * Answer of {@code GET /api/v1/admin/wallet}: the provider's wallet (it pays the gas of withdrawals).
 *
 * @param address     the provider's address, EIP-55
 * @param balanceWei  its balance on the payments chain, wei
 * @param tokenSymbol the symbol of the payment token, for display
 */
public record Wallet(String address, BigInteger balanceWei, String tokenSymbol) {
}
