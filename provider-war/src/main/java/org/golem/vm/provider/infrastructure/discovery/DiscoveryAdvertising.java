package org.golem.vm.provider.infrastructure.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.provider.application.port.Advertising;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.chain.ChainGateway;

/**
 * The {@link Advertising} port on the central discovery service ({@code golem.provider.discovery-url}, live):
 * a {@link DiscoveryPublisher} signing with the provider's key, made again when the URL changes.
 */
@ApplicationScoped
public class DiscoveryAdvertising extends HostAdvertising {

    /** Per-request timeout towards discovery (the original provider's session timeout). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    ProviderSettings settings;

    @Inject
    ChainGateway chain;

    private volatile DiscoveryPublisher publisher;

    @Override
    public String name() {
        return CENTRAL;
    }

    @Override
    public boolean configured() {
        return settings.discoveryUrl().isPresent();
    }

    @Override
    public String destination() {
        return publisher().base().toString();
    }

    @Override
    public void publish(AdvertisementRequest ad) throws IOException {
        publisher().publish(ad);
    }

    @Override
    public boolean withdraw(String providerId) throws IOException {
        return publisher().withdraw(providerId);
    }

    /**
     * @return the publisher for the current URL
     * @throws IllegalStateException    when no discovery URL is set
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    private DiscoveryPublisher publisher() {
        String url = settings.discoveryUrl().orElseThrow(
                () -> new IllegalStateException("golem.provider.discovery-url is not set"));
        DiscoveryPublisher p = publisher;
        if (p == null || !p.base().toString().equals(stripSlashes(url))) {
            p = new DiscoveryPublisher(URI.create(url), chain.credentials(), TIMEOUT);
            publisher = p;
        }
        return p;
    }

    private static String stripSlashes(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
