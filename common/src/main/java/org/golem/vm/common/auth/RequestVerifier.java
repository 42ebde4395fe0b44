package org.golem.vm.common.auth;

import java.math.BigInteger;
import java.security.SignatureException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Server side of signed requests: authenticates one (steps 1-4 below, in that order) and offers the ownership
 * check of step 5 ({@link #requireSigner}).
 *
 * <ol>
 *   <li>The three headers are present and well formed, else {@link AuthError#AUTH_MISSING}:
 *       {@code X-Golem-Address} = {@code 0x} + 40 hex (any case, the EIP-55 checksum is not enforced);
 *       {@code X-Golem-Timestamp} = Unix seconds in canonical decimal ({@code 0} or no leading zero, at most
 *       18 digits, no sign); {@code X-Golem-Signature} = {@code 0x} + 130 hex. Surrounding whitespace is
 *       ignored.</li>
 *   <li>{@code |now - timestamp| <= window} (default 300 s; both past and future), else
 *       {@link AuthError#AUTH_EXPIRED}.</li>
 *   <li>The EIP-191 ({@code personal_sign}) signature of {@link SignedRequest#message} recovers, with web3j's
 *       {@link Sign#signedPrefixedMessageToKey}, to {@code X-Golem-Address} (case-insensitive), else
 *       {@link AuthError#AUTH_BAD_SIGNATURE}. Also refused with {@code AUTH_BAD_SIGNATURE}: v other than
 *       27/28/0/1, r or s zero or not below the curve order, and <b>high s</b> ({@code s > n/2}). ECDSA
 *       signatures are malleable: (r, n - s) with v flipped is a second valid signature of the same message by
 *       the same key, which a replay check keyed on the signature would treat as new. EIP-2 low-s signatures
 *       are what web3j, cast and MetaMask produce, so refusing high s costs honest clients nothing.</li>
 *   <li>The signature (normalised, see {@link ReplayMemory#normalise}) is recorded in the {@link ReplayMemory};
 *       if it was already accepted inside the window, {@link AuthError#AUTH_REPLAY}. Only signatures that passed
 *       steps 1-3 are recorded, so a forged or tampered request can never block the genuine one. If the memory
 *       cannot be consulted (its database failed), {@link AuthError#AUTH_UNAVAILABLE} (503): a request is never
 *       accepted unchecked.</li>
 * </ol>
 *
 * <p>One instance must be shared by all requests of a service; it is thread-safe. How far replays are caught
 * depends on the memory: with a {@link JdbcReplayMemory} (what the services use) a signature accepted before a
 * restart, or by another instance on the same database, is refused; with a {@link ReplayCache} only within this
 * process.
 */
public final class RequestVerifier {
    /** The accepted clock skew of step 2, in seconds. */
    public static final long DEFAULT_WINDOW_SECONDS = 300;

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern TIMESTAMP = Pattern.compile("0|[1-9][0-9]{0,17}");

    private final Clock clock;
    private final long windowSeconds;
    private final ReplayMemory replayMemory;

    /**
     * A verifier with the 300-second window and a default-sized in-JVM {@link ReplayCache} (tests and tools; a
     * service passes its {@link JdbcReplayMemory} to {@link #RequestVerifier(ReplayMemory)}).
     *
     * @param clock the server's clock (usually {@link Clock#systemUTC()})
     */
    public RequestVerifier(Clock clock) {
        this(new ReplayCache(clock));
    }

    /**
     * @param clock         the server's clock
     * @param windowSeconds accepted |now - timestamp|, in seconds, {@code > 0}
     * @throws IllegalArgumentException if windowSeconds is not positive
     */
    public RequestVerifier(Clock clock, long windowSeconds) {
        this(new ReplayCache(clock, windowSeconds, ReplayCache.DEFAULT_MAX_ENTRIES));
    }

    /**
     * A verifier using the given replay memory and its clock and window.
     *
     * @param replayMemory the memory of accepted signatures; its clock and window are used for step 2 too
     */
    public RequestVerifier(ReplayMemory replayMemory) {
        this.replayMemory = Objects.requireNonNull(replayMemory, "replayMemory");
        this.clock = replayMemory.clock();
        this.windowSeconds = replayMemory.windowSeconds();
    }

    /**
     * Authenticates one request (steps 1-4).
     *
     * @param method          the HTTP method as received (any case)
     * @param pathWithQuery   the request target exactly as received: raw path plus {@code ?} and raw query if
     *                        any, e.g. {@code /api/v1/vms?async=true} (not decoded or re-encoded)
     * @param body            the raw body bytes as received; null or empty when there is no body
     * @param addressHeader   value of {@code X-Golem-Address}, or null if absent
     * @param timestampHeader value of {@code X-Golem-Timestamp}, or null if absent
     * @param signatureHeader value of {@code X-Golem-Signature}, or null if absent
     * @return the authenticated signer's address, EIP-55 checksummed, {@code 0x} + 40 hex
     * @throws AuthException            with {@code AUTH_MISSING}, {@code AUTH_EXPIRED}, {@code AUTH_BAD_SIGNATURE}
     *                                  or {@code AUTH_REPLAY} (all HTTP 401), checked in that order, or
     *                                  {@code AUTH_UNAVAILABLE} (HTTP 503) when the replay memory cannot be
     *                                  consulted
     * @throws IllegalArgumentException if the server passes a method or path that cannot be signed (see
     *                                  {@link SignedRequest#message}); a server bug, not a client error
     */
    public String verify(String method, String pathWithQuery, byte[] body,
                         String addressHeader, String timestampHeader, String signatureHeader) {
        // 1. present and well formed
        String address = wellFormed(RequestSigner.HEADER_ADDRESS, addressHeader, ADDRESS, "0x followed by 40 hex digits");
        String timestamp = wellFormed(RequestSigner.HEADER_TIMESTAMP, timestampHeader, TIMESTAMP,
                "Unix time in whole seconds, decimal");
        String signature = wellFormed(RequestSigner.HEADER_SIGNATURE, signatureHeader, SignatureHex.SHAPE,
                "0x followed by 130 hex digits");
        long ts = Long.parseLong(timestamp);

        // 2. inside the window (past and future)
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - ts) > windowSeconds) {
            throw new AuthException(AuthError.AUTH_EXPIRED, "X-Golem-Timestamp " + ts + " is " + Math.abs(now - ts)
                    + " s " + (ts < now ? "in the past" : "in the future") + "; allowed: " + windowSeconds
                    + " s (check the client's clock)");
        }

        // 3. signature recovers to the claimed address
        String signer = recover(SignedRequest.messageBytes(method, pathWithQuery, ts, body), signature);
        if (!signer.equalsIgnoreCase(address)) {
            throw new AuthException(AuthError.AUTH_BAD_SIGNATURE, "signature does not match X-Golem-Address and "
                    + "the request (method, path with query, timestamp, body)");
        }

        // 4. not seen before (only verified signatures get here, so only they are recorded)
        switch (replayMemory.record(signature, ts)) {
            case RECORDED:
                return signer;
            case REPLAY:
                throw new AuthException(AuthError.AUTH_REPLAY);
            case EXPIRED: // the clock ticked past the window between step 2 and now
                throw new AuthException(AuthError.AUTH_EXPIRED, "X-Golem-Timestamp " + ts
                        + " left the allowed window while the request was verified");
            case FULL:
                throw new AuthException(AuthError.AUTH_REPLAY, "replay protection is at capacity ("
                        + replayMemory.maxEntries() + " recent signatures); cannot rule out a replay, retry later");
            case UNAVAILABLE:
            default:
                throw new AuthException(AuthError.AUTH_UNAVAILABLE);
        }
    }

    /**
     * Authenticates one request, reading the three headers through {@code header} (e.g. JAX-RS
     * {@code httpHeaders::getHeaderString}, which is case-insensitive and joins repeated headers with commas,
     * which then fail the shape check).
     *
     * @param method        the HTTP method as received (any case)
     * @param pathWithQuery the request target exactly as received (raw path, {@code ?}, raw query)
     * @param body          the raw body bytes as received; null or empty when there is no body
     * @param header        looks a header value up by its name ({@link RequestSigner#HEADER_ADDRESS} etc.);
     *                      returns null when absent
     * @return the authenticated signer's address, EIP-55 checksummed, {@code 0x} + 40 hex
     * @throws AuthException 401 {@code AUTH_MISSING}, {@code AUTH_EXPIRED}, {@code AUTH_BAD_SIGNATURE} or
     *                       {@code AUTH_REPLAY}; 503 {@code AUTH_UNAVAILABLE}
     * @see #verify(String, String, byte[], String, String, String)
     */
    public String verify(String method, String pathWithQuery, byte[] body, Function<String, String> header) {
        return verify(method, pathWithQuery, body, header.apply(RequestSigner.HEADER_ADDRESS),
                header.apply(RequestSigner.HEADER_TIMESTAMP), header.apply(RequestSigner.HEADER_SIGNATURE));
    }

    /**
     * Authorisation (step 5): the authenticated signer must be the resource's owner.
     *
     * @param authenticated the address returned by {@link #verify}
     * @param expectedOwner the owner's address ({@code 0x} + 40 hex, any case); null means "no owner known"
     *                      and is refused
     * @throws AuthException {@code AUTH_FORBIDDEN} (HTTP 403) unless both are non-null and equal ignoring case
     */
    public static void requireSigner(String authenticated, String expectedOwner) {
        if (authenticated == null || expectedOwner == null || !authenticated.equalsIgnoreCase(expectedOwner)) {
            throw new AuthException(AuthError.AUTH_FORBIDDEN);
        }
    }

    /** @return the accepted |now - timestamp| in seconds */
    public long windowSeconds() {
        return windowSeconds;
    }

    /** @return the replay memory (e.g. to expose its {@link ReplayMemory#size()} as a metric) */
    public ReplayMemory replayMemory() {
        return replayMemory;
    }

    private static String wellFormed(String name, String value, Pattern shape, String expected) {
        if (value == null || value.isBlank()) {
            throw new AuthException(AuthError.AUTH_MISSING, "missing header " + name);
        }
        String v = value.strip();
        if (!shape.matcher(v).matches()) {
            throw new AuthException(AuthError.AUTH_MISSING, "malformed header " + name + ": expected " + expected);
        }
        return v;
    }

    /** Step 3: the checksummed address that signed {@code message}, or AUTH_BAD_SIGNATURE. */
    private static String recover(byte[] message, String signature) {
        SignatureHex.Parts parts;
        try {
            parts = SignatureHex.parse(signature);
        } catch (IllegalArgumentException e) {
            throw new AuthException(AuthError.AUTH_BAD_SIGNATURE, e.getMessage());
        }
        if (parts.r().signum() == 0 || parts.r().compareTo(SignatureHex.N) >= 0
                || parts.s().signum() == 0 || parts.s().compareTo(SignatureHex.N) >= 0) {
            throw new AuthException(AuthError.AUTH_BAD_SIGNATURE, "signature r or s is out of range");
        }
        if (parts.s().compareTo(SignatureHex.HALF_N) > 0) {
            throw new AuthException(AuthError.AUTH_BAD_SIGNATURE,
                    "signature has a high s value; only low-s (EIP-2) signatures are accepted");
        }
        BigInteger publicKey;
        try {
            publicKey = Sign.signedPrefixedMessageToKey(message, parts.toSignatureData());
        } catch (SignatureException | RuntimeException e) {
            publicKey = null;
        }
        if (publicKey == null) {
            throw new AuthException(AuthError.AUTH_BAD_SIGNATURE, "no public key can be recovered from the signature");
        }
        return Keys.toChecksumAddress(Keys.getAddress(publicKey));
    }
}
