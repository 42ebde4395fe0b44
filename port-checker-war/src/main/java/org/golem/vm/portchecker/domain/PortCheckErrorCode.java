package org.golem.vm.portchecker.domain;

/**
 * Machine-readable error codes of the port checker, written as {@code detail.code} in the seed's error body
 * {@code {"detail": {"code": "INVALID_IP", "message": "..."}}}. The first three are the seed's documented
 * codes; the others are new (the original documented a port cap and a rate limit but had neither). A body that is
 * not JSON or not a JSON object gets the shared codes {@code INVALID_JSON} (400) and {@code INVALID_BODY} (422).
 */
public enum PortCheckErrorCode {

    /** {@code provider_ip} is missing or not an IPv4/IPv6 address literal (host names are refused). HTTP 400. */
    INVALID_IP(400),
    /** {@code ports} is missing, not a list or empty, or holds an entry that is not an integer 1..65535. HTTP 400. */
    INVALID_PORT(400),
    /** More ports than the configured maximum per request. HTTP 400. */
    TOO_MANY_PORTS(400),
    /** The target may not be probed: non-public address, or not the caller's own address. HTTP 403. */
    TARGET_NOT_ALLOWED(403),
    /**
     * The caller exceeded its per-address request rate. HTTP 429 with {@code Retry-After}, answered by the REST
     * layer's rate-limit filter before the request is read.
     */
    RATE_LIMITED(429),
    /** The check itself could not run (service shutting down, interrupted, internal error). HTTP 500. */
    CHECK_FAILED(500);

    private final int httpStatus;

    PortCheckErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** @return the HTTP status code the REST layer answers with */
    public int httpStatus() {
        return httpStatus;
    }
}
