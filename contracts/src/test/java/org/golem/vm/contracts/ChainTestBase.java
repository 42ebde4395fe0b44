package org.golem.vm.contracts;

import java.math.BigInteger;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.contracts.testing.AnvilExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/**
 * Fixture shared by the chain tests: the JVM-wide anvil, the {@link ChainKit}, the deployed v2 contract (as a
 * client and as read-only views) and three fresh funded accounts per test.
 */
@ExtendWith(AnvilExtension.class)
abstract class ChainTestBase {

    /** Rate used by most streams: 10^12 wei per second. */
    static final BigInteger R = BigInteger.TEN.pow(12);

    protected final Anvil anvil;
    protected final ChainKit kit;
    protected StreamPaymentClient sp;
    protected StreamPayment views;
    protected Credentials sender;
    protected Credentials recipient;
    protected Credentials stranger;

    ChainTestBase(Anvil anvil) {
        this.anvil = anvil;
        this.kit = new ChainKit(anvil);
    }

    @BeforeEach
    void freshAccounts() {
        sp = kit.v2();
        views = kit.views(sp.address());
        sender = anvil.newAccount();
        recipient = anvil.newAccount();
        stranger = anvil.newAccount();
    }

    /** @return {@code seconds} worth of the rate {@link #R}, in wei */
    static BigInteger r(long seconds) {
        return R.multiply(BigInteger.valueOf(seconds));
    }
}
