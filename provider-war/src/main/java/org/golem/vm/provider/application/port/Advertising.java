package org.golem.vm.provider.application.port;

import java.io.IOException;
import java.util.Optional;
import org.golem.vm.common.wire.AdvertisementRequest;

/**
 * Where the provider advertises itself so requestors find it. The central discovery service is the first adapter
 * (a signed {@code POST /api/v1/advertisements}, see docs/discovery-api.md); a decentralized directory would be
 * another.
 */
public interface Advertising {

    /** @return whether a place to advertise is configured ({@code golem.provider.discovery-url} for discovery) */
    boolean configured();

    /** @return where advertisements go, for logs (e.g. the discovery base URL) */
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
     * @param publicHost the operator's public host: an IPv4 literal or a DNS name; may be null
     * @return the IPv4 address to advertise (directories accept IPv4 only), empty when there is none
     */
    Optional<String> ipv4For(String publicHost);

    /** @return the host platform as advertised ({@code x86_64}, {@code arm64}, ...) */
    String platform();
}
