package org.golem.vm.requestor.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.wire.EthereumAddresses;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.golem.vm.contracts.StreamPaymentGateway;
import org.golem.vm.requestor.application.port.ProviderDirectory;
import org.golem.vm.requestor.application.port.ProviderQuery;

/**
 * The provider directory kept in the ProviderRegistry contract on the payments chain ({@code chain}), cached here.
 *
 * <p>The first search reads every live entry at one block ({@link StreamPaymentGateway#registrySnapshot()}); each
 * later search reads the registry's events since the last block applied ({@link
 * StreamPaymentGateway#registryChanges(long)}: one {@code eth_getLogs} range and the latest block) and applies them
 * in order: {@code REGISTERED} replaces an entry's content, expiry and update time, {@code RENEWED} moves its expiry
 * and update time, {@code REMOVED} drops it. A changed registry address starts over with a snapshot. Entries whose
 * expiry (chain seconds) is at or before the latest block's timestamp are not listed. One refresh runs at a time;
 * searches read an immutable view.
 *
 * <p>Each entry is decoded ({@link RegistryEntryCodec#decode}) and validated like the discovery service validates an
 * advertisement ({@link WireValidation#advertisementRequest}); a malformed one is skipped (logged once per provider
 * and content) and never fails the listing. Listings: provider id = the entry's owner (checksummed), {@code
 * created_at} and {@code updated_at} = the entry's update time in chain time ({@link WireTime}), filtered in memory
 * as discovery filters (minimum cpu / memory / storage, country case-insensitive, platform, payments network and
 * network exact), newest first.
 */
@ApplicationScoped
public class RegistryDirectory implements ProviderDirectory {
    private static final Logger LOG = Logger.getLogger(RegistryDirectory.class.getName());

    @Inject
    ChainPayments payments;

    /** Supplies the gateway; tests set one of their own. */
    StreamPaymentGateway gateway;

    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile View view;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Full snapshots read so far (the incremental path adds none). */
    final AtomicInteger snapshots = new AtomicInteger();
    /** Distinct malformed entries (provider + content) skipped so far. */
    final AtomicInteger malformed = new AtomicInteger();

    /** One registry entry as cached: its decoded advertisement, or null when malformed. */
    private record Cached(String provider, long expiresAt, long updatedAt, Advertisement advertisement) {
    }

    /** The cache at one block: immutable once published. */
    private record View(String address, long block, long blockTimestamp, Map<String, Cached> entries) {
    }

    private StreamPaymentGateway gateway() {
        return gateway != null ? gateway : payments.gateway();
    }

    @Override
    public String source() {
        return ProviderListing.CHAIN;
    }

    /** @return true when a ProviderRegistry address is known (setting or deployment file) */
    @Override
    public boolean configured() {
        try {
            return gateway().registryInfo().isPresent();
        } catch (UncheckedIOException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * @param query the filters
     * @return every live, well-formed entry matching, newest first
     * @throws IOException when no registry is known or the chain cannot be read
     */
    @Override
    public List<Advertisement> search(ProviderQuery query) throws IOException {
        View v = refresh();
        return v.entries().values().stream()
                .filter(c -> c.expiresAt() > v.blockTimestamp() && c.advertisement() != null)
                .filter(c -> matches(c.advertisement(), query))
                .sorted(Comparator.comparingLong(Cached::updatedAt).reversed())
                .map(Cached::advertisement)
                .toList();
    }

    private View refresh() throws IOException {
        refreshing.lock();
        try {
            StreamPaymentGateway g = gateway();
            String address;
            try {
                address = g.registryInfo().map(Deployment.RegistryInfo::address).orElseThrow(() -> new IOException(
                        "no ProviderRegistry is known (set GOLEM_REQUESTOR_REGISTRY_ADDRESS or provide a deployment"
                                + " file naming one)"));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            View current = view;
            if (current == null || !current.address().equalsIgnoreCase(address)) {
                ProviderRegistryClient.Snapshot s = chainRead(g::registrySnapshot);
                snapshots.incrementAndGet();
                Map<String, Cached> entries = new HashMap<>();
                for (ProviderRegistryClient.Entry e : s.entries()) {
                    entries.put(key(e.provider()), cached(e.provider(), e.data(), e.expiresAt(), e.updatedAt()));
                }
                view = new View(address, s.blockNumber(), s.blockTimestamp(), Map.copyOf(entries));
            } else {
                ProviderRegistryClient.Changes c = chainRead(() -> g.registryChanges(current.block()));
                Map<String, Cached> entries = new HashMap<>(current.entries());
                for (ProviderRegistryClient.Change ch : c.changes()) {
                    String k = key(ch.provider());
                    switch (ch.kind()) {
                        case REGISTERED -> entries.put(k, cached(ch.provider(), ch.data(), ch.expiresAt(),
                                ch.updatedAt()));
                        case RENEWED -> {
                            Cached old = entries.get(k);
                            if (old != null) {
                                entries.put(k, new Cached(old.provider(), ch.expiresAt(), ch.updatedAt(),
                                        old.advertisement() == null ? null : stamped(old.advertisement(),
                                                ch.updatedAt())));
                            }
                        }
                        case REMOVED -> entries.remove(k);
                        default -> throw new IllegalStateException("unknown change " + ch.kind());
                    }
                }
                view = new View(address, Math.max(current.block(), c.toBlock()), c.blockTimestamp(),
                        Map.copyOf(entries));
            }
            return view;
        } finally {
            refreshing.unlock();
        }
    }

    private interface ChainRead<T> {
        T get() throws IOException;
    }

    private static <T> T chainRead(ChainRead<T> read) throws IOException {
        try {
            return read.get();
        } catch (IOException e) {
            throw new IOException("the ProviderRegistry cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static String key(String provider) {
        return provider.toLowerCase(Locale.ROOT);
    }

    private Cached cached(String provider, byte[] data, long expiresAt, long updatedAt) {
        return new Cached(provider, expiresAt, updatedAt, decode(provider, data, updatedAt));
    }

    /** @return the entry as a listing, or null (logged once per provider and content) when malformed */
    private Advertisement decode(String provider, byte[] data, long updatedAt) {
        String why;
        try {
            AdvertisementRequest r = RegistryEntryCodec.decode(data);
            List<Violation> violations = WireValidation.advertisementRequest(r);
            if (violations.isEmpty()) {
                return toAdvertisement(provider, r, updatedAt);
            }
            why = violations.stream().map(v -> v.field() + " " + v.message()).toList().toString();
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        String seen = key(provider) + "/" + HexFormat.of().formatHex(ProviderRegistryClient.contentHash(data));
        if (reported.add(seen)) {
            malformed.incrementAndGet();
            String reason = why;
            LOG.warning(() -> "skipping the malformed registry entry of provider " + provider + ": " + reason);
        }
        return null;
    }

    private static Advertisement toAdvertisement(String provider, AdvertisementRequest r, long updatedAt) {
        String at = WireTime.format(Instant.ofEpochSecond(updatedAt));
        return new Advertisement(EthereumAddresses.checksum(provider), r.providerName(), r.ipAddress(),
                r.country().toUpperCase(Locale.ROOT), r.platform(), r.resources(), r.pricing(), at, at,
                r.apiPort() == null ? AdvertisementRequest.DEFAULT_API_PORT : r.apiPort(), r.network(),
                r.paymentsNetwork(),
                r.streamPaymentAddress() == null ? null : EthereumAddresses.checksum(r.streamPaymentAddress()),
                r.tokenAddress() == null ? null : EthereumAddresses.checksum(r.tokenAddress()))
                .withOffer(r.images(), r.maxPorts(), r.egress());
    }

    private static Advertisement stamped(Advertisement a, long updatedAt) {
        String at = WireTime.format(Instant.ofEpochSecond(updatedAt));
        return new Advertisement(a.providerId(), a.providerName(), a.ipAddress(), a.country(), a.platform(),
                a.resources(), a.pricing(), a.createdAt(), at, a.apiPort(), a.network(), a.paymentsNetwork(),
                a.streamPaymentAddress(), a.tokenAddress()).withOffer(a.images(), a.maxPorts(), a.egress());
    }

    /** Discovery's filters (docs/discovery-api.md): minimums, country case-insensitive, the rest exact. */
    static boolean matches(Advertisement a, ProviderQuery q) {
        return (q.cpu() == null || a.resources().cpu() >= q.cpu())
                && (q.memory() == null || a.resources().memoryGib() >= q.memory())
                && (q.storage() == null || a.resources().storageGib() >= q.storage())
                && (q.country() == null || q.country().equalsIgnoreCase(a.country()))
                && (q.platform() == null || q.platform().equals(a.platform()))
                && (q.paymentsNetwork() == null || q.paymentsNetwork().equals(a.paymentsNetwork()))
                && (q.network() == null || q.network().equals(a.network()));
    }
}
