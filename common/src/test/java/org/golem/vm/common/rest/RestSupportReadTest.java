package org.golem.vm.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.CreateVmRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a body's numbers are read: integers (wei, stream ids, ports, counts) only from JSON integers. */
class RestSupportReadTest {

    private static ApiException refused(String json, Class<?> type) {
        return assertThrows(ApiException.class,
                () -> RestSupport.read(json.getBytes(StandardCharsets.UTF_8), type), json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e3", "1e999999999", "1E+2147483647", "1e-999999999", "\"1.5\""})
    @Timeout(30) // a guard against a hang: expanding 1E+2147483647 to an integer takes gigabytes
    void fractionalOrExponentWeiIsRefusedNamingTheField(String value) {
        ApiException e = refused("{\"pricing\":{\"wei_per_core_month\":" + value + "}}", AdvertisementRequest.class);
        assertEquals(422, e.status());
        assertEquals("INVALID_BODY", e.code());
        assertTrue(e.getMessage().startsWith("pricing.wei_per_core_month: must be a whole number"), e.getMessage());

        ApiException stream = refused("{\"name\":\"vm-1\",\"stream_id\":" + value + "}", CreateVmRequest.class);
        assertEquals(422, stream.status());
        assertTrue(stream.getMessage().startsWith("stream_id: "), stream.getMessage());
    }

    @Test
    void fractionalCountsArePortsAreRefusedNotTruncated() {
        assertTrue(refused("{\"resources\":{\"cpu\":1.5,\"memory\":1,\"storage\":10}}", AdvertisementRequest.class)
                .getMessage().startsWith("resources.cpu: must be a whole number"));
        assertTrue(refused("{\"api_port\":7466.9}", AdvertisementRequest.class).getMessage().startsWith("api_port: "));
        assertTrue(refused("{\"token_decimals\":18.0}", AdvertisedPricing.class).getMessage()
                .startsWith("token_decimals: "));
    }

    @Test
    void anIntegerBeyondItsFieldIs422NamingTheFieldNotMalformedJson() {
        ApiException e = refused("{\"resources\":{\"cpu\":" + "9".repeat(400) + ",\"memory\":1,\"storage\":10}}",
                AdvertisementRequest.class);
        assertEquals(422, e.status());
        assertEquals("INVALID_BODY", e.code());
        assertEquals("resources.cpu: is out of range (at most 2147483647)", e.getMessage());
    }

    @Test
    void integersOfAnySizeStillReadIntoWeiAndAreJudgedByTheValidation() {
        String wei = "1" + "0".repeat(100);
        AdvertisedPricing p = (AdvertisedPricing) RestSupport.read(("{\"wei_per_core_month\":" + wei + "}")
                .getBytes(StandardCharsets.UTF_8), AdvertisedPricing.class);
        assertEquals(new BigInteger(wei), p.weiPerCoreMonth());
    }

    /** Jackson throws these as bare NumberFormatExceptions while it builds a tree: they were 500s. */
    @ParameterizedTest
    @ValueSource(strings = {"1e99999999999", "1e-2147483648", "1e2147483648", "-0.5e-99999999999"})
    void aNumberNoDecimalCanHoldIs422EvenInATree(String value) {
        ApiException e = refused("{\"provider_ip\":\"127.0.0.1\",\"ports\":[" + value + "]}", JsonNode.class);
        assertEquals(422, e.status(), e.getMessage());
        assertEquals("INVALID_BODY", e.code());
        assertEquals(422, refused("{\"usd_per_core_month\":" + value + "}", AdvertisedPricing.class).status());
    }

    /** A strict read (the provider's admin settings) names a misspelt field instead of ignoring it. */
    @Test
    void aStrictReadRefusesAFieldTheBodyDoesNotHaveNamingItAndTheFieldsItHas() {
        byte[] body = "{\"usd_per_core_month\":5,\"usd_per_cpu_month\":5}".getBytes(StandardCharsets.UTF_8);
        ApiException e = assertThrows(ApiException.class, () -> RestSupport.readStrict(body, AdvertisedPricing.class));
        assertEquals(422, e.status());
        assertEquals("INVALID_BODY", e.code());
        assertTrue(e.getMessage().startsWith("usd_per_cpu_month: is not a field of this body; the fields are "),
                e.getMessage());
        assertTrue(e.getMessage().contains("usd_per_core_month"), e.getMessage());
        assertEquals(new BigDecimal("5"), RestSupport.read(body, AdvertisedPricing.class).usdPerCoreMonth(),
                "the ordinary read ignores it");
    }

    @Test
    void aJsonNullBodyIs422NotANullValue() {
        ApiException e = refused("null", CreateVmRequest.class);
        assertEquals(422, e.status());
        assertEquals("VALIDATION_ERROR", e.code());
        assertTrue(e.getMessage().startsWith("body: "), e.getMessage());
    }
}
