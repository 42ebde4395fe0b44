package org.golem.vm.discovery.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.rest.ClientAddresses;
import org.golem.vm.common.rest.RateLimitFilter;
import org.golem.vm.common.rest.RateLimiter;
import org.golem.vm.discovery.config.DiscoverySettings;

/**
 * Per-client-address limit on every discovery request ({@code golem.discovery.rate-limit-per-minute}, default
 * 100): 429 {@code RATE_001} with {@code Retry-After} (the original's code; its 429 crashed into a 500).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class DiscoveryRateLimitFilter extends RateLimitFilter {

    @Inject
    DiscoverySettings settings;

    private volatile RateLimiter limiter;
    private volatile ClientAddresses addresses;

    @Override
    protected RateLimiter limiter() {
        if (limiter == null) {
            limiter = new RateLimiter(settings.rateLimitPerMinute());
        }
        return limiter;
    }

    @Override
    protected String code() {
        return "RATE_001";
    }

    @Override
    protected ClientAddresses clientAddresses() {
        if (addresses == null) {
            addresses = new ClientAddresses(settings.trustedProxies());
        }
        return addresses;
    }
}
