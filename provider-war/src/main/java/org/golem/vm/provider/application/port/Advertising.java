package org.golem.vm.provider.application.port;

import java.io.IOException;
import java.util.Optional;
import org.golem.vm.common.wire.AdvertisementRequest;

/**
 * Where the provider advertises itself so requestors find it. The central discovery service is the first adapter
 * (a signed {@code POST /api/v1/advertisements}, see docs/discovery-api.md, named {@value #CENTRAL}); the
 * ProviderRegistry contract on the payments chain is the second ({@value #CHAIN}). The advertiser publishes to every
 * enabled one ({@code golem.provider.advertise}).
 */
public interface Advertising {

    /** Name of the central discovery service destination. */
    String CENTRAL = "central";

    /** Name of the on-chain ProviderRegistry destination. */
    String CHAIN = "chain";

    /** @return the destination's name in {@code golem.provider.advertise}: {@value #CENTRAL} or {@value #CHAIN} */
    String name();

    /**
     * @return whether a place to advertise is configured ({@code golem.provider.discovery-url} for discovery, a known
     *         ProviderRegistry for the chain)
     */
    boolean configured();

    /** @return where advertisements go, for logs and status (the discovery base URL, the registry address) */
    String destination();

    /**
     * Publishes (or replaces) the provider's advertisement.
     *
     * @param ad the advertisement: free capacity, prices, address, contract and token
     * @throws IOException              when the directory cannot be reached or refuses the advertisement
     * @throws IllegalArgumentException when the configured destination is malformed
     */
    void publish(AdvertisementRequest ad) throws IOException;

    /**
     * Removes the provider's advertisement (the provider is full).
     *
     * @param providerId the provider's address, EIP-55
     * @return true when one was removed, false when there was none
     * @throws IOException when the directory cannot be reached or refuses
     */
    boolean withdraw(String providerId) throws IOException;

    /**
     * @return what the last write cost, for the status (gas used, transaction hash); empty for destinations that
     *         cost nothing or before the first write
     */
    default Optional<Cost> lastCost() {
        return Optional.empty();
    }

    /**
     * The cost of a transaction that wrote the advertisement.
     *
     * @param gasUsed gas units the transaction used
     * @param txHash  its hash
     * @param what    what it did: {@code register}, {@code renew} or {@code remove}
     */
    record Cost(long gasUsed, String txHash, String what) {
    }

    /**
     * @param publicHost the operator's public host: an IPv4 literal or a DNS name; may be null
     * @return the IPv4 address to advertise (directories accept IPv4 only), empty when there is none
     */
    Optional<String> ipv4For(String publicHost);

    /** @return the host platform as advertised ({@code x86_64}, {@code arm64}, ...) */
    String platform();
}
