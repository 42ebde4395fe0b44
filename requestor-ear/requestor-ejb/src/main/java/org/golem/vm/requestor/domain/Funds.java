package org.golem.vm.requestor.domain;

import java.math.BigInteger;

/**
 * What the wallet holds to pay a stream in {@code token}: ETH (for gas, and the payment itself in native mode) and,
 * in ERC-20 mode, the token.
 *
 * @param address      the wallet, EIP-55
 * @param token        the stream's token, or the zero address for native ETH
 * @param ethWei       ETH balance, wei
 * @param tokenBalance token balance in its base units; null in native mode
 */
public record Funds(String address, String token, BigInteger ethWei, BigInteger tokenBalance) {
    /** @return true when streams in this token pay in native ETH */
    public boolean nativeEth() {
        return tokenBalance == null;
    }

    /**
     * @param amount what the stream takes, wei (native) or token base units
     * @param gasWei ETH to keep for the transactions' gas, wei
     * @return null when the wallet can pay both, else a sentence saying what is short
     */
    public String shortfall(BigInteger amount, BigInteger gasWei) {
        if (nativeEth()) {
            return ethWei.compareTo(amount.add(gasWei)) >= 0 ? null : "the wallet " + address + " holds "
                    + ethWei + " wei; it needs " + amount + " wei plus gas (about " + gasWei + " wei)";
        }
        if (tokenBalance.compareTo(amount) < 0) {
            return "the wallet " + address + " holds " + tokenBalance + " base units of token " + token
                    + "; it needs " + amount;
        }
        if (ethWei.compareTo(gasWei) < 0) {
            return "the wallet " + address + " holds " + ethWei + " wei of ETH for gas; it needs about "
                    + gasWei + " wei to approve and pay in token " + token;
        }
        return null;
    }
}
