package org.golem.vm.portchecker.domain;

import org.golem.vm.common.error.Refusal;

/**
 * Machine-readable error codes of the port checker, written as {@code detail.code} in the seed's error body
 * {@code {"detail": {"code": "INVALID_IP", "message": "..."}}}. The first three are the seed's documented
 * codes; the others are new (the original documented a port cap and a rate limit but had neither). A body that is
 * not JSON or not a JSON object gets the shared codes {@code INVALID_JSON} (400) and {@code INVALID_BODY} (422).
 * Each code names the {@link Refusal} kind it is; the HTTP status of each code is chosen by the REST layer's
 * mapper (docs/port-checker-api.md lists them).
 */
public enum PortCheckErrorCode {

    /** {@code provider_ip} is missing or not an IPv4/IPv6 address literal (host names are refused). Invalid input. */
    INVALID_IP(Refusal.INVALID),
    /** {@code ports} is missing, not a list or empty, or holds an entry that is not an integer 1..65535. Invalid input. */
    INVALID_PORT(Refusal.INVALID),
    /** More ports than the configured maximum per request. Invalid input. */
    TOO_MANY_PORTS(Refusal.INVALID),
    /** The target may not be probed: non-public address, or not the caller's own address. Forbidden. */
    TARGET_NOT_ALLOWED(Refusal.FORBIDDEN),
    /**
     * The caller exceeded its per-address request rate; retrying later works. Answered by the REST layer's
     * rate-limit filter (with {@code Retry-After}) before the request is read.
     */
    RATE_LIMITED(Refusal.RATE_LIMITED),
    /** The check itself could not run (service shutting down, interrupted, internal error). */
    CHECK_FAILED(Refusal.FAILED);

    private final Refusal refusal;

    PortCheckErrorCode(Refusal refusal) {
        this.refusal = refusal;
    }

    /** @return the kind of refusal this code is */
    public Refusal refusal() {
        return refusal;
    }
}
