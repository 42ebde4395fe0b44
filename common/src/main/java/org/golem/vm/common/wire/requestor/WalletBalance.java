package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code GET /api/v1/wallet}.
 *
 * @param address         the wallet, EIP-55
 * @param balanceWei      its ETH balance, wei
 * @param tokenAddress    the stream token; the zero address for native ETH
 * @param tokenSymbol     e.g. {@code ETH}
 * @param tokenBalanceWei its balance of the token in base units; null in native mode
 */
public record WalletBalance(String address, BigInteger balanceWei, String tokenAddress, String tokenSymbol,
                            BigInteger tokenBalanceWei) {
}
