package org.golem.vm.discovery.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An advertisement as the search index holds it: the filterable fields as plain values, USD prices in
 * millionths of a USD (rounded up, so a maximum-price filter never lets a dearer offer through), and the
 * advertisement's JSON rendered once, so a search answer is a concatenation of ready bytes.
 *
 * @param providerId      EIP-55 address
 * @param country         upper-case ISO code
 * @param platform        platform or null
 * @param network         network or null
 * @param paymentsNetwork payments network or null
 * @param cpu             free cores
 * @param memoryGib       free GiB RAM
 * @param storageGib      free GiB disk
 * @param coreMicros      micro-USD per core-month, or -1 when not priced
 * @param ramMicros       micro-USD per GiB-RAM-month, or -1
 * @param storageMicros   micro-USD per GiB-disk-month, or -1
 * @param updatedAt       last refresh, epoch milliseconds
 * @param json            the advertisement's JSON (UTF-8)
 */
public record Listing(String providerId, String country, String platform, String network, String paymentsNetwork,
                      int cpu, int memoryGib, int storageGib, long coreMicros, long ramMicros, long storageMicros,
                      long updatedAt, byte[] json) {

    /** @return micro-USD per month for the query's resource set, or -1 when this offer has no USD prices */
    public long priceMicros(SearchQuery q) {
        if (coreMicros < 0 || ramMicros < 0 || storageMicros < 0) {
            return -1;
        }
        try {
            return Math.addExact(Math.addExact(Math.multiplyExact(q.pricedCpu(), coreMicros),
                    Math.multiplyExact(q.pricedMemoryGib(), ramMicros)),
                    Math.multiplyExact(q.pricedStorageGib(), storageMicros));
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE; // absurd quantities or prices: dearer than anything
        }
    }

    /** @return whether the listing passes the query's filters and is fresh at {@code cutoff} (epoch ms) */
    public boolean matches(SearchQuery q, long cutoff) {
        if (updatedAt < cutoff || cpu < q.cpu() || memoryGib < q.memoryGib() || storageGib < q.storageGib()) {
            return false;
        }
        if (q.country() != null && !q.country().equals(country)
                || q.platform() != null && !q.platform().equals(platform)
                || q.network() != null && !q.network().equals(network)
                || q.paymentsNetwork() != null && !q.paymentsNetwork().equals(paymentsNetwork)) {
            return false;
        }
        if (q.maxUsdMicrosPerMonth() >= 0) {
            long price = priceMicros(q);
            return price >= 0 && price <= q.maxUsdMicrosPerMonth();
        }
        return true;
    }

    /**
     * @param usd USD amount or null
     * @return millionths of a USD rounded up, or -1 for null; capped at {@code Long.MAX_VALUE}
     */
    public static long micros(BigDecimal usd) {
        if (usd == null) {
            return -1;
        }
        BigDecimal m = usd.movePointRight(6).setScale(0, RoundingMode.CEILING);
        return m.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}
