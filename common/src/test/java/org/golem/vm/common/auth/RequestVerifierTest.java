package org.golem.vm.common.auth;

import org.golem.vm.common.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class RequestVerifierTest {
    private static final long NOW = 1_763_683_200L;
    private static final String METHOD = "POST";
    private static final String PATH = "/api/v1/vms?async=true";
    private static final byte[] BODY = "{\"name\":\"vm-1\",\"stream_id\":7}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(NOW);
    private final RequestVerifier verifier = new RequestVerifier(clock);
    private final RequestSigner alice = new RequestSigner(TestKeys.A);
    private final SignedHeaders good = alice.sign(METHOD, PATH, BODY, NOW);

    private String verify(String method, String path, byte[] body, String address, String ts, String sig) {
        return verifier.verify(method, path, body, address, ts, sig);
    }

    private String verify(SignedHeaders h) {
        return verify(METHOD, PATH, BODY, h.address(), h.timestamp(), h.signature());
    }

    private static AuthError refusal(Executable call) {
        AuthException e = assertThrows(AuthException.class, call);
        assertEquals(e.error().status(), e.status());
        return e.error();
    }

    /** The signature with its last byte (v) replaced. */
    private static String withV(String sig, String vHex) {
        return sig.substring(0, 130) + vHex;
    }

    // ---- acceptance

    @Test
    void genuineRequestReturnsTheChecksummedSignerAddress() {
        assertEquals(TestKeys.A_ADDRESS, verify(METHOD, PATH, BODY, TestKeys.A_ADDRESS.toLowerCase(Locale.ROOT),
                good.timestamp(), good.signature()));
        assertEquals(1, verifier.replayMemory().size());
    }

    @Test
    void addressHeaderIsComparedCaseInsensitively() {
        String upper = "0x" + TestKeys.A_ADDRESS.substring(2).toUpperCase(Locale.ROOT);
        assertEquals(TestKeys.A_ADDRESS, verify(METHOD, PATH, BODY, upper, good.timestamp(), good.signature()));
    }

    @Test
    void headersCanBeReadThroughALookupFunction() {
        Map<String, String> headers = new HashMap<>(good.asMap());
        assertEquals(TestKeys.A_ADDRESS, verifier.verify(METHOD, PATH, BODY, headers::get));
    }

    @Test
    void vZeroOrOneAndUpperCaseHexAreAccepted() {
        SignedHeaders h1 = alice.sign("GET", "/a", null, NOW);
        String v01 = h1.signature().endsWith("1b") ? "00" : "01";
        assertEquals(TestKeys.A_ADDRESS, verify("GET", "/a", null, h1.address(), h1.timestamp(),
                withV(h1.signature(), v01)));
        SignedHeaders h2 = alice.sign("GET", "/b", null, NOW);
        assertEquals(TestKeys.A_ADDRESS, verify("GET", "/b", null, h2.address(), h2.timestamp(),
                "0x" + h2.signature().substring(2).toUpperCase(Locale.ROOT)));
    }

    @Test
    void noBodyAndEmptyBodyAreTheSame() {
        SignedHeaders h = alice.sign("DELETE", "/api/v1/vms/x", null, NOW);
        assertEquals(TestKeys.A_ADDRESS, verify("DELETE", "/api/v1/vms/x", new byte[0], h.address(),
                h.timestamp(), h.signature()));
    }

    @Test
    void surroundingWhitespaceInHeadersIsIgnored() {
        assertEquals(TestKeys.A_ADDRESS, verify(METHOD, PATH, BODY, " " + good.address() + " ",
                good.timestamp() + "\t", " " + good.signature()));
    }

    // ---- step 1: AUTH_MISSING

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void eachMissingHeaderIsAuthMissing(int which) {
        String[] h = {good.address(), good.timestamp(), good.signature()};
        h[which] = null;
        assertEquals(AuthError.AUTH_MISSING, refusal(() -> verify(METHOD, PATH, BODY, h[0], h[1], h[2])));
        h[which] = "  ";
        assertEquals(AuthError.AUTH_MISSING, refusal(() -> verify(METHOD, PATH, BODY, h[0], h[1], h[2])));
    }

    @Test
    void missingHeaderViaLookupIsAuthMissingAndNamesTheHeader() {
        Map<String, String> headers = new HashMap<>(good.asMap());
        headers.remove(RequestSigner.HEADER_TIMESTAMP);
        AuthException e = assertThrows(AuthException.class, () -> verifier.verify(METHOD, PATH, BODY, headers::get));
        assertEquals(AuthError.AUTH_MISSING, e.error());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("X-Golem-Timestamp"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb9226",    // 39 hex
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb922666",  // 41 hex
        "0xg39Fd6e51aad88F6F4ce6aB8827279cffFb92266",   // not hex
        "f39Fd6e51aad88F6F4ce6aB8827279cffFb92266",     // no 0x
        "0Xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",   // 0X
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266,0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", // header sent twice
    })
    void malformedAddressIsAuthMissing(String address) {
        assertEquals(AuthError.AUTH_MISSING,
                refusal(() -> verify(METHOD, PATH, BODY, address, good.timestamp(), good.signature())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1763683200", "+1763683200", "1763683200.0", "1763683200000000000000",
        "01763683200", "1_763_683_200", "0x691f5b00", "1763683200 1"})
    void malformedTimestampIsAuthMissing(String timestamp) {
        assertEquals(AuthError.AUTH_MISSING,
                refusal(() -> verify(METHOD, PATH, BODY, good.address(), timestamp, good.signature())));
    }

    @Test
    void malformedSignatureIsAuthMissing() {
        String sig = good.signature();
        for (String bad : new String[] {
            sig.substring(0, 130),                       // 128 hex: v missing
            sig + "00",                                  // 132 hex
            sig.substring(2),                            // no 0x
            "0x" + "z" + sig.substring(3),               // not hex
            "0x" + sig.substring(2, 66) + " " + sig.substring(67), // embedded space
            "0x",
        }) {
            assertEquals(AuthError.AUTH_MISSING,
                    refusal(() -> verify(METHOD, PATH, BODY, good.address(), good.timestamp(), bad)), bad);
        }
    }

    // ---- step 2: AUTH_EXPIRED

    @Test
    void timestampUpTo300SecondsAwayIsAcceptedInBothDirections() {
        SignedHeaders past = alice.sign(METHOD, PATH, BODY, NOW - 300);
        SignedHeaders future = alice.sign(METHOD, PATH, BODY, NOW + 300);
        assertEquals(TestKeys.A_ADDRESS, verify(past));
        assertEquals(TestKeys.A_ADDRESS, verify(future));
    }

    @Test
    void timestampMoreThan300SecondsInThePastIsExpired() {
        AuthException e = assertThrows(AuthException.class, () -> verify(alice.sign(METHOD, PATH, BODY, NOW - 301)));
        assertEquals(AuthError.AUTH_EXPIRED, e.error());
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("past"), e.getMessage());
        assertEquals(AuthError.AUTH_EXPIRED, refusal(() -> verify(alice.sign(METHOD, PATH, BODY, 0))));
    }

    @Test
    void timestampMoreThan300SecondsInTheFutureIsExpired() {
        AuthException e = assertThrows(AuthException.class, () -> verify(alice.sign(METHOD, PATH, BODY, NOW + 301)));
        assertEquals(AuthError.AUTH_EXPIRED, e.error());
        assertTrue(e.getMessage().contains("future"), e.getMessage());
        assertEquals(AuthError.AUTH_EXPIRED, refusal(() -> verify(alice.sign(METHOD, PATH, BODY, 999_999_999_999_999_999L))));
    }

    @Test
    void windowIsConfigurable() {
        RequestVerifier strict = new RequestVerifier(clock, 60);
        SignedHeaders ok = alice.sign(METHOD, PATH, BODY, NOW - 60);
        SignedHeaders late = alice.sign(METHOD, PATH, BODY, NOW - 61);
        assertEquals(TestKeys.A_ADDRESS, strict.verify(METHOD, PATH, BODY, ok.address(), ok.timestamp(), ok.signature()));
        assertEquals(AuthError.AUTH_EXPIRED, refusal(() ->
                strict.verify(METHOD, PATH, BODY, late.address(), late.timestamp(), late.signature())));
        assertEquals(60, strict.windowSeconds());
        assertEquals(RequestVerifier.DEFAULT_WINDOW_SECONDS, verifier.windowSeconds());
    }

    @Test
    void stepsAreCheckedInOrder() {
        SignedHeaders old = alice.sign(METHOD, PATH, BODY, NOW - 1000);
        // malformed signature and expired: step 1 wins
        assertEquals(AuthError.AUTH_MISSING,
                refusal(() -> verify(METHOD, PATH, BODY, old.address(), old.timestamp(), "0x12")));
        // expired and tampered: step 2 wins
        assertEquals(AuthError.AUTH_EXPIRED,
                refusal(() -> verify("GET", PATH, BODY, old.address(), old.timestamp(), old.signature())));
    }

    // ---- step 3: AUTH_BAD_SIGNATURE

    @Test
    void tamperedMethodIsBadSignature() {
        assertEquals(AuthError.AUTH_BAD_SIGNATURE,
                refusal(() -> verify("PUT", PATH, BODY, good.address(), good.timestamp(), good.signature())));
    }

    @Test
    void tamperedPathIsBadSignature() {
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() -> verify(METHOD, "/api/v1/vms/other?async=true",
                BODY, good.address(), good.timestamp(), good.signature())));
    }

    @Test
    void tamperedQueryIsBadSignature() {
        for (String path : new String[] {"/api/v1/vms?async=false", "/api/v1/vms", "/api/v1/vms?async=true&x=1"}) {
            assertEquals(AuthError.AUTH_BAD_SIGNATURE,
                    refusal(() -> verify(METHOD, path, BODY, good.address(), good.timestamp(), good.signature())), path);
        }
    }

    @Test
    void tamperedBodyIsBadSignature() {
        byte[] other = "{\"name\":\"vm-2\",\"stream_id\":7}".getBytes(StandardCharsets.UTF_8);
        assertEquals(AuthError.AUTH_BAD_SIGNATURE,
                refusal(() -> verify(METHOD, PATH, other, good.address(), good.timestamp(), good.signature())));
        assertEquals(AuthError.AUTH_BAD_SIGNATURE,
                refusal(() -> verify(METHOD, PATH, null, good.address(), good.timestamp(), good.signature())));
    }

    @Test
    void tamperedTimestampIsBadSignature() {
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify(METHOD, PATH, BODY, good.address(), Long.toString(NOW + 1), good.signature())));
    }

    @Test
    void signatureByAnotherKeyIsBadSignature() {
        SignedHeaders bob = new RequestSigner(TestKeys.B).sign(METHOD, PATH, BODY, NOW);
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify(METHOD, PATH, BODY, TestKeys.A_ADDRESS, bob.timestamp(), bob.signature())));
        // and the other way round: A's genuine signature claimed for B
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify(METHOD, PATH, BODY, TestKeys.B_ADDRESS, good.timestamp(), good.signature())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02", "1a", "1d", "25", "26", "ff"})
    void invalidVIsBadSignature(String v) {
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify(METHOD, PATH, BODY, good.address(), good.timestamp(), withV(good.signature(), v))));
    }

    @Test
    void flippedVIsBadSignature() {
        String flipped = withV(good.signature(), good.signature().endsWith("1b") ? "1c" : "1b");
        assertEquals(AuthError.AUTH_BAD_SIGNATURE,
                refusal(() -> verify(METHOD, PATH, BODY, good.address(), good.timestamp(), flipped)));
    }

    @Test
    void unrecoverableOrOutOfRangeSignaturesAreBadSignature() {
        String zero = "0".repeat(64);
        String ff = "f".repeat(64);
        String r = good.signature().substring(2, 66);
        String s = good.signature().substring(66, 130);
        String n = Numeric.toHexStringNoPrefixZeroPadded(SignatureHex.N, 64);
        for (String bad : new String[] {
            "0x" + zero + s + "1b",            // r = 0
            "0x" + r + zero + "1b",            // s = 0
            "0x" + n + s + "1b",               // r = n
            "0x" + ff + s + "1b",              // r > n
            "0x" + zero + zero + "1b",
            "0x" + "0".repeat(63) + "5" + s + "1c", // r small: no such point or a random key
        }) {
            assertEquals(AuthError.AUTH_BAD_SIGNATURE,
                    refusal(() -> verify(METHOD, PATH, BODY, good.address(), good.timestamp(), bad)), bad);
        }
        assertEquals(0, verifier.replayMemory().size());
    }

    @Test
    void highSMalleatedTwinIsRefused() throws Exception {
        String sig = good.signature();
        BigInteger s = new BigInteger(sig.substring(66, 130), 16);
        String twin = "0x" + sig.substring(2, 66) + Numeric.toHexStringNoPrefixZeroPadded(SignatureHex.N.subtract(s), 64)
                + (sig.endsWith("1b") ? "1c" : "1b");
        // the twin is a real second signature of the same message by the same key ...
        Sign.SignatureData twinData = SignatureHex.parse(twin).toSignatureData();
        byte[] message = SignedRequest.messageBytes(METHOD, PATH, NOW, BODY);
        assertEquals(TestKeys.A_ADDRESS, Keys.toChecksumAddress(Keys.getAddress(
                Sign.signedPrefixedMessageToKey(message, twinData))));
        // ... which the verifier refuses, before and after the genuine one was used
        AuthException e = assertThrows(AuthException.class,
                () -> verify(METHOD, PATH, BODY, good.address(), good.timestamp(), twin));
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, e.error());
        assertTrue(e.getMessage().contains("high s"), e.getMessage());
        assertEquals(TestKeys.A_ADDRESS, verify(good));
        assertEquals(AuthError.AUTH_BAD_SIGNATURE,
                refusal(() -> verify(METHOD, PATH, BODY, good.address(), good.timestamp(), twin)));
    }

    // ---- step 4: AUTH_REPLAY

    @Test
    void sameRequestTwiceIsReplay() {
        assertEquals(TestKeys.A_ADDRESS, verify(good));
        AuthException e = assertThrows(AuthException.class, () -> verify(good));
        assertEquals(AuthError.AUTH_REPLAY, e.error());
        assertEquals(401, e.status());
    }

    @Test
    void reEncodedSignatureIsStillReplay() {
        assertEquals(TestKeys.A_ADDRESS, verify(good));
        String sig = good.signature();
        String v01 = withV(sig, sig.endsWith("1b") ? "00" : "01");
        String upper = "0x" + sig.substring(2).toUpperCase(Locale.ROOT);
        String upperV01 = "0x" + v01.substring(2).toUpperCase(Locale.ROOT);
        for (String variant : new String[] {v01, upper, upperV01, " " + sig}) {
            assertEquals(AuthError.AUTH_REPLAY,
                    refusal(() -> verify(METHOD, PATH, BODY, good.address(), good.timestamp(), variant)), variant);
        }
        // address in another case does not make it a new request either
        assertEquals(AuthError.AUTH_REPLAY, refusal(() ->
                verify(METHOD, PATH, BODY, good.address().toLowerCase(Locale.ROOT), good.timestamp(), sig)));
    }

    @Test
    void replayIsRefusedWhicheverEncodingCameFirst() {
        String v01 = withV(good.signature(), good.signature().endsWith("1b") ? "00" : "01");
        assertEquals(TestKeys.A_ADDRESS, verify(METHOD, PATH, BODY, good.address(), good.timestamp(), v01));
        assertEquals(AuthError.AUTH_REPLAY, refusal(() -> verify(good)));
    }

    @Test
    void replayAfterTheWindowIsExpiredAndTheEntryIsGone() {
        assertEquals(TestKeys.A_ADDRESS, verify(good));
        clock.advance(300);
        assertEquals(AuthError.AUTH_REPLAY, refusal(() -> verify(good)));
        assertEquals(1, verifier.replayMemory().size());
        clock.advance(1);
        assertEquals(AuthError.AUTH_EXPIRED, refusal(() -> verify(good)));
        assertEquals(0, verifier.replayMemory().size());
    }

    @Test
    void failedVerificationsDoNotPoisonTheReplayCache() {
        String sig = good.signature();
        // an attacker who saw the signature sends tampered copies first ...
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify(METHOD, PATH, "{\"evil\":1}".getBytes(StandardCharsets.UTF_8), good.address(), good.timestamp(), sig)));
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify("DELETE", PATH, BODY, good.address(), good.timestamp(), sig)));
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify(METHOD, PATH, BODY, TestKeys.B_ADDRESS, good.timestamp(), sig)));
        assertEquals(AuthError.AUTH_BAD_SIGNATURE, refusal(() ->
                verify(METHOD, PATH, BODY, good.address(), Long.toString(NOW - 1), sig)));
        assertEquals(AuthError.AUTH_MISSING, refusal(() ->
                verify(METHOD, PATH, BODY, null, good.timestamp(), sig)));
        assertEquals(0, verifier.replayMemory().size());
        // ... and the genuine request still goes through
        assertEquals(TestKeys.A_ADDRESS, verify(good));
    }

    @Test
    void fullReplayCacheRefusesInsteadOfForgetting() {
        RequestVerifier small = new RequestVerifier(new ReplayCache(clock, 300, 2));
        for (String path : new String[] {"/1", "/2"}) {
            SignedHeaders h = alice.sign("GET", path, null, NOW);
            assertEquals(TestKeys.A_ADDRESS, small.verify("GET", path, null, h.address(), h.timestamp(), h.signature()));
        }
        SignedHeaders third = alice.sign("GET", "/3", null, NOW);
        AuthException e = assertThrows(AuthException.class,
                () -> small.verify("GET", "/3", null, third.address(), third.timestamp(), third.signature()));
        assertEquals(AuthError.AUTH_REPLAY, e.error());
        assertTrue(e.getMessage().contains("capacity"), e.getMessage());
        // the first two are still remembered
        SignedHeaders first = alice.sign("GET", "/1", null, NOW);
        assertEquals(AuthError.AUTH_REPLAY,
                refusal(() -> small.verify("GET", "/1", null, first.address(), first.timestamp(), first.signature())));
        // once they expire there is room again
        clock.advance(301);
        SignedHeaders later = alice.sign("GET", "/3", null, NOW + 301);
        assertEquals(TestKeys.A_ADDRESS,
                small.verify("GET", "/3", null, later.address(), later.timestamp(), later.signature()));
    }

    // ---- step 5: AUTH_FORBIDDEN

    @Test
    void requireSignerAcceptsTheOwnerInAnyCase() {
        assertDoesNotThrow(() -> RequestVerifier.requireSigner(TestKeys.A_ADDRESS, TestKeys.A_ADDRESS.toLowerCase(Locale.ROOT)));
        assertDoesNotThrow(() -> RequestVerifier.requireSigner(TestKeys.A_ADDRESS,
                "0x" + TestKeys.A_ADDRESS.substring(2).toUpperCase(Locale.ROOT)));
    }

    @Test
    void requireSignerRefusesOthersWith403() {
        AuthException e = assertThrows(AuthException.class,
                () -> RequestVerifier.requireSigner(TestKeys.A_ADDRESS, TestKeys.B_ADDRESS));
        assertEquals(AuthError.AUTH_FORBIDDEN, e.error());
        assertEquals(403, e.status());
        assertEquals(AuthError.AUTH_FORBIDDEN,
                refusal(() -> RequestVerifier.requireSigner(TestKeys.A_ADDRESS, null)));
        assertEquals(AuthError.AUTH_FORBIDDEN,
                refusal(() -> RequestVerifier.requireSigner(null, TestKeys.A_ADDRESS)));
    }

    @Test
    void errorsCarryStatusCodeAndJsonBody() {
        for (AuthError error : AuthError.values()) {
            assertEquals(error == AuthError.AUTH_FORBIDDEN ? 403 : error == AuthError.AUTH_UNAVAILABLE ? 503 : 401,
                    error.status());
            assertEquals(error.name(), error.code());
        }
        AuthException e = new AuthException(AuthError.AUTH_EXPIRED, "too old");
        assertEquals(Map.of("detail", Map.of("code", "AUTH_EXPIRED", "message", "too old")), e.body());
        assertEquals(AuthError.AUTH_REPLAY.defaultMessage(), new AuthException(AuthError.AUTH_REPLAY).getMessage());
    }
}
