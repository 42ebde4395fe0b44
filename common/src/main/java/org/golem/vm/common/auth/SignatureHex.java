package org.golem.vm.common.auth;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Parsing of the {@code X-Golem-Signature} value: {@code 0x} + 130 hex = r (32 bytes) ‖ s (32 bytes) ‖
 * v (1 byte). Package-private helper; no cryptography beyond range checks.
 */
final class SignatureHex {
    /** Shape of the header value: {@code 0x} + 130 hex digits, any case. */
    static final Pattern SHAPE = Pattern.compile("0x[0-9a-fA-F]{130}");
    /** Order n of the secp256k1 group. */
    static final BigInteger N = Sign.CURVE_PARAMS.getN();
    /** Largest "low" s allowed by EIP-2 (floor(n / 2)). */
    static final BigInteger HALF_N = N.shiftRight(1);

    private SignatureHex() {
    }

    /** r, s as unsigned integers and v normalised to 27/28. */
    record Parts(BigInteger r, BigInteger s, int v) {
        /** @return web3j's form (r and s padded to 32 bytes, v one byte 27/28) */
        Sign.SignatureData toSignatureData() {
            return new Sign.SignatureData((byte) v, Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
        }

        /** @return {@code 0x} + 130 lower-case hex, v as 1b/1c */
        String toHex() {
            return "0x" + Numeric.toHexStringNoPrefixZeroPadded(r, 64)
                    + Numeric.toHexStringNoPrefixZeroPadded(s, 64)
                    + Integer.toHexString(v);
        }

        /** @return the same signature in its EIP-2 low-s form (s' = n - s, v flipped when s is high) */
        Parts lowS() {
            return s.compareTo(HALF_N) <= 0 ? this : new Parts(r, N.subtract(s), v == 27 ? 28 : 27);
        }
    }

    /**
     * @param hex {@code 0x} + 130 hex digits (see {@link #SHAPE})
     * @return the parts with v normalised from 0/1 to 27/28
     * @throws IllegalArgumentException if the shape is wrong or v is not 0, 1, 27 or 28
     */
    static Parts parse(String hex) {
        if (hex == null || !SHAPE.matcher(hex).matches()) {
            throw new IllegalArgumentException("signature must be 0x followed by 130 hex digits");
        }
        BigInteger r = new BigInteger(hex.substring(2, 66), 16);
        BigInteger s = new BigInteger(hex.substring(66, 130), 16);
        int v = Integer.parseInt(hex.substring(130), 16);
        if (v == 0 || v == 1) {
            v += 27;
        } else if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v must be 27/28 (or 0/1), got " + v);
        }
        return new Parts(r, s, v);
    }
}
