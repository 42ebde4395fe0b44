package org.golem.vm.portchecker.interfaces.rest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.golem.vm.common.rest.ClientAddresses;
import org.golem.vm.common.rest.RateLimiter;
import org.golem.vm.portchecker.config.PortCheckerSettings;

/**
 * Who the caller is and how often it may call, shared by {@link PortCheckerRateLimitFilter} and
 * {@link CheckPortsResource}: the one per-client {@link RateLimiter} ({@code PORT_CHECKER_RATE_LIMIT_PER_MINUTE})
 * and the {@link ClientAddresses} resolver trusting {@code PORT_CHECKER_TRUSTED_PROXIES}.
 */
@ApplicationScoped
public class ClientLimits {

    @Inject
    PortCheckerSettings settings;

    private RateLimiter rateLimiter;
    private ClientAddresses clientAddresses;

    @PostConstruct
    void start() {
        rateLimiter = new RateLimiter(settings.rateLimitPerMinute());
        clientAddresses = settings.clientAddresses();
    }

    /** @return the per-client limiter; requests per minute per client address (an IPv6 client counts per /64) */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** @return how the caller's address is found: the socket peer, or a trusted proxy's {@code X-Forwarded-For} */
    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }
}
