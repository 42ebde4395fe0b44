package org.golem.vm.common.auth;

import org.golem.vm.common.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Credentials;

/**
 * The committed vectors in auth/cast-vectors.json were signed by {@code cast wallet sign} (see its
 * {@code generated_by}); our message, signer and verifier must agree with them byte for byte.
 */
class CastVectorsTest {

    static JsonNode vectorsFile() throws IOException {
        try (InputStream in = CastVectorsTest.class.getResourceAsStream("/auth/cast-vectors.json")) {
            assertNotNull(in, "auth/cast-vectors.json is missing from the test resources");
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<JsonNode> vectors() throws IOException {
        List<JsonNode> list = new ArrayList<>();
        vectorsFile().get("vectors").forEach(list::add);
        return list.stream();
    }

    private static byte[] body(JsonNode v) {
        return v.get("body").isNull() ? null : v.get("body").asText().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void vectorsFileRecordsHowItWasMadeAndCoversTheInterestingCases() throws IOException {
        JsonNode file = vectorsFile();
        assertTrue(file.get("generated_by").asText().contains("cast wallet sign --private-key"));
        List<JsonNode> all = vectors().toList();
        assertTrue(all.stream().anyMatch(v -> v.get("path").asText().contains("?")), "a query string");
        assertTrue(all.stream().anyMatch(v -> v.get("body").asText("").startsWith("{")), "a JSON body");
        assertTrue(all.stream().anyMatch(v -> v.get("body").isNull()), "no body");
        assertTrue(all.stream().anyMatch(v -> "".equals(v.get("body").asText(null))), "an empty body");
        assertTrue(all.stream().anyMatch(v -> v.get("body").asText("").chars().anyMatch(c -> c > 127)),
                "non-ASCII UTF-8 in a body");
        assertTrue(all.stream().map(v -> v.get("private_key").asText()).distinct().count() >= 2, "several keys");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void ourMessageMatchesTheTextCastSigned(JsonNode v) {
        assertEquals(v.get("body_sha256").asText(), SignedRequest.bodySha256Hex(body(v)));
        assertEquals(v.get("message").asText(), SignedRequest.message(v.get("method").asText(),
                v.get("path").asText(), v.get("timestamp").asLong(), body(v)));
        assertFalse(v.get("message").asText().startsWith("0x"), "cast would hex-decode a 0x... message");
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void ourSignerProducesCastsSignatureByteForByte(JsonNode v) {
        RequestSigner signer = new RequestSigner(Credentials.create(v.get("private_key").asText()));
        SignedHeaders h = signer.sign(v.get("method").asText(), v.get("path").asText(), body(v),
                v.get("timestamp").asLong());
        assertEquals(v.get("address").asText(), h.address(), "EIP-55 address as cast prints it");
        assertEquals(v.get("timestamp").asText(), h.timestamp());
        assertEquals(v.get("signature").asText(), h.signature());
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("vectors")
    void ourVerifierAcceptsCastsSignature(JsonNode v) {
        long ts = v.get("timestamp").asLong();
        RequestVerifier verifier = new RequestVerifier(new MutableClock(ts + 299));
        String address = v.get("address").asText();
        assertEquals(address, verifier.verify(v.get("method").asText(), v.get("path").asText(), body(v),
                address.toLowerCase(), Long.toString(ts), v.get("signature").asText()));
    }
}
