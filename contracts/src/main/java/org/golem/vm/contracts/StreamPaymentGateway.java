package org.golem.vm.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.golem.vm.common.keys.KeyFiles;
import org.golem.vm.contracts.generated.StreamPayment;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One party's gateway to the payments chain, shared by the provider (recipient of streams) and the requestor (their
 * sender): its key file, where the StreamPayment contract and the stream token are, a lazily opened connection to
 * the JSON-RPC node, and the reads and transactions either party makes there.
 *
 * <ul>
 *   <li>The key is an Ethereum private key in a file of mode 0600 ({@link KeyFiles}), created with a fresh random
 *       key on first use when the file does not exist.</li>
 *   <li>Addresses: explicit settings win; what they leave open comes from the deployment file
 *       {@code <deployments-dir>/<payments-network>.json} ({@link Deployment#addresses}). Once a contract is found
 *       the addresses are kept; while none is configured they are looked up again on every call (a deployment
 *       written after start is picked up).</li>
 *   <li>The node is contacted on the first call that needs it and again after every failure, so a service starts
 *       (and reports itself not ready) while its node is down. Every failed call throws {@link IOException}.</li>
 *   <li>Every transaction's receipt status is checked: a refusal of the contract or the token is a
 *       {@link ContractRevertException} with its reason.</li>
 * </ul>
 * Thread-safe.
 */
public final class StreamPaymentGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamPaymentGateway.class.getName());

    /** The zero address: native ETH as a token, "not configured" as a contract. */
    public static final String ZERO = "0x0000000000000000000000000000000000000000";

    /**
     * Where the gateway finds its key, node and contract.
     *
     * @param keyFile             the party's private key file (created when missing)
     * @param keyName             what the key is called in logs and errors, e.g. {@code provider key}
     * @param rpcUrl              the JSON-RPC node, e.g. {@code http://127.0.0.1:8545}
     * @param deploymentsDir      directory of deployment files
     * @param paymentsNetwork     the payments network, the deployment file's base name (e.g. {@code local})
     * @param contract            an explicitly configured StreamPayment address, or null
     * @param token               an explicitly configured token address, or null
     * @param unconfiguredMessage the {@link IOException}'s message when no contract is configured at all
     * @param registry            an explicitly configured ProviderRegistry address, or null (then the deployment
     *                            file's; the zero address: none)
     */
    public record Settings(Path keyFile, String keyName, String rpcUrl, Path deploymentsDir, String paymentsNetwork,
                           String contract, String token, String unconfiguredMessage, String registry) {

        /** Without an explicit registry: the deployment file's, if it names one. */
        public Settings(Path keyFile, String keyName, String rpcUrl, Path deploymentsDir, String paymentsNetwork,
                        String contract, String token, String unconfiguredMessage) {
            this(keyFile, keyName, rpcUrl, deploymentsDir, paymentsNetwork, contract, token, unconfiguredMessage,
                    null);
        }
    }

    /**
     * A withdrawal by the recipient.
     *
     * @param amountWei what the stream paid (the sum of its {@code Withdraw} events), wei or token base units
     * @param txHash    the transaction hash
     */
    public record Withdrawal(BigInteger amountWei, String txHash) {
    }

    /**
     * A termination by either party.
     *
     * @param refundWei what went back to the sender (the {@code senderRefund} of the {@code Terminated} event)
     * @param txHash    the transaction hash
     */
    public record Refund(BigInteger refundWei, String txHash) {
    }

    private final Supplier<Settings> source;
    private volatile Settings settings;
    private volatile Credentials credentials;
    private volatile Deployment.Addresses addresses;
    private Chain chain;
    private StreamPaymentClient client;

    /**
     * @param source key, node and addresses; asked once, on the first call (a CDI adapter can create the gateway
     *               before its settings are injected)
     */
    public StreamPaymentGateway(Supplier<Settings> source) {
        this.source = source;
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            synchronized (this) {
                if (settings == null) {
                    settings = source.get();
                }
                s = settings;
            }
        }
        return s;
    }

    /**
     * @return the party's key, read from its file or created there on first use
     * @throws UncheckedIOException when the file exists but is unreadable, malformed or readable by others
     */
    public Credentials credentials() {
        Credentials c = credentials;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (credentials == null) {
                Path file = settings().keyFile();
                try {
                    if (Files.exists(file)) {
                        credentials = KeyFiles.readPrivateKey(file);
                    } else {
                        Credentials created = KeyFiles.createPrivateKey(file);
                        LOG.info(() -> "created " + settings().keyName() + " " + file + " for "
                                + Keys.toChecksumAddress(created.getAddress()));
                        credentials = created;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(settings().keyName() + " " + file + ": " + e.getMessage(), e);
                }
            }
            return credentials;
        }
    }

    /** @return the party's address, EIP-55 */
    public String address() {
        return Keys.toChecksumAddress(credentials().getAddress());
    }

    /**
     * @return the StreamPayment contract (null when neither a setting nor a deployment file names one) and the token
     *         (the zero address for native ETH), EIP-55
     * @throws UncheckedIOException when the deployment file exists but cannot be read
     */
    public Deployment.Addresses addresses() {
        Deployment.Addresses a = addresses;
        if (a != null) {
            return a;
        }
        a = Deployment.addresses(settings().deploymentsDir(), settings().paymentsNetwork(), settings().contract(),
                settings().token());
        if (a.contract() != null) {
            addresses = a;
        }
        return a;
    }

    private synchronized StreamPaymentClient client() throws IOException {
        if (client == null) {
            String address = addresses().contract();
            if (address == null) {
                throw new IOException(settings().unconfiguredMessage());
            }
            try {
                chain = Chain.connect(settings().rpcUrl());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            client = new StreamPaymentClient(chain, address);
        }
        return client;
    }

    private synchronized Chain chain() throws IOException {
        client();
        return chain;
    }

    /** Drops the connection; the next call connects again. */
    public synchronized void reset() {
        if (chain != null) {
            chain.close();
        }
        chain = null;
        client = null;
    }

    /** A chain call that may fail; a failure drops the connection. */
    private interface Call<T> {
        T run() throws ContractRevertException, IOException;
    }

    private <T> T reading(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (ContractRevertException e) {
            reset();
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            reset();
            throw e.getCause();
        } catch (IOException e) {
            reset();
            throw e;
        } catch (RuntimeException e) {
            reset();
            throw new IOException(e.getMessage(), e);
        }
    }

    private <T> T transacting(Call<T> call) throws ContractRevertException, IOException {
        try {
            return call.run();
        } catch (IOException e) {
            reset();
            throw e;
        }
    }

    /**
     * @return the node's EIP-155 chain id (connects)
     * @throws IOException when the node cannot be reached or no contract is configured
     */
    public long chainId() throws IOException {
        return chain().chainId();
    }

    /**
     * One JSON-RPC batch: the latest block's timestamp (the chain's "now", Unix seconds) and every stream.
     *
     * @param streamIds stream ids
     * @return the streams and the chain's time (nothing partial)
     * @throws IOException when the node fails
     */
    public StreamPaymentClient.StreamBatch read(Collection<BigInteger> streamIds) throws IOException {
        return reading(() -> client().streams(streamIds));
    }

    /**
     * @param streamId stream id
     * @return the stream and the chain's time, read in one batch
     * @throws IOException when the node fails
     */
    public StreamPaymentClient.StreamBatch read(BigInteger streamId) throws IOException {
        return read(List.of(streamId));
    }

    /**
     * @return the party's ETH balance, wei
     * @throws IOException when the node fails
     */
    public BigInteger balance() throws IOException {
        return reading(() -> chain().balance(address()));
    }

    /**
     * @return the node's gas price ({@code eth_gasPrice}), wei per gas: what this party's transactions pay (0 on a
     *         development chain without fees)
     * @throws IOException when the node fails
     */
    public BigInteger gasPriceWei() throws IOException {
        return reading(() -> chain().web3j().ethGasPrice().send().getGasPrice());
    }

    /**
     * @param token an ERC-20 token address
     * @return the party's balance of it, the token's base units
     * @throws IOException when the node fails
     */
    public BigInteger tokenBalance(String token) throws IOException {
        return reading(() -> new Erc20Client(chain(), token).balanceOf(address()));
    }

    /**
     * @param token a token address
     * @return true when it means native ETH (null or the zero address)
     */
    public static boolean isNative(String token) {
        return token == null || token.equalsIgnoreCase(ZERO);
    }

    /**
     * Opens a stream from the party's key in the configured token (EIP-1620-style {@code createStream}): in native
     * mode the deposit is sent as value; in ERC-20 mode the contract is first approved for the deposit (when its
     * allowance is lower), then pulls it.
     *
     * @param recipient        the provider's address
     * @param depositWei       the deposit, wei or token base units
     * @param ratePerSecondWei the rate, wei (or base units) per second
     * @return the new stream id
     * @throws ContractRevertException when the contract or the token refuses (with its reason)
     * @throws IOException             when the node fails
     */
    public BigInteger open(String recipient, BigInteger depositWei, BigInteger ratePerSecondWei)
            throws ContractRevertException, IOException {
        String token = addresses().token();
        return transacting(() -> {
            approveIfToken(token, depositWei);
            return client().as(credentials()).createStream(token, recipient, depositWei, ratePerSecondWei);
        });
    }

    /**
     * Tops up a stream with {@code amount} (wei, or base units of the stream's token after approving it).
     *
     * @param streamId the stream
     * @param token    the stream's token (its on-chain {@code token}), the zero address for native ETH
     * @param amount   what is added
     * @return the transaction hash
     * @throws ContractRevertException when the contract or the token refuses
     * @throws IOException             when the node fails
     */
    public String topUp(BigInteger streamId, String token, BigInteger amount)
            throws ContractRevertException, IOException {
        return transacting(() -> {
            approveIfToken(token, amount);
            return client().as(credentials()).topUp(streamId, amount, isNative(token)).getTransactionHash();
        });
    }

    private void approveIfToken(String token, BigInteger amount) throws ContractRevertException, IOException {
        if (!isNative(token)) {
            String spender = client().address();
            if (new Erc20Client(chain(), token).ensureAllowance(credentials(), spender, amount)) {
                LOG.info(() -> "approved " + spender + " for " + amount + " of token " + token);
            }
        }
    }

    /**
     * Terminates a stream: the vested part goes to the recipient, the rest back to the sender.
     *
     * @param streamId the stream
     * @return the sender's refund and the transaction hash
     * @throws ContractRevertException when the contract refuses (e.g. already terminated)
     * @throws IOException             when the node fails
     */
    public Refund terminate(BigInteger streamId) throws ContractRevertException, IOException {
        TransactionReceipt r = transacting(() -> client().as(credentials()).terminate(streamId));
        BigInteger refund = StreamPayment.getTerminatedEvents(r).stream().map(e -> e.senderRefund)
                .reduce(BigInteger.ZERO, BigInteger::add);
        return new Refund(refund, r.getTransactionHash());
    }

    /**
     * Withdraws what vested on a stream to its recipient (this party).
     *
     * @param streamId the stream
     * @return the amount paid (from the {@code Withdraw} events) and the transaction hash
     * @throws ContractRevertException when the contract refuses (e.g. nothing to withdraw)
     * @throws IOException             when the node fails or the transaction is not mined in time
     */
    public Withdrawal withdraw(BigInteger streamId) throws ContractRevertException, IOException {
        TransactionReceipt receipt = transacting(() -> client().as(credentials()).withdraw(streamId));
        BigInteger amount = StreamPayment.getWithdrawEvents(receipt).stream().map(ev -> ev.amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
        return new Withdrawal(amount, receipt.getTransactionHash());
    }

    /**
     * The development chain's faucet for the party's own address: sets its balance with {@code anvil_setBalance}
     * (only on chain id {@value Chain#DEV_CHAIN_ID}).
     *
     * @param balanceWei the balance it gets, wei
     * @return true when done, false when the chain is not a development chain
     * @throws IOException when the node fails or refuses
     */
    public boolean devFaucet(BigInteger balanceWei) throws IOException {
        try {
            return chain().setDevBalance(address(), balanceWei);
        } catch (IOException e) {
            reset();
            throw e;
        }
    }

    /**
     * Mints {@code amount} of the configured token to the party on the development chain, which only test tokens
     * such as MockERC20 allow (their {@code mint} is open to anyone). Needs ETH for the gas.
     *
     * @param amount base units of the token
     * @return true when minted; false on other chains or when streams pay in native ETH
     * @throws ContractRevertException when the token has no open {@code mint}
     * @throws IOException             when the node fails
     */
    public boolean devTokenFaucet(BigInteger amount) throws ContractRevertException, IOException {
        String token = addresses().token();
        return transacting(() -> {
            Chain c = chain();
            if (isNative(token) || c.chainId() != Chain.DEV_CHAIN_ID) {
                return false;
            }
            new Erc20Client(c, token).mint(credentials(), address(), amount);
            return true;
        });
    }

    /**
     * @return the ProviderRegistry this party uses: the explicit setting, else the deployment file's
     *         {@code ProviderRegistry}; empty when neither names one (looked up on every call, so a deployment
     *         written after start is picked up)
     * @throws UncheckedIOException when the deployment file exists but cannot be read
     */
    public Optional<Deployment.RegistryInfo> registryInfo() {
        return Deployment.registry(settings().deploymentsDir(), settings().paymentsNetwork(), settings().registry());
    }

    private ProviderRegistryClient registryClient() throws IOException {
        Deployment.RegistryInfo info = registryInfo().orElseThrow(() -> new IOException(
                "no provider registry: the deployment file " + settings().deploymentsDir().resolve(
                        settings().paymentsNetwork() + ".json") + " names none and none is configured"));
        return new ProviderRegistryClient(chain(), info.address());
    }

    /**
     * @return this party's registry entry as the contract keeps it (content hash and expiry)
     * @throws IOException when no registry is configured or the node fails
     */
    public ProviderRegistryClient.State registryState() throws IOException {
        return reading(() -> registryClient().stateOf(address()));
    }

    /**
     * Writes this party's registry entry ({@code register}), paying the gas.
     *
     * @param data       the encoded advertisement ({@link RegistryEntryCodec})
     * @param ttlSeconds its time to live
     * @return the receipt
     * @throws ContractRevertException when the contract refuses or the gas cannot be paid
     * @throws IOException             when no registry is configured or the node fails
     */
    public TransactionReceipt registerEntry(byte[] data, long ttlSeconds) throws ContractRevertException, IOException {
        return transacting(() -> registryClient().as(credentials()).register(data, ttlSeconds));
    }

    /**
     * Renews this party's registry entry ({@code renew}).
     *
     * @param ttlSeconds its new time to live
     * @return the receipt
     * @throws ContractRevertException when there is no entry or the gas cannot be paid
     * @throws IOException             when no registry is configured or the node fails
     */
    public TransactionReceipt renewEntry(long ttlSeconds) throws ContractRevertException, IOException {
        return transacting(() -> registryClient().as(credentials()).renew(ttlSeconds));
    }

    /**
     * Deletes this party's registry entry ({@code remove}).
     *
     * @return the receipt
     * @throws ContractRevertException when there is no entry or the gas cannot be paid
     * @throws IOException             when no registry is configured or the node fails
     */
    public TransactionReceipt removeEntry() throws ContractRevertException, IOException {
        return transacting(() -> registryClient().as(credentials()).remove());
    }

    /**
     * @return every live registry entry at the latest block
     * @throws IOException when no registry is configured or the node fails
     */
    public ProviderRegistryClient.Snapshot registrySnapshot() throws IOException {
        return reading(() -> registryClient().snapshot());
    }

    /**
     * @param afterBlock the last block already applied
     * @return the registry's events since
     * @throws IOException when no registry is configured or the node fails
     */
    public ProviderRegistryClient.Changes registryChanges(long afterBlock) throws IOException {
        return reading(() -> registryClient().changesSince(afterBlock));
    }

    /** Closes the connection (a later call opens a new one). */
    @Override
    public void close() {
        reset();
    }
}
