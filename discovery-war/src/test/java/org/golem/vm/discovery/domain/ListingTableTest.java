package org.golem.vm.discovery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The column-oriented search answers exactly as the plain reference semantics ({@link Listing#matches},
 * {@link Listing#priceMicros}, newest first, cheapest first with unpriced last): same total, same page, same order,
 * for thousands of random queries over random listings (expired, unpriced and overflowing ones included).
 */
class ListingTableTest {

    private static final String[] COUNTRIES = {"SE", "US", "DE", "PL", "JP"};
    private static final String[] PLATFORMS = {"x86_64", "arm64", null};
    private static final String[] NETWORKS = {"testnet", "mainnet", null};

    @Test
    void answersExactlyAsTheReferenceSemantics() {
        Random r = new Random(42);
        long now = 1_800_000_000_000L;
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            boolean priced = r.nextInt(10) > 0;
            boolean huge = r.nextInt(200) == 0;
            listings.add(new Listing(String.format("0x%040x", i), COUNTRIES[r.nextInt(COUNTRIES.length)],
                    PLATFORMS[r.nextInt(PLATFORMS.length)], NETWORKS[r.nextInt(NETWORKS.length)],
                    r.nextBoolean() ? "l2.holesky" : "local", 1 + r.nextInt(16), 1 + r.nextInt(64), 10 + r.nextInt(500),
                    !priced ? -1 : huge ? Long.MAX_VALUE / 2 : r.nextInt(5_000_000),
                    !priced ? -1 : r.nextInt(2_000_000), r.nextInt(10) == 0 ? -1 : r.nextInt(100_000),
                    now - 1000L * r.nextInt(600), new byte[0])); // whole seconds: some rows sit exactly at the cutoff
        }
        ListingTable table = new ListingTable(listings);
        long cutoff = now - 300_000;
        for (int k = 0; k < 4000; k++) {
            SearchQuery q = new SearchQuery(r.nextInt(3) == 0 ? 1 + r.nextInt(16) : 0,
                    r.nextInt(3) == 0 ? 1 + r.nextInt(64) : 0, r.nextInt(4) == 0 ? 10 + r.nextInt(500) : 0,
                    r.nextInt(2) == 0 ? (r.nextInt(10) == 0 ? "XX" : COUNTRIES[r.nextInt(COUNTRIES.length)]) : null,
                    r.nextInt(3) == 0 ? "arm64" : null, r.nextInt(4) == 0 ? "testnet" : null,
                    r.nextInt(4) == 0 ? "local" : null, r.nextInt(4) == 0 ? r.nextInt(100_000_000) : -1,
                    r.nextBoolean() ? SearchQuery.Sort.PRICE : SearchQuery.Sort.FRESHNESS,
                    r.nextInt(5) == 0 ? 300 + r.nextInt(700) : 1 + r.nextInt(50), r.nextInt(4) == 0 ? r.nextInt(400) : 0);
            ListingTable.Page expected = reference(listings, q, cutoff);
            ListingTable.Page actual = table.search(q, cutoff);
            assertEquals(expected.total(), actual.total(), "total of " + q);
            assertEquals(ids(expected), ids(actual), "page of " + q);
        }
    }

    @Test
    void emptyTableAndPagesBeyondTheEnd() {
        ListingTable empty = new ListingTable(List.of());
        SearchQuery q = new SearchQuery(0, 0, 0, null, null, null, null, -1, SearchQuery.Sort.PRICE, 10, 0);
        assertEquals(0, empty.search(q, 0).total());
        Listing one = new Listing("0x1", "SE", null, null, null, 1, 1, 10, 1, 1, 1, 100, new byte[0]);
        SearchQuery far = new SearchQuery(0, 0, 0, null, null, null, null, -1, SearchQuery.Sort.PRICE, 10, 5);
        ListingTable.Page page = new ListingTable(List.of(one)).search(far, 0);
        assertEquals(1, page.total());
        assertEquals(List.of(), page.items());
    }

    private static List<String> ids(ListingTable.Page p) {
        return p.items().stream().map(Listing::providerId).toList();
    }

    /** The plain semantics: filter with Listing#matches, order, then page. */
    private static ListingTable.Page reference(List<Listing> listings, SearchQuery q, long cutoff) {
        Comparator<Listing> order = q.sort() == SearchQuery.Sort.FRESHNESS ? ListingTable.NEWEST_FIRST
                : Comparator.<Listing>comparingLong(l -> {
                    long p = l.priceMicros(q);
                    return p < 0 ? Long.MAX_VALUE : p;
                }).thenComparing(ListingTable.NEWEST_FIRST);
        List<Listing> matches = listings.stream().filter(l -> l.matches(q, cutoff)).sorted(order).toList();
        List<Listing> page = matches.stream().skip(q.offset()).limit(q.limit()).toList();
        return new ListingTable.Page(page, matches.size());
    }
}
