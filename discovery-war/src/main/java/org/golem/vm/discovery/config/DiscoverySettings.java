package org.golem.vm.discovery.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The discovery service's settings (MicroProfile Config; environment {@code GOLEM_DISCOVERY_*}). Defaults are in
 * META-INF/microprofile-config.properties.
 */
@ApplicationScoped
public class DiscoverySettings {

    @Inject
    @ConfigProperty(name = "golem.discovery.advertisement-expiry-seconds", defaultValue = "300")
    long expirySeconds;

    /** The original's name for the same setting (it ignored it); honoured when set. */
    @Inject
    @ConfigProperty(name = "golem.discovery.advertisement-expiry-minutes")
    Optional<Long> expiryMinutes;

    @Inject
    @ConfigProperty(name = "golem.discovery.cleanup-interval-seconds", defaultValue = "60")
    long cleanupIntervalSeconds;

    @Inject
    @ConfigProperty(name = "golem.discovery.rate-limit-per-minute", defaultValue = "100")
    long rateLimitPerMinute;

    @Inject
    @ConfigProperty(name = "golem.discovery.trusted-proxies")
    Optional<String> trustedProxies;

    @Inject
    @ConfigProperty(name = "golem.discovery.default-page-size", defaultValue = "100")
    int defaultPageSize;

    @Inject
    @ConfigProperty(name = "golem.discovery.max-page-size", defaultValue = "1000")
    int maxPageSize;

    /** @return seconds after its last refresh that an advertisement disappears from reads (default 300) */
    public long expirySeconds() {
        return expiryMinutes.map(m -> m * 60).orElse(expirySeconds);
    }

    /** @return seconds between purges of expired rows */
    public long cleanupIntervalSeconds() {
        return Math.max(1, cleanupIntervalSeconds);
    }

    /** @return requests per client address per minute; 0 disables */
    public long rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    /** @return comma-separated trusted proxies (addresses or CIDR blocks), or empty */
    public String trustedProxies() {
        return trustedProxies.orElse("");
    }

    /** @return page size when none is asked for */
    public int defaultPageSize() {
        return defaultPageSize;
    }

    /** @return the largest page size accepted */
    public int maxPageSize() {
        return maxPageSize;
    }
}
