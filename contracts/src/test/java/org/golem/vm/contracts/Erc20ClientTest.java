package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.revertOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.Test;

/**
 * {@link Erc20Client} on anvil against MockERC20: balances, allowances, approve only when short, a token stream
 * opened after {@code ensureAllowance}, and the errors for a non-token address and for the zero address.
 */
class Erc20ClientTest extends ChainTestBase {

    Erc20ClientTest(Anvil anvil) {
        super(anvil);
    }

    @Test
    void balancesAllowancesAndApprovals() throws Exception {
        Erc20Client token = new Erc20Client(anvil.chain(), anvil.tokenAddress());
        assertEquals(BigInteger.ZERO, token.balanceOf(sender.getAddress()));
        token.mint(sender, sender.getAddress(), r(100));
        assertEquals(r(100), token.balanceOf(sender.getAddress()));

        assertEquals(BigInteger.ZERO, token.allowance(sender.getAddress(), sp.address()));
        assertTrue(token.ensureAllowance(sender, sp.address(), r(10)), "approves when the allowance is short");
        assertEquals(r(10), token.allowance(sender.getAddress(), sp.address()));
        assertFalse(token.ensureAllowance(sender, sp.address(), r(10)), "nothing to approve when it suffices");
        assertFalse(token.ensureAllowance(sender, sp.address(), r(3)));
        assertEquals(r(10), token.allowance(sender.getAddress(), sp.address()), "approve sets, never adds");
    }

    @Test
    void aTokenStreamOpensAfterEnsureAllowanceAndPullsExactlyTheDeposit() throws Exception {
        Erc20Client token = new Erc20Client(anvil.chain(), anvil.tokenAddress());
        token.mint(sender, sender.getAddress(), r(100));
        // without an allowance the token refuses the contract's transferFrom
        assertEquals("allow", revertOf(() -> sp.as(sender).createStream(token.token(), recipient.getAddress(),
                r(40), R)));
        token.ensureAllowance(sender, sp.address(), r(40));
        BigInteger id = sp.as(sender).createStream(token.token(), recipient.getAddress(), r(40), R);
        StreamState s = sp.stream(id);
        assertEquals(token.token().toLowerCase(), s.token().toLowerCase());
        assertEquals(r(40), s.deposit());
        assertEquals(r(60), token.balanceOf(sender.getAddress()));
        assertEquals(r(40), token.balanceOf(sp.address()));
        assertEquals(BigInteger.ZERO, token.allowance(sender.getAddress(), sp.address()), "the deposit used it up");
    }

    @Test
    void notATokenIsAClearError() {
        // an account without code answers eth_call with nothing
        Erc20Client none = new Erc20Client(anvil.chain(), stranger.getAddress());
        IOException e = assertThrows(IOException.class, () -> none.balanceOf(sender.getAddress()));
        assertTrue(e.getMessage().contains("ERC-20"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Erc20Client(anvil.chain(), StreamState.ZERO_ADDRESS));
        // the StreamPayment contract has no mint: the revert comes back before any gas is spent
        Erc20Client streamContract = new Erc20Client(anvil.chain(), sp.address());
        assertThrows(ContractRevertException.class, () -> streamContract.mint(sender, sender.getAddress(), r(1)));
    }
}
