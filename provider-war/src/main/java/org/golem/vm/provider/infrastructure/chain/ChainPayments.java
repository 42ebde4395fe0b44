package org.golem.vm.provider.infrastructure.chain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.application.port.PaymentsChain;

/** The {@link PaymentsChain} port over the provider's {@link ChainGateway} (JSON-RPC through web3j). */
@ApplicationScoped
public class ChainPayments implements PaymentsChain {

    @Inject
    ChainGateway gateway;

    @Override
    public String providerId() {
        return gateway.providerId();
    }

    @Override
    public boolean paymentsEnabled() {
        return gateway.paymentsEnabled();
    }

    @Override
    public Contracts contracts() {
        ChainGateway.Contracts c = gateway.contracts();
        return new Contracts(c.contract(), c.token());
    }

    @Override
    public StreamPaymentClient.StreamBatch read(Collection<BigInteger> streamIds) throws IOException {
        return gateway.read(streamIds);
    }

    @Override
    public Paid withdraw(BigInteger streamId) throws ContractRevertException, IOException {
        ChainGateway.Paid paid = gateway.withdraw(streamId);
        return new Paid(paid.amountWei(), paid.txHash());
    }

    @Override
    public BigInteger balance() throws IOException {
        return gateway.balance();
    }

    @Override
    public boolean devFaucet(BigInteger wei) throws IOException {
        return gateway.devFaucet(wei);
    }
}
