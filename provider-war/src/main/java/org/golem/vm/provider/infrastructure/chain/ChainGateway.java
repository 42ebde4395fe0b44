package org.golem.vm.provider.infrastructure.chain;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import org.golem.vm.contracts.Chain;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.identity.ProviderKeys;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The provider's view of the payments chain: its identity (key file, see {@link ProviderKeys}), where the
 * StreamPayment contract and the accepted token are (explicit settings, else the deployment file
 * {@code <deployments-dir>/<payments-network>.json}), and the reads and withdrawals it makes there.
 *
 * <p>The node is contacted lazily and again after every failure, so the provider starts (and reports itself not
 * ready) while its node is down. Every failed read throws {@link IOException}: callers treat it as "unknown" and
 * change nothing.
 */
@ApplicationScoped
public class ChainGateway {
    private static final Logger LOG = Logger.getLogger(ChainGateway.class.getName());

    /** The zero address: native ETH as a token, "not configured" as a contract. */
    public static final String ZERO = "0x0000000000000000000000000000000000000000";

    @Inject
    ProviderSettings settings;

    private volatile Credentials credentials;
    private volatile Contracts contracts;
    private volatile StreamPaymentClient client;
    private volatile Chain chain;

    /** Where payments go: contract and token addresses, EIP-55; {@code contract} null when not configured. */
    public record Contracts(String contract, String token) {
    }

    /** @return the provider's key (created on first use when missing) */
    public Credentials credentials() {
        if (credentials == null) {
            synchronized (this) {
                if (credentials == null) {
                    credentials = ProviderKeys.loadOrCreate(settings.privateKeyFile());
                }
            }
        }
        return credentials;
    }

    /** @return the provider id: its address, EIP-55 */
    public String providerId() {
        return Keys.toChecksumAddress(credentials().getAddress());
    }

    /** @return whether VMs must be paid for (payments enabled by the operator) */
    public boolean paymentsEnabled() {
        return settings.paymentsEnabled();
    }

    /**
     * @return the contract and token; contract null when neither a setting nor a deployment file names one
     * @throws UncheckedIOException when the deployment file exists but cannot be read
     */
    public Contracts contracts() {
        if (contracts == null) {
            Deployment.Addresses a = Deployment.addresses(settings.deploymentsDir(), settings.paymentsNetwork(),
                    settings.streamPaymentAddress().orElse(null), settings.tokenAddress().orElse(null));
            contracts = new Contracts(a.contract(), a.token());
            if (a.contract() == null) {
                LOG.warning("no StreamPayment contract: set golem.provider.stream-payment-address or provide "
                        + settings.deploymentsDir().resolve(settings.paymentsNetwork() + ".json"));
            }
        }
        return contracts;
    }

    private StreamPaymentClient client() throws IOException {
        StreamPaymentClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (client == null) {
                String address = contracts().contract();
                if (address == null) {
                    throw new IOException("payments are not configured (no StreamPayment contract address)");
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
    }

    /** @return the chain's latest block timestamp (Unix seconds) */
    public long now() throws IOException {
        return read(List.of()).blockTimestamp();
    }

    /**
     * @param streamId stream id
     * @return the stream and the chain's time, read in one batch
     */
    public StreamPaymentClient.StreamBatch read(BigInteger streamId) throws IOException {
        return read(List.of(streamId));
    }

    /**
     * One JSON-RPC batch: the latest block and every stream.
     *
     * @throws IOException when the node fails (nothing partial is returned)
     */
    public StreamPaymentClient.StreamBatch read(Collection<BigInteger> streamIds) throws IOException {
        try {
            return client().streams(streamIds);
        } catch (IOException | RuntimeException e) {
            reset();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * Withdraws what vested on a stream to the provider.
     *
     * @return the amount paid (from the Withdraw event) and the transaction hash
     * @throws ContractRevertException when the contract refuses (e.g. nothing to withdraw)
     * @throws IOException             when the node fails or the transaction is not mined in time
     */
    public Paid withdraw(BigInteger streamId) throws ContractRevertException, IOException {
        TransactionReceipt receipt;
        try {
            receipt = client().as(credentials()).withdraw(streamId);
        } catch (IOException e) {
            reset();
            throw e;
        }
        BigInteger amount = StreamPayment.getWithdrawEvents(receipt).stream().map(ev -> ev.amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
        return new Paid(amount, receipt.getTransactionHash());
    }

    /** A withdrawal: wei paid and the transaction hash. */
    public record Paid(BigInteger amountWei, String txHash) {
    }

    /** @return the provider's balance on the chain, wei */
    public BigInteger balance() throws IOException {
        client();
        try {
            return chain.balance(providerId());
        } catch (UncheckedIOException e) {
            reset();
            throw e.getCause();
        }
    }

    /**
     * The development chain's faucet for the provider's own address (gas for withdrawals).
     *
     * @return true when funded, false when the chain is not a development chain
     */
    public boolean devFaucet(BigInteger wei) throws IOException {
        client();
        return chain.setDevBalance(providerId(), wei);
    }

    private synchronized void reset() {
        if (chain != null) {
            chain.close();
        }
        chain = null;
        client = null;
    }

    @PreDestroy
    void close() {
        reset();
    }
}
