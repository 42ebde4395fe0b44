package org.golem.vm.common.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refused signed request (docs/auth.md). Unchecked; the web layer maps it to {@link #status()} with the
 * body {@link #body()}. {@link #getMessage()} is a human-readable reason that is safe to show to the caller
 * (it never contains key material).
 */
public class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AuthError error;

    /**
     * @param error   the kind of refusal, never null
     * @param message human-readable reason; null means {@link AuthError#defaultMessage()}
     */
    public AuthException(AuthError error, String message) {
        super(message != null ? message : Objects.requireNonNull(error, "error").defaultMessage());
        this.error = Objects.requireNonNull(error, "error");
    }

    /** @param error the kind of refusal, never null; the message is its {@link AuthError#defaultMessage()} */
    public AuthException(AuthError error) {
        this(error, null);
    }

    /** @return the kind of refusal */
    public AuthError error() {
        return error;
    }

    /** @return the HTTP status: 401, 403 for {@link AuthError#AUTH_FORBIDDEN}, 503 for {@link AuthError#AUTH_UNAVAILABLE} */
    public int status() {
        return error.status();
    }

    /** @return the wire code, e.g. {@code "AUTH_EXPIRED"} */
    public String code() {
        return error.code();
    }

    /**
     * The error body of docs/auth.md as a JSON-ready map:
     * {@code {"detail": {"code": "AUTH_...", "message": "..."}}}.
     *
     * @return a new mutable map, ready for Jackson or JSON-B
     */
    public Map<String, Object> body() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code());
        detail.put("message", getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        return body;
    }
}
