package org.golem.vm.portchecker.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.rest.ClientAddresses;
import org.golem.vm.common.rest.RateLimitFilter;
import org.golem.vm.common.rest.RateLimiter;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;

/**
 * Per-client limit on every request of the REST API ({@code PORT_CHECKER_RATE_LIMIT_PER_MINUTE}, default 30): 429
 * {@code RATE_LIMITED} with {@code Retry-After} before the body is read, so malformed requests count too. The
 * client is the socket peer, or what a trusted proxy's {@code X-Forwarded-For} says; an IPv6 client counts per /64.
 * {@code GET /health} and MicroProfile Health are served outside the REST API and are never limited.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class PortCheckerRateLimitFilter extends RateLimitFilter {

    @Inject
    ClientLimits limits;

    @Override
    protected RateLimiter limiter() {
        return limits.rateLimiter();
    }

    @Override
    protected String code() {
        return PortCheckErrorCode.RATE_LIMITED.name();
    }

    @Override
    protected ClientAddresses clientAddresses() {
        return limits.clientAddresses();
    }
}
