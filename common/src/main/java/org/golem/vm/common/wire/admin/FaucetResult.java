package org.golem.vm.common.wire.admin;

import java.math.BigInteger;

/**
 * Answer of {@code POST /api/v1/admin/wallet/faucet} (development chain only).
 *
 * @param address   the provider's address, EIP-55
 * @param fundedWei the balance it now has, wei
 */
public record FaucetResult(String address, BigInteger fundedWei) {
}
