package org.golem.vm.provider.infrastructure.discovery;

import java.util.Optional;
import org.golem.vm.provider.application.port.Advertising;

/**
 * What every {@link Advertising} adapter answers the same way: the IPv4 address advertised for the public host and
 * the host platform ({@link DiscoveryPublisher#ipv4For}, {@link DiscoveryPublisher#platformFor}).
 */
public abstract class HostAdvertising implements Advertising {

    @Override
    public Optional<String> ipv4For(String publicHost) {
        return Optional.ofNullable(DiscoveryPublisher.ipv4For(publicHost));
    }

    @Override
    public String platform() {
        return DiscoveryPublisher.platformFor(System.getProperty("os.arch"));
    }
}
