package org.golem.vm.requestor.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.golem.vm.common.stream.StreamState;
import org.junit.jupiter.api.Test;

/** {@link Funds#shortfall}: what a wallet must hold to pay into a stream, in native ETH and in a token. */
class FundsTest {
    private static final String ME = "0x1111111111111111111111111111111111111111";
    private static final String GLM = "0x2222222222222222222222222222222222222222";

    private static BigInteger wei(long v) {
        return BigInteger.valueOf(v);
    }

    @Test
    void nativeEthPaysTheAmountAndTheGasFromOneBalance() {
        Funds f = new Funds(ME, StreamState.ZERO_ADDRESS, wei(1_000), null);
        assertTrue(f.nativeEth());
        assertNull(f.shortfall(wei(900), wei(100)), "exactly enough");
        String s = f.shortfall(wei(901), wei(100));
        assertEquals("the wallet " + ME + " holds 1000 wei; it needs 901 wei plus gas (about 100 wei)", s);
    }

    @Test
    void aTokenStreamNeedsTheTokensAndEthForGasSeparately() {
        Funds f = new Funds(ME, GLM, wei(100), wei(5_000));
        assertNull(f.shortfall(wei(5_000), wei(100)), "all tokens, ETH only for gas");
        assertEquals("the wallet " + ME + " holds 5000 base units of token " + GLM + "; it needs 5001",
                f.shortfall(wei(5_001), wei(100)));
        assertEquals("the wallet " + ME + " holds 100 wei of ETH for gas; it needs about 101 wei to approve and pay "
                + "in token " + GLM, f.shortfall(wei(10), wei(101)));
        // ETH never pays a token stream: plenty of ETH, too few tokens
        Funds rich = new Funds(ME, GLM, BigInteger.TEN.pow(24), wei(0));
        assertTrue(rich.shortfall(wei(1), wei(100)).contains("0 base units of token"));
    }
}
