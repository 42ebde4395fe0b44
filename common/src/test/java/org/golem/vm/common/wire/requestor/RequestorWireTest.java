package org.golem.vm.common.wire.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.ImageInfo;
import org.junit.jupiter.api.Test;

/**
 * The requestor API's records write the JSON the service wrote when its answers were built as maps: the same
 * snake_case names in the same order, nulls written where they were, left out where they were.
 */
class RequestorWireTest {
    private static final String PROVIDER = "0x9D12f0AF464A6b5EFd4bbb8679cC205012326019";

    private static RentedVmView vm(String error) {
        return new RentedVmView("web1", PROVIDER, "http://203.0.113.7:7466", "web1", "running",
                new Resources(1, 2, 10), "203.0.113.7", 50800, "root", "SHA256:abc", BigInteger.valueOf(7),
                "2027-01-15T08:00:00.000000Z", "2027-01-15T08:01:00.000000Z", error);
    }

    /** The map the service built for a VM before. */
    private static Map<String, Object> vmMap(String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "web1");
        m.put("provider_id", PROVIDER);
        m.put("provider_url", "http://203.0.113.7:7466");
        m.put("vm_id", "web1");
        m.put("status", "running");
        m.put("resources", new Resources(1, 2, 10));
        m.put("ssh_host", "203.0.113.7");
        m.put("ssh_port", 50800);
        m.put("ssh_user", "root");
        m.put("ssh_host_key_fingerprint", "SHA256:abc");
        m.put("stream_id", BigInteger.valueOf(7));
        m.put("created_at", "2027-01-15T08:00:00.000000Z");
        m.put("updated_at", "2027-01-15T08:01:00.000000Z");
        m.put("error", error);
        return m;
    }

    @Test
    void aVmIsWrittenAsBefore() {
        assertEquals(Json.toJson(vmMap(null)), Json.toJson(vm(null)));
        assertEquals(Json.toJson(Map.of("vms", List.of(vmMap("boom")))), Json.toJson(new VmList(List.of(vm("boom")))));
    }

    @Test
    void aVmListIsReadFromItsObjectAndFromABareArrayAndWrittenAsTheObject() {
        VmList list = new VmList(List.of(vm(null)));
        assertEquals(list, Json.fromJson(Json.toJson(list), VmList.class));
        assertEquals(list, Json.fromJson(Json.toJson(List.of(vm(null))), VmList.class));
        assertEquals(Json.toJson(Map.of("vms", List.of(vmMap(null)))),
                Json.toJson(Json.fromJson(Json.toJson(List.of(vm(null))), VmList.class)));
    }

    @Test
    void aVmsDetailHasItsStreamErrorOnlyWhenTheChainFailed() {
        StreamState s = new StreamState(StreamState.ZERO_ADDRESS, "0x1111111111111111111111111111111111111111",
                PROVIDER, 1000, 4600, BigInteger.TEN, BigInteger.valueOf(36000), BigInteger.ZERO, false);
        StreamView stream = new StreamView(BigInteger.valueOf(7), s, StreamMath.view(s, 2000));
        TopUpView topUp = new TopUpView(3600, true, true, null);

        Map<String, Object> m = vmMap(null);
        Map<String, Object> streamMap = new LinkedHashMap<>();
        streamMap.put("stream_id", BigInteger.valueOf(7));
        streamMap.put("chain", s);
        streamMap.put("computed", StreamMath.view(s, 2000));
        m.put("stream", streamMap);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target_runway_seconds", 3600L);
        t.put("enabled", true);
        t.put("affordable", true);
        t.put("message", null);
        m.put("top_up", t);
        assertEquals(Json.toJson(m), Json.toJson(new VmDetail(vm(null), null, stream, topUp)));

        Map<String, Object> failed = vmMap(null);
        failed.put("stream_error", "the payments chain cannot be read");
        failed.put("stream", null);
        failed.put("top_up", t);
        assertEquals(Json.toJson(failed),
                Json.toJson(new VmDetail(vm(null), "the payments chain cannot be read", null, topUp)));
    }

    @Test
    void aProviderIsItsAdvertisementWithAnEstimateOnlyWhenOneWasAskedFor() {
        AdvertisedPricing pricing = new AdvertisedPricing(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, null, null,
                null, null, null, BigInteger.valueOf(2_628_000), BigInteger.ZERO, BigInteger.ZERO);
        Advertisement ad = new Advertisement(PROVIDER, "p1", "203.0.113.7", "SE", "x86_64", new Resources(4, 8, 100),
                pricing, "2027-01-15T08:00:00.000000Z", null, 7466, null, "local", null, null);
        PriceEstimate e = new PriceEstimate(new BigDecimal("12.0000"), new BigDecimal("0.016438"), null,
                BigInteger.ONE, BigInteger.valueOf(3600));

        ObjectNode before = Json.mapper().valueToTree(ad);
        Map<String, Object> est = new LinkedHashMap<>();
        est.put("usd_per_month", e.usdPerMonth());
        est.put("usd_per_hour", e.usdPerHour());
        est.put("token_per_month", e.tokenPerMonth());
        est.put("rate_per_second_wei", e.ratePerSecondWei());
        est.put("deposit_wei_per_hour", e.depositWeiPerHour());
        before.putPOJO("estimate", est);
        assertEquals(Json.toJson(Map.of("providers", List.of(before))),
                Json.toJson(new ProviderList(List.of(new ProviderListing(ad, e)))));
        assertEquals(Json.toJson(Map.of("providers", List.of((Object) Json.mapper().valueToTree(ad)))),
                Json.toJson(new ProviderList(List.of(new ProviderListing(ad, null)))));
    }

    @Test
    void aProviderListingShowsTheAdvertisedVmOfferAtTheTopLevel() {
        Advertisement ad = new Advertisement(PROVIDER, "p1", "203.0.113.7", "SE", "x86_64", new Resources(4, 8, 100),
                null, "2027-01-15T08:00:00.000000Z", null, 7466, null, "local", null, null)
                .withOffer(List.of(new ImageInfo("debian-12", "Debian 12 (bookworm)", 590L, "debian",
                        "kernel+initrd+disk", true)), 4, new EgressPolicy(EgressPolicy.NONE, List.of()));
        JsonNode listed = Json.mapper().valueToTree(new ProviderListing(ad, null));
        assertEquals(Json.mapper().valueToTree(ad), listed);
        assertEquals("debian", listed.at("/images/0/login_user").asText());
        assertEquals(4, listed.get("max_ports").asInt());
        assertEquals("none", listed.at("/egress/policy").asText());
    }

    @Test
    void jobsAndStreamAnswersKeepTheirFieldsAndNulls() {
        assertEquals("{\"job_id\":\"j1\",\"name\":\"web1\",\"status\":\"failed\",\"step\":\"failed\",\"message\":null,"
                        + "\"stream_id\":null,\"vm\":null,\"error\":{\"code\":\"PROVIDER_REFUSED\",\"message\":\"no\"}}",
                Json.toJson(new JobView("j1", "web1", "failed", "failed", null, null, null,
                        new JobError("PROVIDER_REFUSED", "no"))));
        assertEquals("{\"name\":\"web1\",\"stream_id\":7,\"status\":null,\"remaining_seconds\":null,"
                        + "\"verified\":false,\"reason\":\"unmapped\",\"error\":\"gone\"}",
                Json.toJson(new StreamSummary("web1", BigInteger.valueOf(7), null, null, false, "unmapped", "gone")));
        assertEquals("{\"stream_id\":7,\"topped_up_wei\":36000,\"tx\":\"0xab\",\"stop_time\":8200}",
                Json.toJson(new StreamToppedUp(BigInteger.valueOf(7), BigInteger.valueOf(36000), "0xab", 8200)));
        assertEquals("{\"address\":\"0x1\",\"tx\":null,\"funded_wei\":100,\"funded_token_wei\":null}",
                Json.toJson(new FaucetResult("0x1", null, BigInteger.valueOf(100), null)));
        assertEquals("{\"message\":\"Golem Requestor API\"}", Json.toJson(ApiGreeting.requestor()));
    }

    @Test
    void aDeleteAnswersTheRefundInWeiBesideItsTransaction() {
        assertEquals("{\"name\":\"web1\",\"status\":\"deleted\",\"stream_id\":7,\"refunded_wei\":"
                        + "12054794520546000,\"refund_tx\":\"0xabc\",\"message\":\"m\"}",
                Json.toJson(new VmDeleted("web1", "deleted", BigInteger.valueOf(7), new BigInteger("12054794520546000"),
                        "0xabc", "m")));
        assertEquals("{\"name\":\"web1\",\"status\":\"deleted\",\"stream_id\":null,\"refunded_wei\":null,"
                        + "\"refund_tx\":null,\"message\":\"m\"}",
                Json.toJson(new VmDeleted("web1", "deleted", null, null, null, "m")));
    }
}
