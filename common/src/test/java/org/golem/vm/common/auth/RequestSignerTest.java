package org.golem.vm.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
    private final RequestSigner signer = new RequestSigner(TestKeys.A);

    @Test
    void headerNamesAreThoseOfTheSpec() {
        assertEquals("X-Golem-Address", RequestSigner.HEADER_ADDRESS);
        assertEquals("X-Golem-Timestamp", RequestSigner.HEADER_TIMESTAMP);
        assertEquals("X-Golem-Signature", RequestSigner.HEADER_SIGNATURE);
        SignedHeaders h = signer.sign("GET", "/api/v1/vms", null, 1700000000L);
        assertEquals(List.of("X-Golem-Address", "X-Golem-Timestamp", "X-Golem-Signature"),
                List.copyOf(h.asMap().keySet()));
        assertEquals(h.signature(), h.asMap().get("X-Golem-Signature"));
    }

    @Test
    void addressIsEip55Checksummed() {
        assertEquals(TestKeys.A_ADDRESS, signer.address());
        assertEquals(TestKeys.A_ADDRESS, signer.sign("GET", "/", null, 1).address());
        assertEquals(TestKeys.B_ADDRESS, new RequestSigner(TestKeys.B.getEcKeyPair()).address());
    }

    @Test
    void signatureIs0xPlus130LowerHexWithV27or28AndLowS() {
        Random random = new Random(42);
        BigInteger halfN = SignatureHex.N.shiftRight(1);
        for (int i = 0; i < 64; i++) {
            byte[] body = new byte[random.nextInt(100)];
            random.nextBytes(body);
            String sig = signer.sign("PUT", "/r/" + i, body, 1700000000L + i).signature();
            assertTrue(sig.matches("0x[0-9a-f]{130}"), sig);
            assertTrue(sig.endsWith("1b") || sig.endsWith("1c"), sig);
            assertTrue(new BigInteger(sig.substring(66, 130), 16).compareTo(halfN) <= 0, "low s: " + sig);
        }
    }

    @Test
    void clockOverloadUsesWholeSeconds() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1700000000L, 999_000_000), ZoneOffset.UTC);
        SignedHeaders h = signer.sign("GET", "/api/v1/vms", null, clock);
        assertEquals("1700000000", h.timestamp());
        assertEquals(signer.sign("GET", "/api/v1/vms", null, 1700000000L), h);
    }

    @Test
    void signingIsDeterministicAndCoversEveryPart() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String base = signer.sign("POST", "/a?x=1", body, 100).signature();
        assertEquals(base, signer.sign("post", "/a?x=1", body, 100).signature(), "method is upper-cased");
        assertEquals(base, new RequestSigner(TestKeys.A.getEcKeyPair()).sign("POST", "/a?x=1", body, 100).signature());
        assertTrue(!base.equals(signer.sign("PUT", "/a?x=1", body, 100).signature()));
        assertTrue(!base.equals(signer.sign("POST", "/a?x=2", body, 100).signature()));
        assertTrue(!base.equals(signer.sign("POST", "/a?x=1", null, 100).signature()));
        assertTrue(!base.equals(signer.sign("POST", "/a?x=1", body, 101).signature()));
    }
}
