package org.golem.vm.common.wire.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The requestor's request bodies as the service reads them (the shared mapper, then the command's rules): numbers are
 * never truncated or rounded (1.9 hours was read as 1, 1.5 wei was a 500), every number has a range, and names and
 * images refuse NUL and lone surrogates.
 */
class RequestBodiesTest {
    private static final String PROVIDER = "0x1111111111111111111111111111111111111111";

    private static <T> T read(String json, Class<T> type) {
        return RestSupport.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static List<String> fields(List<Violation> v) {
        return v.stream().map(Violation::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e3", "\"1.5\"", "1e999999999", "1E+2147483647", "1e-999999999", "true",
            "[1]", "{}"})
    @Timeout(30)
    void fractionalOrExponentHoursAndWeiAreRefusedNamingTheField(String value) {
        for (String field : List.of("hours", "amount_wei")) {
            ApiException e = assertThrows(ApiException.class,
                    () -> read("{\"" + field + "\":" + value + "}", TopUpRequest.class));
            assertEquals(422, e.status(), e.getMessage());
            assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        }
        ApiException open = assertThrows(ApiException.class, () -> read("{\"provider_id\":\"" + PROVIDER
                + "\",\"cpu\":" + value + ",\"memory\":1,\"storage\":10}", OpenStreamRequest.class));
        assertTrue(open.getMessage().startsWith("cpu: "), open.getMessage());
    }

    @Test
    void topUpAmountsAndHoursHaveRanges() {
        assertEquals(List.of(), read("{\"hours\":8760}", TopUpRequest.class).violations());
        assertEquals(List.of(), read("{\"amount_wei\":" + BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
                + "}", TopUpRequest.class).violations());
        assertEquals(List.of("hours"), fields(read("{\"hours\":8761}", TopUpRequest.class).violations()));
        assertEquals(List.of("hours"), fields(read("{\"hours\":0}", TopUpRequest.class).violations()));
        assertEquals(List.of("amount_wei"), fields(read("{\"amount_wei\":0}", TopUpRequest.class).violations()));
        assertEquals(List.of("amount_wei"), fields(read("{\"amount_wei\":-5}", TopUpRequest.class).violations()));
        assertEquals(List.of("amount_wei"), fields(read("{\"amount_wei\":" + BigInteger.ONE.shiftLeft(256) + "}",
                TopUpRequest.class).violations()));
        assertEquals(List.of("hours"), fields(read("{}", TopUpRequest.class).violations()), "one of the two");
        assertEquals(List.of("hours"), fields(read("{\"hours\":1,\"amount_wei\":1}", TopUpRequest.class)
                .violations()), "not both");
    }

    @Test
    void aTopUpByDurationIsOneSecondToOneYearAndExcludesTheOthers() {
        assertEquals(List.of(), read("{\"seconds\":1}", TopUpRequest.class).violations());
        assertEquals(List.of(), read("{\"seconds\":31536000}", TopUpRequest.class).violations());
        assertEquals(1800L, read("{\"seconds\":1800}", TopUpRequest.class).durationSeconds());
        assertEquals(7200L, read("{\"hours\":2}", TopUpRequest.class).durationSeconds());
        assertEquals(List.of("seconds"), fields(read("{\"seconds\":0}", TopUpRequest.class).violations()));
        assertEquals(List.of("seconds"), fields(read("{\"seconds\":31536001}", TopUpRequest.class).violations()));
        assertEquals(List.of("seconds"), fields(read("{\"seconds\":-1}", TopUpRequest.class).violations()));
        assertEquals(List.of("seconds"), fields(read("{\"seconds\":60,\"amount_wei\":1}", TopUpRequest.class)
                .violations()), "not with amount_wei");
        assertEquals(List.of("hours"), fields(read("{\"hours\":1,\"seconds\":60}", TopUpRequest.class)
                .violations()), "not with hours");
        ApiException e = assertThrows(ApiException.class, () -> read("{\"seconds\":1.5}", TopUpRequest.class));
        assertTrue(e.getMessage().startsWith("seconds: "), e.getMessage());
        assertEquals("{\"seconds\":1800}", Json.toJson(TopUpRequest.ofSeconds(1800)));
    }

    @Test
    void aStreamToOpenNeedsAProviderAddressAllowedResourcesAndBoundedHours() {
        assertEquals(List.of(), read("{\"provider_id\":\"" + PROVIDER + "\",\"cpu\":1,\"memory\":1,\"storage\":10}",
                OpenStreamRequest.class).violations());
        assertEquals(List.of("provider_id", "resources.cpu", "hours"), fields(read("{\"provider_id\":\"0x1\\u0000\","
                + "\"cpu\":3,\"memory\":1,\"storage\":10,\"hours\":9223372036854775807}", OpenStreamRequest.class)
                .violations()));
        assertEquals(List.of("resources.cpu", "resources.memory", "resources.storage"),
                fields(read("{\"provider_id\":\"" + PROVIDER + "\",\"cpu\":-259,\"memory\":-1,\"storage\":-10}",
                        OpenStreamRequest.class).violations()),
                "negative figures are judged, not thrown at (they were a 500)");
        ApiException tooBig = assertThrows(ApiException.class, () -> read("{\"storage\":" + "9".repeat(400) + "}",
                OpenStreamRequest.class));
        assertEquals("storage: is out of range (at most 2147483647)", tooBig.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"name\":\"my\\u0000vm\"", "\"name\":\"my\\ud800vm\"", "\"image\":\"mi\\u0000cro\"",
            "\"image\":\"mi\\udc00cro\"", "\"stream_id\":-1", "\"hours\":0"})
    void aVmToCreateRefusesNulLoneSurrogatesAndNumbersOutOfRange(String field) {
        String json = "{\"name\":\"my-vm\",\"provider_id\":\"" + PROVIDER + "\",\"cpu\":1,\"memory\":1,"
                + "\"storage\":10," + field + "}";
        String name = field.substring(1, field.indexOf('"', 1));
        assertEquals(List.of(), read(json.replace("," + field, ""), RentVmRequest.class).violations());
        assertTrue(fields(read(json, RentVmRequest.class).violations()).contains(name), json);
    }

    @Test
    void aClientLeavesOutTheOptionsItDoesNotGiveAndTheServiceReadsThemAsAbsent() {
        RentVmRequest plain = new RentVmRequest("web1", PROVIDER, 2, 4, 20, 3L, null, null);
        String json = Json.toJson(plain);
        assertEquals("{\"name\":\"web1\",\"provider_id\":\"" + PROVIDER + "\",\"cpu\":2,\"memory\":4,\"storage\":20,"
                + "\"hours\":3}", json);
        assertEquals(plain, read(json, RentVmRequest.class));
        assertEquals("{\"name\":\"web1\",\"provider_id\":\"" + PROVIDER + "\",\"cpu\":2,\"memory\":4,\"storage\":20,"
                + "\"hours\":3,\"stream_id\":7,\"image\":\"ubuntu-24.04\"}",
                Json.toJson(new RentVmRequest("web1", PROVIDER, 2, 4, 20, 3L, BigInteger.valueOf(7), "ubuntu-24.04")));

        assertEquals("{\"hours\":2}", Json.toJson(TopUpRequest.ofHours(2)));
        assertEquals("{\"amount_wei\":123456789012345678901234567890}",
                Json.toJson(TopUpRequest.ofWei(new BigInteger("123456789012345678901234567890"))));
        assertEquals(TopUpRequest.ofHours(2), read("{\"hours\":2}", TopUpRequest.class));
        assertEquals(TopUpRequest.ofHours(2), read("{\"hours\":2,\"amount_wei\":null}", TopUpRequest.class));
    }
}
