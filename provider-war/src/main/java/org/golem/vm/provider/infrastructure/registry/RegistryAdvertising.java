package org.golem.vm.provider.infrastructure.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.golem.vm.contracts.StreamPaymentGateway;
import org.golem.vm.provider.application.port.Advertising;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.chain.ChainGateway;
import org.golem.vm.provider.infrastructure.discovery.HostAdvertising;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The {@link Advertising} port on the ProviderRegistry contract of the payments chain ({@value #CHAIN}): the
 * provider's entry, keyed by its address, holds the advertisement encoded by {@link RegistryEntryCodec}. The
 * registry is the one {@code golem.provider.registry-address} names, else the deployment file's.
 *
 * <p>A publication costs gas only when needed: the entry's state is read first (a free call); when there is none,
 * it expired, or its content hash differs from the new encoding, the entry is written ({@code register}, TTL
 * {@code golem.provider.registry.ttl-seconds}); when the content is the same and less than half the TTL remains in
 * chain time (the expiry against the latest block's timestamp), only its expiry is moved ({@code renew}, far less
 * gas); otherwise nothing is sent. A withdrawal ({@code remove}) is sent only when an entry exists.
 *
 * <p>Before any transaction the wallet's balance is read: with 0 ETH on a chain that charges gas (or when the node
 * answers "insufficient funds"), nothing is sent and an {@link IOException} says which wallet to fund and how.
 */
@ApplicationScoped
public class RegistryAdvertising extends HostAdvertising {
    private static final Logger LOG = Logger.getLogger(RegistryAdvertising.class.getName());

    @Inject
    ProviderSettings settings;

    @Inject
    ChainGateway chain;

    private StreamPaymentGateway fixedGateway;
    private LongSupplier fixedTtl;
    private volatile Cost lastCost;
    private volatile String lastAction;

    /** For CDI. */
    public RegistryAdvertising() {
    }

    /**
     * Outside a container (tests): over a given gateway with a fixed TTL.
     *
     * @param gateway    the provider's gateway (its key pays the gas)
     * @param ttlSeconds the entry's time to live, seconds (at least 60)
     */
    public RegistryAdvertising(StreamPaymentGateway gateway, long ttlSeconds) {
        this.fixedGateway = gateway;
        this.fixedTtl = () -> ttlSeconds;
    }

    private StreamPaymentGateway gateway() {
        return fixedGateway != null ? fixedGateway : chain.gateway();
    }

    private long ttl() {
        return fixedTtl != null ? fixedTtl.getAsLong() : settings.registryTtlSeconds();
    }

    @Override
    public String name() {
        return CHAIN;
    }

    /** @return whether the gateway knows a ProviderRegistry (setting or deployment file); false when unreadable */
    @Override
    public boolean configured() {
        try {
            return gateway().registryInfo().isPresent();
        } catch (UncheckedIOException e) {
            LOG.warning(() -> "registry: the deployment file cannot be read: " + e.getMessage());
            return false;
        }
    }

    /** @return {@code ProviderRegistry 0x…}, or {@code ProviderRegistry (not configured)} */
    @Override
    public String destination() {
        try {
            return "ProviderRegistry " + gateway().registryInfo().map(Deployment.RegistryInfo::address)
                    .orElse("(not configured)");
        } catch (UncheckedIOException e) {
            return "ProviderRegistry (deployment file unreadable)";
        }
    }

    /**
     * Registers, renews or leaves the entry as the class comment says.
     *
     * @param ad the advertisement
     * @throws IOException              when the chain fails, the contract refuses, or the wallet cannot pay the gas
     *                                  (the message says so)
     * @throws IllegalArgumentException when the encoded advertisement exceeds the registry's 4096 bytes
     */
    @Override
    public void publish(AdvertisementRequest ad) throws IOException {
        byte[] data = RegistryEntryCodec.encode(ad);
        StreamPaymentGateway gw = gateway();
        ProviderRegistryClient.State state = gw.registryState();
        long ttl = ttl();
        if (!state.exists() || !ProviderRegistryClient.sameContent(state.contentHash(),
                ProviderRegistryClient.contentHash(data))) {
            write("register", () -> gw.registerEntry(data, ttl));
            return;
        }
        long now = gw.read(List.of()).blockTimestamp();
        if (state.expiresAt() <= now) {
            write("register", () -> gw.registerEntry(data, ttl));
        } else if (state.expiresAt() - now < ttl / 2) {
            write("renew", () -> gw.renewEntry(ttl));
        } else {
            lastAction = "unchanged";
        }
    }

    /**
     * Removes the entry when one exists (live or expired).
     *
     * @param providerId unused: the entry is the sender's
     * @return true when removed, false when there was none
     * @throws IOException when the chain fails or the wallet cannot pay the gas
     */
    @Override
    public boolean withdraw(String providerId) throws IOException {
        StreamPaymentGateway gw = gateway();
        if (!gw.registryState().exists()) {
            lastAction = "absent";
            return false;
        }
        write("remove", gw::removeEntry);
        return true;
    }

    @Override
    public Optional<Cost> lastCost() {
        return Optional.ofNullable(lastCost);
    }

    /**
     * @return what the last publication or withdrawal did: {@code register}, {@code renew}, {@code remove},
     *         {@code unchanged} (nothing sent), {@code absent} (nothing to remove); empty before the first
     */
    public Optional<String> lastAction() {
        return Optional.ofNullable(lastAction);
    }

    private interface Tx {
        TransactionReceipt send() throws ContractRevertException, IOException;
    }

    private void write(String what, Tx tx) throws IOException {
        StreamPaymentGateway gw = gateway();
        BigInteger balance = gw.balance();
        if (balance.signum() == 0 && gw.gasPriceWei().signum() > 0) { // a chain without fees needs no ETH
            throw new IOException(cannotPay(gw.address(), balance));
        }
        TransactionReceipt r;
        try {
            r = tx.send();
        } catch (ContractRevertException e) {
            throw new IOException(insufficient(e) ? cannotPay(gw.address(), balance)
                    : "the ProviderRegistry refused " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (insufficient(e)) {
                throw new IOException(cannotPay(gw.address(), balance), e);
            }
            throw e;
        }
        lastCost = new Cost(r.getGasUsed() == null ? 0 : r.getGasUsed().longValue(), r.getTransactionHash(), what);
        lastAction = what;
        LOG.fine(() -> "registry: " + what + " used " + lastCost.gasUsed() + " gas (" + lastCost.txHash() + ")");
    }

    private static boolean insufficient(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("insufficient funds")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param address the provider's address
     * @param balance its balance, wei
     * @return the operator's message: which wallet to fund and how
     */
    static String cannotPay(String address, BigInteger balance) {
        String eth = new BigDecimal(balance).movePointLeft(18).stripTrailingZeros().toPlainString();
        return "cannot pay gas for the registry entry: wallet " + address + " has " + eth
                + " ETH; fund it (on the development chain: golem-provider wallet faucet)";
    }
}
