package org.golem.vm.provider.infrastructure.chain;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.logging.Logger;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.StreamPaymentGateway;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.config.ProviderSettings;
import org.web3j.crypto.Credentials;

/**
 * The provider's {@link PaymentsChain} port: its view of the payments chain, an adapter over the shared {@link StreamPaymentGateway}: its identity
 * (key file {@code golem.provider.private-key-file}, created with mode 0600 on first start), where the
 * StreamPayment contract and the accepted token are (explicit settings, else the deployment file
 * {@code <deployments-dir>/<payments-network>.json}), and the reads and withdrawals it makes there.
 *
 * <p>The node is contacted lazily and again after every failure, so the provider starts (and reports itself not
 * ready) while its node is down. Every failed read throws {@link IOException}: callers treat it as "unknown" and
 * change nothing.
 */
@ApplicationScoped
public class ChainGateway implements PaymentsChain {
    private static final Logger LOG = Logger.getLogger(ChainGateway.class.getName());

    /** The zero address: native ETH as a token, "not configured" as a contract. */
    public static final String ZERO = StreamPaymentGateway.ZERO;

    @Inject
    ProviderSettings settings;

    private final StreamPaymentGateway gateway = new StreamPaymentGateway(this::gatewaySettings);
    private volatile boolean warnedUnconfigured;

    private StreamPaymentGateway.Settings gatewaySettings() {
        return new StreamPaymentGateway.Settings(settings.privateKeyFile(), "provider key", settings.rpcUrl(),
                settings.deploymentsDir(), settings.paymentsNetwork(),
                settings.streamPaymentAddress().orElse(null), settings.tokenAddress().orElse(null),
                "payments are not configured (no StreamPayment contract address)",
                settings.registryAddress().orElse(null));
    }

    /**
     * @return the shared gateway (the registry adapter writes the provider's ProviderRegistry entry through it)
     */
    public StreamPaymentGateway gateway() {
        return gateway;
    }

    /**
     * @return the provider's key (created on first use when missing)
     * @throws UncheckedIOException when the key file exists but is unreadable, malformed or readable by others
     */
    public Credentials credentials() {
        return gateway.credentials();
    }

    /** @return the provider id: its address, EIP-55 */
    @Override
    public String providerId() {
        return gateway.address();
    }

    /** @return whether VMs must be paid for (payments enabled by the operator) */
    @Override
    public boolean paymentsEnabled() {
        return settings.paymentsEnabled();
    }

    /**
     * @return the contract and token; contract null when neither a setting nor a deployment file names one
     * @throws UncheckedIOException when the deployment file exists but cannot be read
     */
    @Override
    public Contracts contracts() {
        Deployment.Addresses a = gateway.addresses();
        if (a.contract() == null && !warnedUnconfigured) {
            warnedUnconfigured = true;
            LOG.warning("no StreamPayment contract: set golem.provider.stream-payment-address or provide "
                    + settings.deploymentsDir().resolve(settings.paymentsNetwork() + ".json"));
        }
        return new Contracts(a.contract(), a.token());
    }

    /**
     * One JSON-RPC batch: the latest block and every stream.
     *
     * @throws IOException when the node fails (nothing partial is returned)
     */
    @Override
    public StreamPaymentClient.StreamBatch read(Collection<BigInteger> streamIds) throws IOException {
        return gateway.read(streamIds);
    }

    /**
     * Withdraws what vested on a stream to the provider.
     *
     * @return the amount paid (from the Withdraw event) and the transaction hash
     * @throws ContractRevertException when the contract refuses (e.g. nothing to withdraw)
     * @throws IOException             when the node fails or the transaction is not mined in time
     */
    @Override
    public Paid withdraw(BigInteger streamId) throws ContractRevertException, IOException {
        StreamPaymentGateway.Withdrawal w = gateway.withdraw(streamId);
        return new Paid(w.amountWei(), w.txHash());
    }

    /** @return the provider's balance on the chain, wei */
    @Override
    public BigInteger balance() throws IOException {
        return gateway.balance();
    }

    /**
     * The development chain's faucet for the provider's own address (gas for withdrawals).
     *
     * @return true when funded, false when the chain is not a development chain
     */
    @Override
    public boolean devFaucet(BigInteger wei) throws IOException {
        return gateway.devFaucet(wei);
    }

    @PreDestroy
    void close() {
        gateway.close();
    }
}
