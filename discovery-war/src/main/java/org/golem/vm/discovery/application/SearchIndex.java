package org.golem.vm.discovery.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.golem.vm.common.json.Json;
import org.golem.vm.discovery.domain.AdvertisementEntity;
import org.golem.vm.discovery.domain.Listing;
import org.golem.vm.discovery.domain.SearchQuery;
import org.golem.vm.discovery.infrastructure.AdvertisementRepository;

/**
 * The search read model: an immutable in-memory snapshot of the live advertisements, kept current with the
 * database on every search. A search costs one indexed single-row read ({@code registry_version}) when nothing
 * changed; when another write (on this or another instance) bumped the version, only the rows and tombstones
 * newer than the snapshot are loaded. Searches then filter, order and page in memory and answer with JSON
 * rendered when the row was loaded.
 *
 * <p>Why our own index rather than a query per search: the filters combine a price computed for the caller's
 * resource set with freshness and up to seven other conditions, which no single database index serves; 10,000
 * advertisements fit in a few megabytes, and scanning them in memory takes tens of microseconds.
 */
@ApplicationScoped
public class SearchIndex {

    private static final Comparator<Listing> NEWEST_FIRST =
            Comparator.comparingLong(Listing::updatedAt).reversed().thenComparing(Listing::providerId);

    @Inject
    AdvertisementRepository repository;

    @Inject
    DiscoverySettings settings;

    private volatile Snapshot current = new Snapshot(-1, Map.of(), new Listing[0]);
    private final Object refreshLock = new Object();

    /** One page of results. */
    public record Page(List<Listing> items, int total) {
    }

    /**
     * Runs a search against the current registry.
     *
     * @param query   filters, order and page
     * @param nowMillis the time expiry is judged at, epoch milliseconds
     * @throws SQLException when the registry version cannot be read
     */
    public Page search(SearchQuery query, long nowMillis) throws SQLException {
        Snapshot snapshot = fresh(nowMillis);
        long cutoff = nowMillis - settings.expirySeconds() * 1000;
        int wanted = query.offset() + query.limit();
        if (query.sort() == SearchQuery.Sort.FRESHNESS) {
            List<Listing> page = new ArrayList<>(Math.min(query.limit(), 256));
            int total = 0;
            for (Listing l : snapshot.byFreshness) {
                if (l.matches(query, cutoff)) {
                    if (total >= query.offset() && total < wanted) {
                        page.add(l);
                    }
                    total++;
                }
            }
            return new Page(page, total);
        }
        // PRICE: keep the `wanted` cheapest in a max-heap; unpriced offers sort last.
        Comparator<Listing> cheapest = Comparator.<Listing>comparingLong(l -> {
            long p = l.priceMicros(query);
            return p < 0 ? Long.MAX_VALUE : p;
        }).thenComparing(NEWEST_FIRST);
        PriorityQueue<Listing> heap = new PriorityQueue<>(Math.max(1, Math.min(wanted, 1024)), cheapest.reversed());
        int total = 0;
        for (Listing l : snapshot.byFreshness) {
            if (l.matches(query, cutoff)) {
                total++;
                heap.add(l);
                if (heap.size() > wanted) {
                    heap.poll();
                }
            }
        }
        Listing[] sorted = heap.toArray(new Listing[0]);
        Arrays.sort(sorted, cheapest);
        List<Listing> page = query.offset() >= sorted.length ? List.of()
                : Arrays.asList(sorted).subList(query.offset(), sorted.length);
        return new Page(page, total);
    }

    /** @return the snapshot, brought up to the registry's current version */
    private Snapshot fresh(long nowMillis) throws SQLException {
        AdvertisementRepository.State state = repository.state();
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
            Listing[] ordered = byId.values().toArray(new Listing[0]);
            Arrays.sort(ordered, NEWEST_FIRST);
            current = new Snapshot(state.version(), byId, ordered);
            return current;
        }
    }

    private static Listing listing(AdvertisementEntity e) {
        return new Listing(e.getProviderId(), e.getCountry(), e.getPlatform(), e.getNetwork(), e.getPaymentsNetwork(),
                e.getCpu(), e.getMemoryGib(), e.getStorageGib(), Listing.micros(e.getUsdPerCoreMonth()),
                Listing.micros(e.getUsdPerGbRamMonth()), Listing.micros(e.getUsdPerGbStorageMonth()),
                e.getUpdatedAt(), Json.toJsonBytes(Advertisements.toWire(e)));
    }

    private record Snapshot(long version, Map<String, Listing> byId, Listing[] byFreshness) {
    }
}
