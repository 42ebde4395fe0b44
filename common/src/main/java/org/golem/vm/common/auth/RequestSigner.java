package org.golem.vm.common.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Client side of docs/auth.md: signs requests with one Ethereum key and returns the three
 * {@code X-Golem-*} header values.
 *
 * <p>The signature is EIP-191 {@code personal_sign} ({@code "\x19Ethereum Signed Message:\n" + length}
 * prefix, Keccak-256) of {@link SignedRequest#message}, computed by web3j's
 * {@link Sign#signPrefixedMessage}. web3j signs deterministically (RFC 6979) and canonically (low s), so the
 * result is byte-identical to {@code cast wallet sign --private-key KEY "$MESSAGE"}.
 *
 * <p>Signatures are deterministic: signing the same method, path, body and timestamp twice gives the same
 * signature, which a server refuses the second time ({@code AUTH_REPLAY}). A client that repeats an identical
 * request within the same second must wait for the next second (or vary the request).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RequestSigner {
    /** Header carrying the signer's address, {@code 0x} + 40 hex. */
    public static final String HEADER_ADDRESS = "X-Golem-Address";
    /** Header carrying the Unix time in whole seconds, decimal. */
    public static final String HEADER_TIMESTAMP = "X-Golem-Timestamp";
    /** Header carrying the signature, {@code 0x} + 130 hex (r ‖ s ‖ v). */
    public static final String HEADER_SIGNATURE = "X-Golem-Signature";

    private final ECKeyPair keyPair;
    private final String address;

    /**
     * @param credentials the signer's key (e.g. {@code Credentials.create("0x<64 hex private key>")})
     * @throws NullPointerException if credentials is null
     */
    public RequestSigner(Credentials credentials) {
        this(Objects.requireNonNull(credentials, "credentials").getEcKeyPair());
    }

    /**
     * @param keyPair the signer's secp256k1 key pair
     * @throws NullPointerException if keyPair is null
     */
    public RequestSigner(ECKeyPair keyPair) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        this.address = Keys.toChecksumAddress(Keys.getAddress(keyPair));
    }

    /** @return the signer's address, EIP-55 checksummed, {@code 0x} + 40 hex (the X-Golem-Address value) */
    public String address() {
        return address;
    }

    /**
     * Signs one request.
     *
     * @param method           HTTP method, any case (signed upper-cased)
     * @param pathWithQuery    request target exactly as it will be sent, e.g. {@code /api/v1/vms?async=true}
     * @param body             raw body bytes exactly as they will be sent; null or empty for no body
     * @param timestampSeconds Unix time in whole seconds (the server accepts ±300 s around its clock)
     * @return the three header values
     * @throws IllegalArgumentException see {@link SignedRequest#message}
     */
    public SignedHeaders sign(String method, String pathWithQuery, byte[] body, long timestampSeconds) {
        byte[] message = SignedRequest.message(method, pathWithQuery, timestampSeconds, body)
                .getBytes(StandardCharsets.UTF_8);
        Sign.SignatureData sig = Sign.signPrefixedMessage(message, keyPair);
        byte[] rsv = new byte[65];
        System.arraycopy(sig.getR(), 0, rsv, 0, 32);
        System.arraycopy(sig.getS(), 0, rsv, 32, 32);
        rsv[64] = sig.getV()[0];
        return new SignedHeaders(address, Long.toString(timestampSeconds), Numeric.toHexString(rsv));
    }

    /**
     * Signs one request, timestamped with {@code clock}'s current time truncated to whole seconds.
     *
     * @param method        HTTP method, any case (signed upper-cased)
     * @param pathWithQuery request target exactly as it will be sent
     * @param body          raw body bytes exactly as they will be sent; null or empty for no body
     * @param clock         source of the current time (usually {@link Clock#systemUTC()})
     * @return the three header values
     * @throws IllegalArgumentException see {@link SignedRequest#message}
     * @see #sign(String, String, byte[], long)
     */
    public SignedHeaders sign(String method, String pathWithQuery, byte[] body, Clock clock) {
        return sign(method, pathWithQuery, body, clock.instant().getEpochSecond());
    }
}
