package org.golem.vm.requestor.infrastructure;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.StreamPaymentGateway;
import org.golem.vm.requestor.application.port.Payments;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.domain.Funds;
import org.web3j.crypto.Credentials;

/**
 * The requestor's wallet and its StreamPayment contract, an adapter over the shared {@link StreamPaymentGateway}:
 * the key (a file of mode 0600 created on first start, or an existing file pointed at by
 * {@code golem.requestor.private-key-file}; the original Python requestor signed with the well-known key
 * {@code 0x…01}, this one never does), the contract and token of OUR deployment for the payments network
 * (explicit settings, else {@code <deployments-dir>/<payments-network>.json}), and every chain call.
 */
@ApplicationScoped
public class ChainPayments implements Payments {

    @Inject
    RequestorSettings settings;

    private final StreamPaymentGateway gateway = new StreamPaymentGateway(this::gatewaySettings);

    private StreamPaymentGateway.Settings gatewaySettings() {
        return new StreamPaymentGateway.Settings(settings.privateKeyFile(), "wallet key", settings.rpcUrl(),
                settings.deploymentsDir(), settings.paymentsNetwork(),
                settings.streamPaymentAddress().orElse(null), settings.tokenAddress().orElse(null),
                "no StreamPayment contract configured for payments network " + settings.paymentsNetwork()
                        + " (set golem.requestor.stream-payment-address or provide "
                        + settings.deploymentsDir().resolve(settings.paymentsNetwork() + ".json") + ")",
                settings.registryAddress().orElse(null));
    }

    /** @return the shared chain gateway (the registry reads of {@link RegistryDirectory} go through it) */
    StreamPaymentGateway gateway() {
        return gateway;
    }

    /** @return the wallet's key (signs transactions and the requests to providers) */
    public Credentials credentials() {
        return gateway.credentials();
    }

    @Override
    public String address() {
        return gateway.address();
    }

    @Override
    public Contracts contracts() {
        Deployment.Addresses a = gateway.addresses();
        return new Contracts(a.contract(), a.token());
    }

    @Override
    public long chainId() throws IOException {
        return gateway.chainId();
    }

    @Override
    public Funds funds() throws IOException {
        return funds(contracts().token());
    }

    @Override
    public Funds funds(String token) throws IOException {
        BigInteger eth = gateway.balance();
        BigInteger tokens = StreamPaymentGateway.isNative(token) ? null : gateway.tokenBalance(token);
        return new Funds(address(), token, eth, tokens);
    }

    @Override
    public Reading read(BigInteger streamId) throws IOException {
        StreamPaymentClient.StreamBatch batch = gateway.read(streamId);
        return new Reading(batch.streams().get(streamId), batch.blockTimestamp());
    }

    @Override
    public BigInteger open(String recipient, BigInteger depositWei, BigInteger ratePerSecondWei)
            throws ContractRevertException, IOException {
        return gateway.open(recipient, depositWei, ratePerSecondWei);
    }

    @Override
    public String topUp(BigInteger streamId, String token, BigInteger amount)
            throws ContractRevertException, IOException {
        return gateway.topUp(streamId, token, amount);
    }

    @Override
    public Refund terminate(BigInteger streamId) throws ContractRevertException, IOException {
        StreamPaymentGateway.Refund r = gateway.terminate(streamId);
        return new Refund(r.refundWei(), r.txHash());
    }

    @Override
    public boolean devFaucet(BigInteger balanceWei) throws IOException {
        return gateway.devFaucet(balanceWei);
    }

    @Override
    public boolean devTokenFaucet(BigInteger amount) throws ContractRevertException, IOException {
        return gateway.devTokenFaucet(amount);
    }

    @Override
    public String unreachable(Exception failure) {
        return "the payments chain at " + settings.rpcUrl() + " cannot be read (" + IoFailures.describe(failure)
                + "); check that its node runs and GOLEM_REQUESTOR_RPC_URL names it, then retry";
    }

    @PreDestroy
    void close() {
        gateway.close();
    }
}
