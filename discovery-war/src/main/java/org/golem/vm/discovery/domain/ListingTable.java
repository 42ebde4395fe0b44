package org.golem.vm.discovery.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, column-oriented table of listings for search: the filterable fields as primitive arrays
 * (countries, platforms and networks as small integer codes), rows ordered newest first, and one row index per
 * country. A search scans the rows of the asked country (or all), computes the price once per match, and keeps the
 * cheapest page with an early reject, so a search over 10,000 listings costs tens of microseconds, not a
 * millisecond (measured by bench/SearchScanBench.java).
 *
 * <p>Answers are exactly those of the reference semantics, {@link Listing#matches} and {@link Listing#priceMicros}:
 * freshness order is newest first (ties by provider id); price order is cheapest first, unpriced last, ties newest
 * first. {@code ListingTableTest} checks this on random data.
 */
public final class ListingTable {

    /** Newest first, ties by provider id: the row order and the freshness order. */
    public static final Comparator<Listing> NEWEST_FIRST =
            Comparator.comparingLong(Listing::updatedAt).reversed().thenComparing(Listing::providerId);

    private static final int NONE = -1;
    private static final int UNKNOWN = -2;
    /** Above this many wanted rows a price search sorts its matches instead of keeping a sorted top-k. */
    private static final int TOP_K_LIMIT = 256;

    private final Listing[] rows;
    private final Map<String, Integer> codes = new HashMap<>();
    private final int[] country;
    private final int[] platform;
    private final int[] network;
    private final int[] paymentsNetwork;
    private final int[] cpu;
    private final int[] memory;
    private final int[] storage;
    private final long[] core;
    private final long[] ram;
    private final long[] disk;
    private final long[] updated;
    private final Map<Integer, int[]> byCountry = new HashMap<>();
    private final int[] all;

    /** A page of results and the number of all matches. */
    public record Page(List<Listing> items, int total) {
    }

    /** @param listings the live listings, any order */
    public ListingTable(Collection<Listing> listings) {
        rows = listings.toArray(new Listing[0]);
        Arrays.sort(rows, NEWEST_FIRST);
        int n = rows.length;
        country = new int[n];
        platform = new int[n];
        network = new int[n];
        paymentsNetwork = new int[n];
        cpu = new int[n];
        memory = new int[n];
        storage = new int[n];
        core = new long[n];
        ram = new long[n];
        disk = new long[n];
        updated = new long[n];
        all = new int[n];
        Map<Integer, List<Integer>> countryRows = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Listing l = rows[i];
            country[i] = code(l.country());
            platform[i] = code(l.platform());
            network[i] = code(l.network());
            paymentsNetwork[i] = code(l.paymentsNetwork());
            cpu[i] = l.cpu();
            memory[i] = l.memoryGib();
            storage[i] = l.storageGib();
            boolean priced = l.coreMicros() >= 0 && l.ramMicros() >= 0 && l.storageMicros() >= 0;
            core[i] = priced ? l.coreMicros() : NONE;
            ram[i] = l.ramMicros();
            disk[i] = l.storageMicros();
            updated[i] = l.updatedAt();
            all[i] = i;
            countryRows.computeIfAbsent(country[i], k -> new ArrayList<>()).add(i);
        }
        countryRows.forEach((k, v) -> byCountry.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** @return the listings, newest first */
    public List<Listing> rows() {
        return List.of(rows);
    }

    /**
     * Runs a search.
     *
     * @param q      filters, order and page
     * @param cutoff listings refreshed before this (epoch ms) are expired and never match
     * @return the page and the number of matches
     */
    public Page search(SearchQuery q, long cutoff) {
        int countryCode = lookup(q.country());
        int platformCode = lookup(q.platform());
        int networkCode = lookup(q.network());
        int paymentsCode = lookup(q.paymentsNetwork());
        if (countryCode == UNKNOWN || platformCode == UNKNOWN || networkCode == UNKNOWN || paymentsCode == UNKNOWN) {
            return new Page(List.of(), 0);
        }
        int[] scan = countryCode == NONE ? all : byCountry.getOrDefault(countryCode, new int[0]);
        long wantedLong = (long) q.offset() + q.limit();
        int wanted = (int) Math.min(wantedLong, rows.length);
        long pc = q.pricedCpu();
        long pm = q.pricedMemoryGib();
        long ps = q.pricedStorageGib();
        long max = q.maxUsdMicrosPerMonth();
        boolean byPrice = q.sort() == SearchQuery.Sort.PRICE;
        boolean topK = byPrice && wanted <= TOP_K_LIMIT;

        long[] prices = topK ? new long[wanted + 1] : null;
        int[] picked = new int[topK ? wanted + 1 : Math.max(16, Math.min(wanted, 1024))];
        long[] matchPrices = byPrice && !topK ? new long[16] : null;
        int size = 0;
        int total = 0;
        for (int i : scan) {
            if (cpu[i] < q.cpu() || memory[i] < q.memoryGib() || storage[i] < q.storageGib() || updated[i] < cutoff
                    || platformCode != NONE && platform[i] != platformCode
                    || networkCode != NONE && network[i] != networkCode
                    || paymentsCode != NONE && paymentsNetwork[i] != paymentsCode) {
                continue;
            }
            long p = core[i] < 0 ? Long.MAX_VALUE : price(pc, core[i], pm, ram[i], ps, disk[i]);
            if (max >= 0 && (core[i] < 0 || p > max)) {
                continue;
            }
            total++;
            if (!byPrice) {
                // rows are newest first: the page is simply the matches from offset on
                if (total > q.offset() && size < q.limit()) {
                    picked = grow(picked, size);
                    picked[size++] = i;
                }
            } else if (topK) {
                if (wanted == 0 || size == wanted && p >= prices[size - 1]) {
                    continue; // not cheaper than the page's dearest; equal prices keep the newer (earlier) row
                }
                int pos = size == wanted ? size - 1 : size++;
                while (pos > 0 && prices[pos - 1] > p) {
                    prices[pos] = prices[pos - 1];
                    picked[pos] = picked[pos - 1];
                    pos--;
                }
                prices[pos] = p;
                picked[pos] = i;
            } else {
                picked = grow(picked, size);
                if (matchPrices.length <= size) {
                    matchPrices = Arrays.copyOf(matchPrices, matchPrices.length * 2);
                }
                picked[size] = i;
                matchPrices[size++] = p;
            }
        }
        List<Listing> page = new ArrayList<>(Math.min(q.limit(), Math.max(size, 0)));
        if (!byPrice) {
            for (int k = 0; k < size; k++) {
                page.add(rows[picked[k]]);
            }
        } else {
            int[] order = picked;
            int count = size;
            if (!topK) {
                Integer[] sorted = new Integer[count];
                for (int k = 0; k < count; k++) {
                    sorted[k] = k;
                }
                final long[] mp = matchPrices;
                final int[] rowsOf = picked;
                Arrays.sort(sorted, Comparator.<Integer>comparingLong(k -> mp[k]).thenComparingInt(k -> rowsOf[k]));
                order = new int[count];
                for (int k = 0; k < count; k++) {
                    order[k] = rowsOf[sorted[k]];
                }
            }
            for (int k = q.offset(); k < count && page.size() < q.limit(); k++) {
                page.add(rows[order[k]]);
            }
        }
        return new Page(page, total);
    }

    private static long price(long pc, long coreMicros, long pm, long ramMicros, long ps, long diskMicros) {
        try {
            return Math.addExact(Math.addExact(Math.multiplyExact(pc, coreMicros), Math.multiplyExact(pm, ramMicros)),
                    Math.multiplyExact(ps, diskMicros));
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE; // absurd quantities or prices: ordered with the unpriced, as Listing#priceMicros
        }
    }

    private static int[] grow(int[] a, int size) {
        return size < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    private int code(String value) {
        return value == null ? NONE : codes.computeIfAbsent(value, k -> codes.size());
    }

    private int lookup(String value) {
        if (value == null) {
            return NONE;
        }
        Integer c = codes.get(value);
        return c == null ? UNKNOWN : c;
    }
}
