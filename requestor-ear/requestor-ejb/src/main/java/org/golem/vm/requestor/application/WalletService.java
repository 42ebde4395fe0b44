package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.infrastructure.Payments;
import org.golem.vm.requestor.infrastructure.SshKeyPair;

/** The requestor's wallet and facts about the service (requestor-ear/API.md: info, wallet, faucet). */
@ApplicationScoped
public class WalletService {
    /** What the development-chain faucet sets the wallet's balance to: 100 ETH (and mints of a test token). */
    public static final BigInteger FAUCET_WEI = BigInteger.TEN.pow(20);

    @Inject
    RequestorSettings settings;

    @Inject
    Payments payments;

    /**
     * @return {@code version, address, network, payments_network, chain_id (null when the chain is down), rpc_url,
     *         stream_payment_address, token_address, token_symbol, discovery_url, data_dir, ssh_public_key,
     *         ssh_private_key_file, known_hosts_file}
     * @throws IOException when the SSH key pair cannot be read or created
     */
    public Map<String, Object> info() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", WalletService.class.getPackage().getImplementationVersion());
        m.put("address", payments.address());
        m.put("network", settings.network().orElse(null));
        m.put("payments_network", settings.paymentsNetwork());
        Long chainId = null;
        try {
            chainId = payments.chainId();
        } catch (IOException e) {
            // reported as null: the chain is down
        }
        m.put("chain_id", chainId);
        m.put("rpc_url", settings.rpcUrl());
        Payments.Contracts c = payments.contracts();
        m.put("stream_payment_address", c.contract());
        m.put("token_address", c.token());
        m.put("token_symbol", settings.tokenSymbol());
        m.put("discovery_url", settings.discoveryUrl());
        m.put("data_dir", settings.dataDir().toString());
        SshKeyPair key = SshKeyPair.loadOrCreate(settings.sshDir());
        m.put("ssh_public_key", key.publicKey());
        m.put("ssh_private_key_file", key.privateKeyFile().toString());
        m.put("known_hosts_file", knownHosts());
        return m;
    }

    /** @return the requestor's known_hosts file (host keys pinned by the CLI, one entry per VM) */
    public String knownHosts() {
        return settings.knownHostsFile().toString();
    }

    /**
     * @return {@code address, balance_wei, token_address, token_symbol, token_balance_wei (null: native ETH)}
     * @throws ApiException 503 CHAIN_UNAVAILABLE
     */
    public Map<String, Object> wallet() {
        Payments.Funds funds;
        try {
            funds = payments.funds();
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", payments.unreachable(e));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", funds.address());
        m.put("balance_wei", funds.ethWei());
        m.put("token_address", funds.token());
        m.put("token_symbol", settings.tokenSymbol());
        m.put("token_balance_wei", funds.tokenBalance());
        return m;
    }

    /**
     * Funds the wallet on the development chain: {@link #FAUCET_WEI} of ETH and, when streams pay in an ERC-20 test
     * token (MockERC20), {@link #FAUCET_WEI} base units of it minted to the wallet.
     *
     * @return {@code address, tx (null), funded_wei, funded_token_wei (null in native mode)}
     * @throws ApiException 409 FAUCET_DISABLED on other chains, 409 TOKEN_FAUCET_UNAVAILABLE when the token is not a
     *                      test token anyone may mint (the ETH was funded), 503 CHAIN_UNAVAILABLE
     */
    public Map<String, Object> faucet() {
        boolean tokens;
        try {
            if (!payments.devFaucet(FAUCET_WEI)) {
                throw new ApiException(409, "FAUCET_DISABLED", "no faucet for payments network "
                        + settings.paymentsNetwork() + " (only the local development chain has one)");
            }
            tokens = payments.devTokenFaucet(FAUCET_WEI);
        } catch (ContractRevertException e) {
            throw new ApiException(409, "TOKEN_FAUCET_UNAVAILABLE", "funded " + FAUCET_WEI + " wei of ETH, but token "
                    + payments.contracts().token() + " cannot be minted here: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", payments.unreachable(e));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", payments.address());
        m.put("tx", null);
        m.put("funded_wei", FAUCET_WEI);
        m.put("funded_token_wei", tokens ? FAUCET_WEI : null);
        return m;
    }
}
