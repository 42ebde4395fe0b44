package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code POST /api/v1/wallet/faucet} (development chain only).
 *
 * @param address        the wallet, EIP-55
 * @param tx             always null (the balance is set with {@code anvil_setBalance}, no transaction)
 * @param fundedWei      the ETH balance the wallet now has, wei
 * @param fundedTokenWei base units of the test token minted to it; null in native mode
 */
public record FaucetResult(String address, String tx, BigInteger fundedWei, BigInteger fundedTokenWei) {
}
