package org.golem.vm.common.auth;

/**
 * Why a signed request was refused (the steps of {@link RequestVerifier}). The enum constant's name is the
 * {@code code} of the error body {@code {"detail":{"code":"AUTH_MISSING",...}}}.
 */
public enum AuthError {
    /** Step 1: a header is missing or malformed. HTTP 401. */
    AUTH_MISSING(401, "X-Golem-Address, X-Golem-Timestamp and X-Golem-Signature headers are required"),
    /** Step 2: the timestamp is more than the window (default 300 s) away from the server's clock. HTTP 401. */
    AUTH_EXPIRED(401, "request timestamp is outside the allowed window"),
    /** Step 3: the signature does not recover to X-Golem-Address (or cannot be recovered at all). HTTP 401. */
    AUTH_BAD_SIGNATURE(401, "signature does not match the request and X-Golem-Address"),
    /** Step 4: the same signature was already accepted inside the window. HTTP 401. */
    AUTH_REPLAY(401, "this signature was already used; sign the request again with a new timestamp"),
    /** Step 5: authenticated, but the signer does not own the resource. HTTP 403. */
    AUTH_FORBIDDEN(403, "the signer does not own this resource"),
    /**
     * Step 4 could not run: the replay memory (the service's database) is unavailable, so a replay cannot be ruled
     * out and the request is refused unchecked; nothing was done. HTTP 503, retry later.
     */
    AUTH_UNAVAILABLE(503, "replay protection is unavailable (the service's database does not answer); nothing was "
            + "done, retry later");

    private final int status;
    private final String defaultMessage;

    AuthError(int status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    /**
     * @return the HTTP status to answer with: 401, 403 for {@link #AUTH_FORBIDDEN}, 503 for
     *         {@link #AUTH_UNAVAILABLE}
     */
    public int status() {
        return status;
    }

    /** @return the error code as sent on the wire, e.g. {@code "AUTH_MISSING"} (same as {@link #name()}) */
    public String code() {
        return name();
    }

    /** @return a short human-readable description of this kind of refusal */
    public String defaultMessage() {
        return defaultMessage;
    }
}
