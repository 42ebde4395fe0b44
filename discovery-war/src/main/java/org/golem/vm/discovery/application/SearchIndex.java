package org.golem.vm.discovery.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.json.Json;
import org.golem.vm.discovery.application.port.AdvertisementRepository;
import org.golem.vm.discovery.application.port.RegistryState;
import org.golem.vm.discovery.application.port.RegistryUnavailableException;
import org.golem.vm.discovery.config.DiscoverySettings;
import org.golem.vm.discovery.domain.AdvertisementEntity;
import org.golem.vm.discovery.domain.Listing;
import org.golem.vm.discovery.domain.ListingTable;
import org.golem.vm.discovery.domain.SearchQuery;

/**
 * The search read model: an immutable in-memory snapshot of the live advertisements, kept current with the
 * database on every search. A search costs one indexed single-row read ({@code registry_version}) when nothing
 * changed (and concurrent searches share that read, see {@link #stateSince}); when another write (on this or another instance) bumped the version, only the rows and tombstones
 * newer than the snapshot are loaded. Searches then filter, order and page in memory ({@link ListingTable}) and
 * answer with JSON rendered when the row was loaded.
 *
 * <p>Why our own index rather than a query per search: the filters combine a price computed for the caller's
 * resource set with freshness and up to seven other conditions, which no single database index serves; 10,000
 * advertisements fit in a few megabytes, and scanning them in memory takes tens of microseconds.
 */
@ApplicationScoped
public class SearchIndex {

    @Inject
    AdvertisementRepository repository;

    @Inject
    DiscoverySettings settings;

    @Inject
    Clock clock;

    private volatile Snapshot current = new Snapshot(-1, Map.of(), new ListingTable(List.of()));
    private final Object refreshLock = new Object();
    private final AtomicReference<VersionRead> versionRead = new AtomicReference<>();

    /** Code of "the registry database cannot be read". */
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

    /**
     * Runs a search against the current registry; expiry is judged at the clock's current time.
     *
     * @param query filters, order and page
     * @return the page and the number of all matches
     * @throws DomainException {@link Refusal#UNAVAILABLE} (HTTP 503) {@code DATABASE_UNAVAILABLE} when the registry
     *                         version cannot be read
     */
    public ListingTable.Page search(SearchQuery query) {
        long nowMillis = clock.millis();
        try {
            return fresh(nowMillis).table.search(query, nowMillis - settings.expirySeconds() * 1000);
        } catch (RegistryUnavailableException e) {
            throw new DomainException(Refusal.UNAVAILABLE, DATABASE_UNAVAILABLE,
                    "the registry database cannot be read; retry later", e);
        }
    }

    /**
     * The registry version as of some moment after this call began. Concurrent searches share one database read,
     * but only a read that STARTED after the caller arrived: a write committed (on any instance) before a search
     * arrived is therefore always seen by it.
     */
    private RegistryState stateSince(long arrivedNanos) {
        while (true) {
            VersionRead latest = versionRead.get();
            if (latest != null && latest.startedNanos - arrivedNanos >= 0) {
                return latest.await();
            }
            VersionRead mine = new VersionRead(System.nanoTime(), new CompletableFuture<>());
            if (versionRead.compareAndSet(latest, mine)) {
                try {
                    RegistryState state = repository.state();
                    mine.result.complete(state);
                    return state;
                } catch (RuntimeException e) {
                    mine.result.completeExceptionally(e);
                    versionRead.compareAndSet(mine, null);
                    throw e;
                }
            }
        }
    }

    private record VersionRead(long startedNanos, CompletableFuture<RegistryState> result) {
        RegistryState await() {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RegistryUnavailableException unavailable) {
                    throw unavailable;
                }
                throw new RegistryUnavailableException("registry version read failed", e.getCause());
            }
        }
    }

    /** @return the snapshot, brought up to the registry's current version */
    private Snapshot fresh(long nowMillis) {
        RegistryState state = stateSince(System.nanoTime());
        Snapshot s = current;
        if (s.version == state.version()) {
            return s;
        }
        synchronized (refreshLock) {
            s = current;
            if (s.version == state.version()) {
                return s;
            }
            long cutoff = nowMillis - settings.expirySeconds() * 1000;
            boolean full = s.version < 0 || s.version < state.tombstoneFloor();
            Map<String, Listing> byId = full ? new HashMap<>() : new HashMap<>(s.byId);
            if (!full) {
                for (String deleted : repository.deletedSince(s.version)) {
                    byId.remove(deleted);
                }
            }
            for (AdvertisementEntity e : repository.changedSince(full ? -1 : s.version, cutoff)) {
                byId.put(e.getProviderId(), listing(e));
            }
            byId.values().removeIf(l -> l.updatedAt() < cutoff);
            current = new Snapshot(state.version(), byId, new ListingTable(byId.values()));
            return current;
        }
    }

    private static Listing listing(AdvertisementEntity e) {
        return new Listing(e.getProviderId(), e.getCountry(), e.getPlatform(), e.getNetwork(), e.getPaymentsNetwork(),
                e.getCpu(), e.getMemoryGib(), e.getStorageGib(), Listing.micros(e.getUsdPerCoreMonth()),
                Listing.micros(e.getUsdPerGbRamMonth()), Listing.micros(e.getUsdPerGbStorageMonth()),
                e.getUpdatedAt(), Json.toJsonBytes(Advertisements.toWire(e)));
    }

    private record Snapshot(long version, Map<String, Listing> byId, ListingTable table) {
    }
}
