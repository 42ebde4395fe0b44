package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.wire.requestor.FaucetResult;
import org.golem.vm.common.wire.requestor.RequestorInfo;
import org.golem.vm.common.wire.requestor.WalletBalance;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.application.port.Payments;
import org.golem.vm.requestor.application.port.SshKeys;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.domain.Funds;

/** The requestor's wallet and facts about the service (docs/requestor-api.md: info, wallet, faucet). */
@ApplicationScoped
public class WalletService {
    /** What the development-chain faucet sets the wallet's balance to: 100 ETH (and mints of a test token). */
    public static final BigInteger FAUCET_WEI = BigInteger.TEN.pow(20);

    @Inject
    RequestorSettings settings;

    @Inject
    Payments payments;

    @Inject
    SshKeys sshKeys;

    /**
     * @return the service's facts; {@code chain_id} null while the chain is down
     * @throws IOException when the SSH key pair cannot be read or created
     */
    public RequestorInfo info() throws IOException {
        Long chainId = null;
        try {
            chainId = payments.chainId();
        } catch (IOException e) {
            // reported as null: the chain is down
        }
        Payments.Contracts c = payments.contracts();
        SshKeys.Identity key = sshKeys.identity();
        return new RequestorInfo(WalletService.class.getPackage().getImplementationVersion(), payments.address(),
                settings.network().orElse(null), settings.paymentsNetwork(), chainId, settings.rpcUrl(),
                c.contract(), c.token(), settings.tokenSymbol(), settings.discoveryUrl(),
                settings.dataDir().toString(), key.publicKey(), key.privateKeyFile().toString(),
                sshKeys.knownHostsFile().toString());
    }

    /**
     * @return the wallet's ETH and, in ERC-20 mode, token balance ({@code token_balance_wei} null: native ETH)
     * @throws DomainException 503 CHAIN_UNAVAILABLE
     */
    public WalletBalance wallet() {
        Funds funds;
        try {
            funds = payments.funds();
        } catch (IOException e) {
            throw Refusals.chainUnavailable(payments.unreachable(e));
        }
        return new WalletBalance(funds.address(), funds.ethWei(), funds.token(), settings.tokenSymbol(),
                funds.tokenBalance());
    }

    /**
     * Funds the wallet on the development chain: {@link #FAUCET_WEI} of ETH and, when streams pay in an ERC-20 test
     * token (MockERC20), {@link #FAUCET_WEI} base units of it minted to the wallet.
     *
     * @return the wallet, the ETH balance set and the tokens minted ({@code funded_token_wei} null in native mode)
     * @throws DomainException 409 FAUCET_DISABLED on other chains, 409 TOKEN_FAUCET_UNAVAILABLE when the token is not a
     *                      test token anyone may mint (the ETH was funded), 503 CHAIN_UNAVAILABLE
     */
    public FaucetResult faucet() {
        boolean tokens;
        try {
            if (!payments.devFaucet(FAUCET_WEI)) {
                throw new DomainException(Refusal.CONFLICT, "FAUCET_DISABLED", "no faucet for payments network "
                        + settings.paymentsNetwork() + " (only the local development chain has one)");
            }
            tokens = payments.devTokenFaucet(FAUCET_WEI);
        } catch (ContractRevertException e) {
            throw new DomainException(Refusal.CONFLICT, "TOKEN_FAUCET_UNAVAILABLE", "funded " + FAUCET_WEI + " wei of ETH, but token "
                    + payments.contracts().token() + " cannot be minted here: " + e.getMessage());
        } catch (IOException e) {
            throw Refusals.chainUnavailable(payments.unreachable(e));
        }
        return new FaucetResult(payments.address(), null, FAUCET_WEI, tokens ? FAUCET_WEI : null);
    }
}
