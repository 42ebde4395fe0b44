package org.golem.vm.common.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The text that is signed for a request (docs/auth.md, "Message"): five lines joined by a single
 * {@code \n}, no trailing newline, UTF-8:
 *
 * <pre>
 * golem-vm:v1
 * &lt;HTTP METHOD, upper case&gt;
 * &lt;request path with query string exactly as sent, e.g. /api/v1/vms?async=true&gt;
 * &lt;X-Golem-Timestamp value: Unix seconds, decimal&gt;
 * &lt;lower-case hex SHA-256 of the raw body bytes; of the empty string when there is no body&gt;
 * </pre>
 *
 * The text always starts with {@code golem-vm:v1}, never with {@code 0x}, so tools that treat a
 * {@code 0x...} argument as hex bytes ({@code cast wallet sign}) sign it as text.
 */
public final class SignedRequest {
    /** First line of every message: scheme name and version. */
    public static final String VERSION_LINE = "golem-vm:v1";

    /** An HTTP method is an RFC 9110 token. */
    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private SignedRequest() {
    }

    /**
     * Builds the message to sign / verify.
     *
     * @param method           HTTP method, any case (upper-cased with {@link Locale#ROOT}); an RFC 9110 token
     * @param pathWithQuery    request target exactly as sent, e.g. {@code /api/v1/vms?async=true} (no scheme or
     *                         host, query not re-encoded or re-ordered); must not be empty or contain CR/LF
     * @param timestampSeconds Unix time in whole seconds, {@code >= 0}
     * @param body             raw request body bytes; null or empty when there is no body
     * @return the message text (5 lines, no trailing newline)
     * @throws IllegalArgumentException if the method is not a token, the path is empty or contains a line
     *                                  break, or the timestamp is negative
     * @throws NullPointerException     if method or pathWithQuery is null
     */
    public static String message(String method, String pathWithQuery, long timestampSeconds, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathWithQuery, "pathWithQuery");
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        if (pathWithQuery.isEmpty() || pathWithQuery.indexOf('\n') >= 0 || pathWithQuery.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("path must be non-empty and contain no line break");
        }
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0 seconds, got " + timestampSeconds);
        }
        return VERSION_LINE + '\n'
                + method.toUpperCase(Locale.ROOT) + '\n'
                + pathWithQuery + '\n'
                + timestampSeconds + '\n'
                + bodySha256Hex(body);
    }

    /**
     * Same as {@link #message}, encoded as UTF-8: the exact bytes that go into EIP-191
     * {@code personal_sign}.
     *
     * @param method           HTTP method, any case
     * @param pathWithQuery    request target exactly as sent
     * @param timestampSeconds Unix time in whole seconds, {@code >= 0}
     * @param body             raw body bytes; null or empty when there is no body
     * @return the UTF-8 bytes of {@link #message(String, String, long, byte[])}
     * @throws IllegalArgumentException see {@link #message}
     */
    public static byte[] messageBytes(String method, String pathWithQuery, long timestampSeconds, byte[] body) {
        return message(method, pathWithQuery, timestampSeconds, body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param body raw body bytes; null is treated as empty
     * @return lower-case hex SHA-256 of the body, 64 characters, no {@code 0x}
     *         ({@code e3b0c442...b855} for an empty or absent body)
     */
    public static String bodySha256Hex(byte[] body) {
        return Numeric.toHexStringNoPrefix(Hash.sha256(body == null ? new byte[0] : body));
    }
}
