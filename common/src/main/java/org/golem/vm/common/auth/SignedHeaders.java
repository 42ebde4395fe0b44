package org.golem.vm.common.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three header values of a signed request (docs/auth.md, "Headers"), as produced by
 * {@link RequestSigner}.
 *
 * @param address   {@code X-Golem-Address}: the signer's EIP-55 checksummed address, {@code 0x} + 40 hex
 * @param timestamp {@code X-Golem-Timestamp}: Unix time in whole seconds, decimal
 * @param signature {@code X-Golem-Signature}: {@code 0x} + 130 lower-case hex, r ‖ s ‖ v with v = 27/28
 *                  (hex 1b/1c), low-s (EIP-2)
 */
public record SignedHeaders(String address, String timestamp, String signature) {

    /**
     * @return header name to value, in the order address, timestamp, signature (names from
     *         {@link RequestSigner#HEADER_ADDRESS} etc.); a new mutable map
     */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(RequestSigner.HEADER_ADDRESS, address);
        headers.put(RequestSigner.HEADER_TIMESTAMP, timestamp);
        headers.put(RequestSigner.HEADER_SIGNATURE, signature);
        return headers;
    }
}
