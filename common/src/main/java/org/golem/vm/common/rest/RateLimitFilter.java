package org.golem.vm.common.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * Base of each service's per-client rate limit: answers 429 with {@code Retry-After} (whole seconds) and
 * {@code {"detail":{"code":…}}} once a client has used its budget. The client is the socket peer, or what a trusted
 * proxy's {@code X-Forwarded-For} says ({@link ClientAddresses}); an IPv6 client counts per /64
 * ({@link RateLimiter#clientKey}). A service subclasses it as a {@code @Provider @PreMatching} filter and supplies
 * its limiter, its code and its trusted proxies.
 */
public abstract class RateLimitFilter implements ContainerRequestFilter {

    @Context
    private HttpServletRequest servletRequest;

    /** @return the limiter (one per application) */
    protected abstract RateLimiter limiter();

    /** @return the code of the 429 answer, e.g. {@code RATE_001} */
    protected abstract String code();

    /** @return how the client address is found (trusted proxies) */
    protected abstract ClientAddresses clientAddresses();

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimiter limiter = limiter();
        if (!limiter.enabled()) {
            return;
        }
        String client = clientAddresses().resolve(servletRequest.getRemoteAddr(),
                request.getHeaderString("X-Forwarded-For"));
        long retryAfter = limiter.acquire(RateLimiter.clientKey(client));
        if (retryAfter > 0) {
            request.abortWith(Response.fromResponse(RestSupport.json(429,
                    ErrorResponse.of(code(), "rate limit exceeded; retry after " + retryAfter + " s")))
                    .header("Retry-After", retryAfter).build());
        }
    }
}
