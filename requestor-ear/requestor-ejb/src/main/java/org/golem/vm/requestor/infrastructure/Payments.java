package org.golem.vm.requestor.infrastructure;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.golem.vm.common.keys.KeyFiles;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.Chain;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.Erc20Client;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.requestor.config.RequestorSettings;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The requestor's wallet and its StreamPayment contract: the key (a file of mode 0600 created on first start, or an
 * existing file pointed at by {@code golem.requestor.private-key-file}; FLAW fixed: the original signed with the
 * well-known key {@code 0x…01}), the contract and token of OUR deployment for the payments network (explicit
 * settings, else {@code <deployments-dir>/<payments-network>.json}; a provider's own claims are only compared with
 * them, never used), and every chain call. Every transaction's receipt status is checked (the client throws on a
 * revert with its reason).
 */
@ApplicationScoped
public class Payments {
    private static final Logger LOG = Logger.getLogger(Payments.class.getName());

    /** The zero address (native ETH as a token). */
    public static final String ZERO = StreamState.ZERO_ADDRESS;

    @Inject
    RequestorSettings settings;

    private volatile Credentials credentials;
    private volatile Chain chain;
    private volatile StreamPaymentClient client;

    /** Contract and token of our deployment, EIP-55; contract null when none is configured. */
    public record Contracts(String contract, String token) {
    }

    /** @return the wallet (created on first use) */
    public synchronized Credentials credentials() {
        if (credentials == null) {
            Path file = settings.privateKeyFile();
            try {
                if (Files.exists(file)) {
                    credentials = KeyFiles.readPrivateKey(file);
                } else {
                    credentials = KeyFiles.createPrivateKey(file);
                    LOG.info("created wallet key " + file + " for " + address(credentials));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("wallet key " + file + ": " + e.getMessage(), e);
            }
        }
        return credentials;
    }

    private static String address(Credentials c) {
        return Keys.toChecksumAddress(c.getAddress());
    }

    /** @return the wallet address, EIP-55 */
    public String address() {
        return address(credentials());
    }

    /** @return our contract and token */
    public Contracts contracts() {
        Deployment.Addresses a = Deployment.addresses(settings.deploymentsDir(), settings.paymentsNetwork(),
                settings.streamPaymentAddress().orElse(null), settings.tokenAddress().orElse(null));
        return new Contracts(a.contract(), a.token());
    }

    private synchronized StreamPaymentClient client() throws IOException {
        if (client == null) {
            String address = contracts().contract();
            if (address == null) {
                throw new IOException("no StreamPayment contract configured for payments network "
                        + settings.paymentsNetwork() + " (set golem.requestor.stream-payment-address or provide "
                        + settings.deploymentsDir().resolve(settings.paymentsNetwork() + ".json") + ")");
            }
            try {
                chain = Chain.connect(settings.rpcUrl());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            client = new StreamPaymentClient(chain, address);
        }
        return client;
    }

    private synchronized void reset() {
        if (chain != null) {
            chain.close();
        }
        chain = null;
        client = null;
    }

    /** @return the chain id (connects) */
    public long chainId() throws IOException {
        client();
        return chain.chainId();
    }

    /** @return the wallet balance in wei */
    public BigInteger balance() throws IOException {
        client();
        try {
            return chain.balance(address());
        } catch (UncheckedIOException e) {
            reset();
            throw e.getCause();
        }
    }

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

    /** @return the wallet's funds for streams in our deployment's token */
    public Funds funds() throws IOException {
        return funds(contracts().token());
    }

    /** @return the wallet's funds for streams in {@code token} (the zero address: native ETH) */
    public Funds funds(String token) throws IOException {
        BigInteger eth = balance();
        BigInteger tokens = null;
        if (!isNative(token)) {
            try {
                tokens = erc20(token).balanceOf(address());
            } catch (IOException e) {
                reset();
                throw e;
            }
        }
        return new Funds(address(), token, eth, tokens);
    }

    private static boolean isNative(String token) {
        return token == null || token.equalsIgnoreCase(ZERO);
    }

    private Erc20Client erc20(String token) throws IOException {
        client();
        return new Erc20Client(chain, token);
    }

    /** @return the stream and the chain's time */
    public StreamPaymentClient.StreamBatch read(BigInteger streamId) throws IOException {
        try {
            return client().streams(List.of(streamId));
        } catch (IOException e) {
            reset();
            throw e;
        }
    }

    /**
     * Opens a stream from the wallet in our deployment's token: in native mode the deposit is sent as value; in
     * ERC-20 mode the contract is first approved for the deposit (when its allowance is lower), then pulls it.
     *
     * @return the new stream id
     * @throws ContractRevertException when the contract or the token refuses (with its reason)
     * @throws IOException             when the node fails
     */
    public BigInteger open(String recipient, BigInteger depositWei, BigInteger ratePerSecondWei)
            throws ContractRevertException, IOException {
        String token = contracts().token();
        approveIfToken(token, depositWei);
        return client().as(credentials()).createStream(token, recipient, depositWei, ratePerSecondWei);
    }

    /**
     * Tops up a stream with {@code amount} (wei, or base units of the stream's token after approving it).
     *
     * @param token the stream's token (its on-chain {@code token}), the zero address for native ETH
     * @return the receipt
     */
    public TransactionReceipt topUp(BigInteger streamId, String token, BigInteger amount)
            throws ContractRevertException, IOException {
        approveIfToken(token, amount);
        return client().as(credentials()).topUp(streamId, amount, isNative(token));
    }

    private void approveIfToken(String token, BigInteger amount) throws ContractRevertException, IOException {
        if (!isNative(token)) {
            String spender = client().address();
            if (erc20(token).ensureAllowance(credentials(), spender, amount)) {
                LOG.info(() -> "approved " + spender + " for " + amount + " of token " + token);
            }
        }
    }

    /**
     * Terminates a stream (refund of the unvested rest to the wallet).
     *
     * @return the refund in wei (from the Terminated event) and the transaction hash
     */
    public Refund terminate(BigInteger streamId) throws ContractRevertException, IOException {
        TransactionReceipt r = client().as(credentials()).terminate(streamId);
        BigInteger refund = StreamPayment.getTerminatedEvents(r).stream().map(e -> e.senderRefund)
                .reduce(BigInteger.ZERO, BigInteger::add);
        return new Refund(refund, r.getTransactionHash());
    }

    /** A terminate's refund (wei) and transaction hash. */
    public record Refund(BigInteger refundWei, String txHash) {
    }

    /**
     * Sets the wallet's balance on a local development chain (anvil, chain id 31337) with {@code anvil_setBalance}.
     *
     * @return true when done, false when the chain is not a development chain
     */
    public boolean devFaucet(BigInteger balanceWei) throws IOException {
        client();
        return chain.setDevBalance(address(), balanceWei);
    }

    /**
     * Mints {@code amount} of our deployment's token to the wallet on the development chain, which only test tokens
     * such as MockERC20 allow (their {@code mint} is open to anyone). Needs ETH for the gas: fund ETH first.
     *
     * @return true when minted; false on other chains or when streams pay in native ETH
     * @throws ContractRevertException when the token has no open {@code mint}
     * @throws IOException             when the node fails
     */
    public boolean devTokenFaucet(BigInteger amount) throws ContractRevertException, IOException {
        String token = contracts().token();
        client();
        if (isNative(token) || chain.chainId() != Chain.DEV_CHAIN_ID) {
            return false;
        }
        erc20(token).mint(credentials(), address(), amount);
        return true;
    }

    @PreDestroy
    void close() {
        reset();
    }

    /**
     * Words for a failed chain read, naming the node, the cause and the remedy once (the CLI prints them as they
     * are): {@code the payments chain at http://127.0.0.1:8545 cannot be read (connection refused); check that
     * its node runs and GOLEM_REQUESTOR_RPC_URL names it, then retry}.
     *
     * @param failure what the read threw
     * @return the message for a 503 {@code CHAIN_UNAVAILABLE}
     */
    public String unreachable(Exception failure) {
        return "the payments chain at " + settings.rpcUrl() + " cannot be read (" + IoFailures.describe(failure)
                + "); check that its node runs and GOLEM_REQUESTOR_RPC_URL names it, then retry";
    }
}
