package org.golem.vm.discovery.domain;

/**
 * A search of live advertisements: minimum free resources, exact-match filters (null = any), an optional maximum
 * USD price per month for the resource set, an order and a page.
 *
 * <p>The price of an advertisement for a query is {@code cpu × usd_per_core_month + memory × usd_per_gb_ram_month
 * + storage × usd_per_gb_storage_month} for the query's resource set: the requested minimums, with the smallest
 * VM (1 core, 1 GiB, 10 GiB) standing in for any not given. Advertisements without USD prices never match a
 * maximum price and sort last by price.
 *
 * @param cpu                minimum free cores, or 0 for any
 * @param memoryGib          minimum free GiB RAM, or 0 for any
 * @param storageGib         minimum free GiB disk, or 0 for any
 * @param country            ISO code (upper case), or null
 * @param platform           exact platform, or null
 * @param network            exact network, or null
 * @param paymentsNetwork    exact payments network, or null
 * @param maxUsdMicrosPerMonth maximum price for the resource set in millionths of a USD per month, or -1 for none
 * @param sort               order of the results
 * @param limit              page size, ≥ 1
 * @param offset             results skipped, ≥ 0
 */
public record SearchQuery(int cpu, int memoryGib, int storageGib, String country, String platform, String network,
                          String paymentsNetwork, long maxUsdMicrosPerMonth, Sort sort, int limit, int offset) {

    /** Result order. */
    public enum Sort {
        /** Most recently refreshed first (the default). */
        FRESHNESS,
        /** Cheapest for the query's resource set first; ties by freshness. */
        PRICE
    }

    /** @return cores priced: the requested minimum, else 1 */
    public int pricedCpu() {
        return cpu > 0 ? cpu : 1;
    }

    /** @return GiB RAM priced: the requested minimum, else 1 */
    public int pricedMemoryGib() {
        return memoryGib > 0 ? memoryGib : 1;
    }

    /** @return GiB disk priced: the requested minimum, else 10 */
    public int pricedStorageGib() {
        return storageGib > 0 ? storageGib : 10;
    }
}
