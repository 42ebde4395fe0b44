package org.golem.vm.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.stream.StreamState;
import org.junit.jupiter.api.Test;

class JsonTest {

    /** A record with camelCase components, as every wire record. */
    record Sample(String vmId, Integer sshPort, BigInteger depositWei, BigDecimal usdPerGbRamMonth, boolean halted) {
    }

    @Test
    void componentsAreWrittenInSnakeCase() {
        String json = Json.toJson(new Sample("v", 22, BigInteger.TEN, new BigDecimal("2.5"), true));
        assertEquals("{\"vm_id\":\"v\",\"ssh_port\":22,\"deposit_wei\":10,\"usd_per_gb_ram_month\":2.5,"
                + "\"halted\":true}", json);
        assertEquals(new Sample("v", 22, BigInteger.TEN, new BigDecimal("2.5"), true),
                Json.fromJson(json, Sample.class));
    }

    @Test
    void explicitNamesAreKept() {
        StreamState s = new StreamState(StreamState.ZERO_ADDRESS, StreamState.ZERO_ADDRESS, StreamState.ZERO_ADDRESS,
                1, 2, BigInteger.ONE, BigInteger.TWO, BigInteger.ZERO, false);
        String json = Json.toJson(s);
        assertTrue(json.contains("\"startTime\":1"), json);
        assertTrue(json.contains("\"ratePerSecond\":1"), json);
        assertEquals(s, Json.fromJson(json, StreamState.class));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Sample s = Json.fromJson("{\"vm_id\":\"v\",\"new_field\":{\"a\":[1,2,3]},\"other\":null,\"halted\":false}",
                Sample.class);
        assertEquals("v", s.vmId());
    }

    @Test
    void weiAbove2To64SurvivesExactlyAsAJsonNumber() {
        BigInteger wei = BigInteger.TWO.pow(64).add(BigInteger.ONE);          // 18446744073709551617
        BigInteger huge = BigInteger.TWO.pow(255).add(BigInteger.valueOf(12345));
        for (BigInteger value : List.of(wei, huge)) {
            String json = Json.toJson(new Sample(null, null, value, null, false));
            assertTrue(json.contains("\"deposit_wei\":" + value + ","), "a JSON integer, not a string: " + json);
            assertEquals(value, Json.fromJson(json, Sample.class).depositWei());
        }
        assertEquals(wei, Json.fromJson("{\"deposit_wei\":18446744073709551617}", Sample.class).depositWei());
        assertEquals(new BigInteger("18446744073709551617"),
                Json.tree("{\"x\":18446744073709551617}").get("x").bigIntegerValue());
    }

    @Test
    void decimalsAreExactAndPlain() {
        // 0.1 + 0.2 style values stay exact, and no exponent notation is written.
        Sample read = Json.fromJson("{\"usd_per_gb_ram_month\":0.30000000000000000001}", Sample.class);
        assertEquals(new BigDecimal("0.30000000000000000001"), read.usdPerGbRamMonth());
        assertEquals("{\"vm_id\":null,\"ssh_port\":null,\"deposit_wei\":null,\"usd_per_gb_ram_month\":1000,"
                + "\"halted\":false}", Json.toJson(new Sample(null, null, null, new BigDecimal("1E+3"), false)));
        assertTrue(Json.toJson(new Sample(null, null, null, new BigDecimal("1E-9"), false))
                .contains("0.000000001"));
        // Untyped targets get BigDecimal for floats, not double.
        Map<String, Object> map = Json.fromJson("{\"p\":0.1,\"n\":1}", new TypeReference<Map<String, Object>>() { });
        assertInstanceOf(BigDecimal.class, map.get("p"));
        assertEquals(new BigDecimal("0.1"), map.get("p"));
        JsonNode tree = Json.tree("{\"p\":0.1,\"q\":6.0}");
        assertTrue(tree.get("p").isBigDecimal());
        assertEquals(new BigDecimal("6.0"), tree.get("q").decimalValue(), "scale kept in trees");
        assertEquals("{\"p\":0.1,\"q\":6.0}", Json.toJson(tree));
    }

    @Test
    void errorsAreJsonExceptions() {
        JsonException malformed = assertThrows(JsonException.class, () -> Json.fromJson("{\"vm_id\":", Sample.class));
        assertTrue(malformed.getMessage().startsWith("cannot read Sample from JSON: "), malformed.getMessage());
        assertThrows(JsonException.class, () -> Json.fromJson("{\"ssh_port\":\"abc\"}", Sample.class));
        assertThrows(JsonException.class, () -> Json.fromJson("{\"vm_id\":\"a\"} {}", Sample.class));
        assertThrows(JsonException.class, () -> Json.fromJson("[1]", Sample.class));
        assertThrows(JsonException.class, () -> Json.tree("{"));
        assertThrows(JsonException.class, () -> Json.toJson(new Object() {
            public String getBoom() {
                throw new IllegalStateException("boom");
            }
        }));
        assertThrows(NullPointerException.class, () -> Json.fromJson((String) null, Sample.class));
    }

    @Test
    void bytesAndStreams() {
        Sample s = new Sample("é-vm", 1, BigInteger.ONE, BigDecimal.ONE, true);
        byte[] bytes = Json.toJsonBytes(s);
        assertEquals(Json.toJson(s), new String(bytes, StandardCharsets.UTF_8));
        assertEquals(s, Json.fromJson(bytes, Sample.class));

        boolean[] closed = {false};
        var in = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertEquals(s, Json.fromJson(in, Sample.class));
        assertEquals(false, closed[0], "the caller owns the stream");
        assertThrows(JsonException.class,
                () -> Json.fromJson(new ByteArrayInputStream("nope".getBytes(StandardCharsets.UTF_8)), Sample.class));
    }

    @Test
    void sharedAndFreshMappers() {
        assertSame(Json.mapper(), Json.mapper());
        assertNotSame(Json.mapper(), Json.newMapper());
        assertEquals(Json.toJson(new Sample("a", 1, BigInteger.ONE, BigDecimal.ONE, false)),
                assertDoesNotThrowWrite(new Sample("a", 1, BigInteger.ONE, BigDecimal.ONE, false)));
    }

    private static String assertDoesNotThrowWrite(Object value) {
        try {
            return Json.newMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
