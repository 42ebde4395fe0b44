package org.golem.vm.common.wire;

import static org.golem.vm.common.wire.Samples.assertFields;
import static org.golem.vm.common.wire.Samples.assertSameJson;
import static org.golem.vm.common.wire.Samples.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.money.UsdPricing;
import org.junit.jupiter.api.Test;

/** Discovery (docs/discovery-api.md §4), port checker (docs/port-checker-api.md §4) and shared bodies. */
class DiscoveryAndPortCheckerWireTest {

    private static final String[] AD_FIELDS = {"provider_id", "provider_name", "ip_address", "country", "platform",
            "resources", "pricing", "created_at", "updated_at", "api_port", "network", "payments_network",
            "stream_payment_address", "token_address"};
    private static final String[] PRICING_FIELDS = {"usd_per_core_month", "usd_per_gb_ram_month",
            "usd_per_gb_storage_month", "glm_per_core_month", "glm_per_gb_ram_month", "glm_per_gb_storage_month"};

    @Test
    void advertisementAsTheOriginalDiscoveryReturnsIt() {
        String sample = read("advertisement.json");
        Advertisement ad = Json.fromJson(sample, Advertisement.class);
        assertEquals("0xabc", ad.providerId());
        assertNull(ad.providerName());
        assertEquals("1.2.3.4", ad.ipAddress());
        assertEquals(new Resources(2, 2, 10), ad.resources());
        assertEquals(new BigDecimal("6.0"), ad.pricing().usdPerCoreMonth());
        assertEquals(new BigDecimal("5.0"), ad.pricing().glmPerGbRamMonth());
        assertEquals(UsdPricing.of("6.0", "2.5", "0.12"), ad.pricing().usd());

        String written = Json.toJson(ad);
        JsonNode tree = Json.tree(written);
        assertFields(tree, AD_FIELDS);
        assertFields(tree.get("pricing"), PRICING_FIELDS);
        assertTrue(written.contains("\"usd_per_core_month\":6.0"), written);
        // Ours always carries provider_name and the endpoint/payment fields (null here); otherwise identical.
        ObjectNode expected = (ObjectNode) Json.tree(sample);
        for (String added : new String[] {"provider_name", "api_port", "network", "payments_network",
                "stream_payment_address", "token_address"}) {
            expected.putNull(added);
        }
        assertSameJson(expected, written);
    }

    @Test
    void advertisementWithNullsAndProviderName() {
        String sample = read("advertisement-ours.json");
        Advertisement ad = Json.fromJson(sample, Advertisement.class);
        assertEquals("golem-provider", ad.providerName());
        assertNull(ad.platform());
        assertNull(ad.pricing());
        String written = Json.toJson(ad);
        assertFields(written, AD_FIELDS);
        assertTrue(Json.tree(written).get("pricing").isNull());
        assertSameJson(sample, written);
    }

    @Test
    void advertisementListAndUnknownFields() {
        String list = "[" + read("advertisement.json") + "," + read("advertisement-ours.json") + "]";
        List<Advertisement> ads = Json.fromJson(list, new TypeReference<List<Advertisement>>() { });
        assertEquals(List.of("0xabc", "0xDd329f6EDf93637634E8862d34c3909d298A7055"),
                ads.stream().map(Advertisement::providerId).toList());
        // Extra keys, at the top level and inside resources/pricing, are ignored.
        String extended = read("advertisement.json")
                .replace("\"country\"", "\"future_field\": {\"x\": [1, 2]}, \"country\"")
                .replace("\"cpu\": 2", "\"cpu\": 2, \"gpu\": 1")
                .replace("\"usd_per_core_month\"", "\"eur_per_core_month\": 5.5, \"usd_per_core_month\"");
        assertEquals(Json.fromJson(read("advertisement.json"), Advertisement.class),
                Json.fromJson(extended, Advertisement.class));
    }

    @Test
    void advertisementRequestAsTheOriginalProviderPostsIt() {
        String sample = read("advertisement-request.json");
        AdvertisementRequest req = Json.fromJson(sample, AdvertisementRequest.class);
        String written = Json.toJson(req);
        assertFields(written, "ip_address", "country", "platform", "resources", "pricing");
        assertSameJson(sample, written);
        assertTrue(WireValidation.advertisementRequest(req).isEmpty());

        AdvertisementRequest named = AdvertisementRequest.of("1.2.3.4", "SE", null, new Resources(1, 1, 10),
                AdvertisedPricing.of(UsdPricing.of("5", "2", "0.1"), new BigDecimal("20"), new BigDecimal("8"),
                        new BigDecimal("0.4")), "my-provider");
        String namedJson = Json.toJson(named);
        assertFields(namedJson, "ip_address", "country", "platform", "resources", "pricing", "provider_name");
        assertFields(Json.tree(namedJson).get("pricing"), PRICING_FIELDS);
        assertEquals(named, Json.fromJson(namedJson, AdvertisementRequest.class));
    }

    @Test
    void checkPortsRequest() {
        String sample = read("check-ports-request.json");
        CheckPortsRequest req = Json.fromJson(sample, CheckPortsRequest.class);
        assertEquals("203.0.113.7", req.providerIp());
        assertEquals(List.of(50800, 50801, 50802), req.ports());
        String written = Json.toJson(req);
        assertFields(written, "provider_ip", "ports");
        assertSameJson(sample, written);
    }

    @Test
    void checkPortsResponse() {
        String sample = read("check-ports-response.json");
        CheckPortsResponse resp = Json.fromJson(sample, CheckPortsResponse.class);
        assertTrue(resp.success());
        assertEquals(PortCheckResult.open(), resp.results().get(80));
        assertEquals(PortCheckResult.closed(PortCheckResult.REFUSED), resp.results().get(1234));
        assertEquals(List.of(80, 1234), List.copyOf(resp.results().keySet()));
        String written = Json.toJson(resp);
        JsonNode tree = Json.tree(written);
        assertFields(tree, "success", "results", "message");
        assertFields(tree.get("results"), "80", "1234");
        assertFields(tree.get("results").get("80"), "accessible", "error");
        assertTrue(tree.get("results").get("80").get("error").isNull());
        assertSameJson(sample, written);
    }

    @Test
    void checkPortsResponseIsDerivedAsTheOriginal() {
        Map<Integer, PortCheckResult> results = new LinkedHashMap<>();
        results.put(80, PortCheckResult.open());
        results.put(1234, PortCheckResult.closed(PortCheckResult.REFUSED));
        assertSameJson(read("check-ports-response.json"),
                Json.toJson(CheckPortsResponse.of(List.of(80, 1234), results)));

        Map<Integer, PortCheckResult> none = Map.of(22, PortCheckResult.closed(PortCheckResult.TIMED_OUT));
        CheckPortsResponse failed = CheckPortsResponse.of(List.of(22, 22), none);
        assertFalse(failed.success());
        assertEquals("Successfully verified 0 out of 2 ports", failed.message());
    }

    @Test
    void errorBody() {
        String sample = read("error.json");
        ErrorResponse err = Json.fromJson(sample, ErrorResponse.class);
        assertEquals(ErrorResponse.of("ADV_004", "Advertisement not found"), err);
        assertEquals("ADV_004", err.code());
        String written = Json.toJson(err);
        assertFields(written, "detail");
        assertFields(Json.tree(written).get("detail"), "code", "message");
        assertSameJson(sample, written);
        assertEquals("{\"detail\":{\"code\":\"AUTH_EXPIRED\",\"message\":\"too old\"}}",
                Json.toJson(ErrorResponse.of("AUTH_EXPIRED", "too old")));
    }

    @Test
    void errorBodiesOfTheOriginalServicesAreReadLeniently() {
        ErrorResponse plain = Json.fromJson(read("error-original-string.json"), ErrorResponse.class);
        assertNull(plain.code());
        assertEquals("VM not found", plain.message());

        ErrorResponse fastApi = Json.fromJson(read("error-fastapi-422.json"), ErrorResponse.class);
        assertEquals(ErrorResponse.VALIDATION_ERROR, fastApi.code());
        assertEquals("body.ssh_key: field required; "
                + "body.resources.cpu: ensure this value is greater than or equal to 1", fastApi.message());

        assertThrows(JsonException.class, () -> Json.fromJson("{}", ErrorResponse.class));
    }

    @Test
    void validationErrorBody() {
        List<Violation> v = WireValidation.vmName("a--b");
        ErrorResponse err = ErrorResponse.validation(v);
        assertEquals(ErrorResponse.VALIDATION_ERROR, err.code());
        assertEquals("name: must not contain '--'", err.message());
        assertThrows(IllegalArgumentException.class, () -> ErrorResponse.validation(List.of()));
    }

    @Test
    void statusBodies() {
        assertEquals("{\"status\":\"healthy\"}", Json.toJson(StatusResponse.HEALTHY));
        assertEquals("{\"status\":\"success\"}", Json.toJson(StatusResponse.SUCCESS));
        assertEquals("{\"status\":\"ok\"}", Json.toJson(StatusResponse.OK));
        assertEquals(StatusResponse.OK, Json.fromJson("{\"status\":\"ok\"}", StatusResponse.class));
    }
}
