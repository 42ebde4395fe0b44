package org.golem.vm.discovery.it;

import static org.golem.vm.discovery.it.Discovery.ad;
import static org.golem.vm.discovery.it.Discovery.code;
import static org.golem.vm.discovery.it.Discovery.id;
import static org.golem.vm.discovery.it.Discovery.json;
import static org.golem.vm.discovery.it.Discovery.newProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.auth.SignedHeaders;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.testing.BadJson;
import org.golem.vm.common.testing.WireRecording;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.ImageInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/**
 * The discovery API on a real Payara Micro: publishing and replacing, the signed-request matrix (nothing changes
 * on a refused write), every filter, both orders, paging, and bad input answered with 4xx codes. Tests isolate
 * their data by giving their advertisements a network name of their own and filtering on it. Each route's
 * success and refusals are also compared with their recorded shape ({@link WireRecording}, files in
 * {@code src/test/resources/wire/discovery-*.json}).
 */
@ExtendWith(ArquillianExtension.class)
class DiscoveryApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DiscoveryDeployments.war(Map.of("golem.discovery.rate-limit-per-minute", "0"));
    }

    @ArquillianResource
    URL url;

    Discovery discovery;
    String net;
    WireRecording wire;

    @BeforeEach
    void setUp() {
        discovery = new Discovery(url);
        net = "net-" + UUID.randomUUID().toString().substring(0, 8);
        wire = WireRecording.fromSystemProperties().prefixed("discovery-").masking(net, "<network>");
    }

    private static final String ADS = "POST /api/v1/advertisements";
    private static final String LIST = "GET /api/v1/advertisements";
    private static final String ONE = "GET /api/v1/advertisements/{provider_id}";
    private static final String DELETE = "DELETE /api/v1/advertisements/{provider_id}";


    private AdvertisementRequest inNet(AdvertisementRequest r) {
        return new AdvertisementRequest(r.ipAddress(), r.country(), r.platform(), r.resources(), r.pricing(),
                r.providerName(), r.apiPort(), net, r.paymentsNetwork(), r.streamPaymentAddress(), r.tokenAddress());
    }

    private List<String> ids(String query) throws Exception {
        GolemHttpClient.Reply r = discovery.get("api/v1/advertisements?network=" + net + (query.isEmpty() ? "" : "&" + query));
        assertEquals(200, r.status(), r.body());
        List<String> ids = new ArrayList<>();
        json(r).forEach(n -> ids.add(n.get("provider_id").asText()));
        return ids;
    }

    private int count() throws Exception {
        GolemHttpClient.Reply r = discovery.get("api/v1/advertisements?network=" + net);
        return Integer.parseInt(r.header("X-Total-Count"));
    }

    @Test
    void publishedAdvertisementIsReadBackWithEveryField() throws Exception {
        Credentials p = newProvider();
        GolemHttpClient.Reply created = wire.check("publish", ADS,
                discovery.publish(p, inNet(ad("se", "x86_64", 4, 8, 100, "5", "2", "0.1"))));
        assertEquals(200, created.status(), created.body());
        JsonNode body = json(created);
        assertEquals(id(p), body.get("provider_id").asText(), "the signer is the provider id, EIP-55");
        assertEquals("SE", body.get("country").asText(), "country upper-cased");
        assertEquals(8, body.at("/resources/memory").asInt());
        assertEquals(7466, body.get("api_port").asInt());
        assertEquals(net, body.get("network").asText());
        assertEquals("l2.holesky", body.get("payments_network").asText());
        assertEquals("0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2", body.get("stream_payment_address").asText());
        assertEquals("1000000000000000", body.at("/pricing/wei_per_core_month").asText());
        assertEquals(new java.math.BigDecimal("5"), body.at("/pricing/usd_per_core_month").decimalValue());

        GolemHttpClient.Reply one = wire.check("get", ONE,
                discovery.get("api/v1/advertisements/" + id(p).toLowerCase()));
        assertEquals(200, one.status(), "lower-case id finds the same provider");
        assertEquals(body, json(one));
        assertEquals(List.of(id(p)), ids(""));
        wire.check("list", LIST, discovery.get("api/v1/advertisements?network=" + net));
    }

    @Test
    void theVmOfferIsStoredAndReturned() throws Exception {
        Credentials p = newProvider();
        List<ImageInfo> images = List.of(
                new ImageInfo("debian-12", "Debian 12 (bookworm)", 590L, "debian", "kernel+initrd+disk", true),
                new ImageInfo("micro", "BusyBox on the Debian 12 cloud kernel", 17L, "root", "kernel+initrd", false));
        EgressPolicy egress = new EgressPolicy(EgressPolicy.ALLOW_LIST, List.of("deb.debian.org:80",
                "203.0.113.0/24:443"));
        GolemHttpClient.Reply created = wire.check("publish-offer", ADS, discovery.publish(p,
                inNet(ad("SE", "x86_64", 4, 8, 100, "5", "2", "0.1")).withOffer(images, 4, egress)));
        assertEquals(200, created.status(), created.body());
        GolemHttpClient.Reply one = wire.check("get-offer", ONE, discovery.get("api/v1/advertisements/" + id(p)));
        Advertisement read = Json.fromJson(one.body(), Advertisement.class);
        assertEquals(images, read.images());
        assertEquals(4, read.maxPorts());
        assertEquals(egress, read.egress());
        assertEquals(json(created), json(one));
        assertEquals(read, Json.fromJson(json(discovery.get("api/v1/advertisements?network=" + net)).get(0)
                .toString(), Advertisement.class), "the list carries the offer too");

        // republished without the offer (a later second: a new signed timestamp): the stored offer goes, and the
        // keys are omitted again
        Thread.sleep(1100);
        JsonNode bare = json(discovery.publish(p, inNet(ad("SE", "x86_64", 4, 8, 100, "5", "2", "0.1"))));
        assertFalse(bare.has("images") || bare.has("max_ports") || bare.has("egress"), bare.toString());

        GolemHttpClient.Reply bad = discovery.publish(p, inNet(ad("SE", "x86_64", 4, 8, 100, "5", "2", "0.1"))
                .withOffer(List.of(new ImageInfo("", "x", -1L, "root", "disk", false)), -1,
                        new EgressPolicy("sometimes", List.of())));
        assertEquals(422, bad.status(), bad.body());
        for (String field : List.of("images[0].name", "images[0].size_mib", "max_ports", "egress.policy")) {
            assertTrue(bad.body().contains(field), field + " in " + bad.body());
        }
    }

    @Test
    void republishingReplacesAndKeepsCreationTime() throws Exception {
        Credentials p = newProvider();
        JsonNode first = json(discovery.publish(p, inNet(ad("SE", "x86_64", 4, 8, 100, "5", "2", "0.1"))));
        Thread.sleep(1100); // a later second: a new signature and a visibly later updated_at
        GolemHttpClient.Reply again = discovery.publish(p, inNet(ad("SE", "arm64", 2, 4, 50, "6", "2", "0.1")));
        assertEquals(200, again.status(), again.body());
        JsonNode second = json(again);
        assertEquals(first.get("created_at"), second.get("created_at"));
        assertNotEquals(first.get("updated_at"), second.get("updated_at"));
        assertEquals("arm64", second.get("platform").asText());
        assertEquals(1, count(), "replaced, not added");
        assertEquals(2, json(discovery.get("api/v1/advertisements/" + id(p))).at("/resources/cpu").asInt());
    }

    @Test
    void unsignedStaleForeignTamperedAndReplayedWritesAreRefusedAndChangeNothing() throws Exception {
        Credentials owner = newProvider();
        Credentials other = newProvider();
        assertEquals(200, discovery.publish(owner, inNet(ad("SE", "x86_64", 4, 8, 100, "5", "2", "0.1"))).status());
        String original = discovery.get("api/v1/advertisements/" + id(owner)).body();
        URI ads = discovery.base.resolve("api/v1/advertisements");
        String body = Json.toJson(inNet(ad("US", "x86_64", 64, 64, 1000, "0.01", "0.01", "0.01")));

        // unsigned
        GolemHttpClient.Reply unsigned = wire.check("publish-unsigned", ADS,
                new GolemHttpClient(null).send("POST", ads, body));
        assertEquals(401, unsigned.status());
        assertEquals("AUTH_MISSING", code(unsigned));

        // stale: signed ten minutes ago
        Clock past = Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC);
        GolemHttpClient.Reply stale = wire.check("publish-stale", ADS,
                new GolemHttpClient(new RequestSigner(owner), past, Duration.ofSeconds(30)).send("POST", ads, body));
        assertEquals(401, stale.status());
        assertEquals("AUTH_EXPIRED", code(stale));

        // tampered: signature over another body
        SignedHeaders h = new RequestSigner(owner).sign("POST", ads.getRawPath(),
                "{\"other\":1}".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        HttpResponse<String> tampered = wire.check("publish-bad-signature", ADS, raw("POST", ads, body, h.asMap()));
        assertEquals(401, tampered.statusCode());
        assertEquals("AUTH_BAD_SIGNATURE", Json.tree(tampered.body()).at("/detail/code").asText());

        // foreign: signed by `other` but claiming to be `owner`
        SignedHeaders byOther = new RequestSigner(other).sign("POST", ads.getRawPath(),
                body.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        HttpResponse<String> claimed = raw("POST", ads, body, Map.of("X-Golem-Address", id(owner),
                "X-Golem-Timestamp", byOther.timestamp(), "X-Golem-Signature", byOther.signature()));
        assertEquals(401, claimed.statusCode());
        assertEquals("AUTH_BAD_SIGNATURE", Json.tree(claimed.body()).at("/detail/code").asText());

        // the original's X-Provider-ID naming someone else than the signer
        SignedHeaders own = new RequestSigner(other).sign("POST", ads.getRawPath(),
                body.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        java.util.HashMap<String, String> legacy = new java.util.HashMap<>(own.asMap());
        legacy.put("X-Provider-ID", id(owner));
        HttpResponse<String> foreignLegacy = wire.check("publish-foreign", ADS, raw("POST", ads, body, legacy));
        assertEquals(403, foreignLegacy.statusCode());
        assertEquals("AUTH_FORBIDDEN", Json.tree(foreignLegacy.body()).at("/detail/code").asText());

        // foreign delete
        GolemHttpClient.Reply foreignDelete = wire.check("delete-foreign", DELETE, discovery.delete(other, id(owner)));
        assertEquals(403, foreignDelete.status());
        assertEquals("AUTH_FORBIDDEN", code(foreignDelete));

        // replay of a genuine write
        Credentials replayer = newProvider();
        String replayBody = Json.toJson(inNet(ad("PL", "x86_64", 2, 2, 20, "1", "1", "0.1")));
        SignedHeaders genuine = new RequestSigner(replayer).sign("POST", ads.getRawPath(),
                replayBody.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        assertEquals(200, raw("POST", ads, replayBody, genuine.asMap()).statusCode());
        assertEquals(200, discovery.delete(replayer, id(replayer)).status());
        HttpResponse<String> replayed = wire.check("publish-replay", ADS,
                raw("POST", ads, replayBody, genuine.asMap()));
        assertEquals(401, replayed.statusCode());
        assertEquals("AUTH_REPLAY", Json.tree(replayed.body()).at("/detail/code").asText());
        assertEquals(404, discovery.get("api/v1/advertisements/" + id(replayer)).status(), "replay re-created nothing");

        assertEquals(original, discovery.get("api/v1/advertisements/" + id(owner)).body(), "owner's ad unchanged");
        assertEquals(1, count(), "no advertisement was added by a refused write");
    }

    @Test
    void everyFilterSelectsTheRightProviders() throws Exception {
        Credentials small = newProvider();
        Credentials big = newProvider();
        Credentials arm = newProvider();
        Credentials pricey = newProvider();
        discovery.publish(small, inNet(ad("US", "x86_64", 2, 4, 50, "5", "2", "0.1")));
        discovery.publish(big, inNet(ad("SE", "x86_64", 8, 32, 500, "4", "1", "0.05")));
        discovery.publish(arm, inNet(ad("SE", "arm64", 4, 8, 100, "3", "1", "0.05")));
        AdvertisementRequest other = ad("DE", "x86_64", 16, 64, 1000, "50", "20", "1");
        discovery.publish(pricey, new AdvertisementRequest(other.ipAddress(), other.country(), other.platform(),
                other.resources(), other.pricing(), null, 8000, net, "local", null, null));

        assertEquals(List.of(id(big), id(pricey)).stream().sorted().toList(), ids("cpu=5").stream().sorted().toList());
        assertEquals(List.of(id(big), id(pricey)).stream().sorted().toList(),
                ids("memory=16").stream().sorted().toList());
        assertEquals(List.of(id(pricey)), ids("storage=600"));
        assertEquals(List.of(id(small)), ids("country=us"), "country is case-insensitive");
        assertEquals(List.of(id(arm)), ids("platform=arm64"));
        assertEquals(List.of(id(pricey)), ids("payments_network=local"));
        assertEquals(4, ids("").size(), "the network filter leaves out other tests' advertisements");
        // 1 core, 1 GiB, 10 GiB: small 5+2+1=8, big 4+1+0.5=5.5, arm 3+1+0.5=4.5, pricey 50+20+10=80
        assertEquals(List.of(id(arm), id(big)), ids("max_usd_per_month=6"));
        assertEquals(List.of(id(arm), id(big), id(small), id(pricey)), ids("sort=price"));
        // for 4 cores, 8 GiB, 100 GiB: arm 12+8+5=25, big 16+8+5=29, pricey 200+160+100=460
        assertEquals(List.of(id(arm), id(big), id(pricey)), ids("cpu=4&memory=8&storage=100&sort=price"));
        assertEquals(List.of(id(arm)), ids("cpu=4&memory=8&storage=100&max_usd_per_month=25"));
        assertEquals(List.of(id(pricey), id(arm), id(big), id(small)), ids("sort=freshness"), "newest first");
    }

    @Test
    void pagesCarryTheTotalAndANextLink() throws Exception {
        List<Credentials> providers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Credentials p = newProvider();
            providers.add(p);
            assertEquals(200, discovery.publish(p, inNet(ad("NO", "x86_64", 1 + i, 2, 20, String.valueOf(10 - i),
                    "1", "0.1"))).status());
        }
        GolemHttpClient.Reply first = discovery.get("api/v1/advertisements?network=" + net + "&sort=price&limit=2");
        assertEquals("5", first.header("X-Total-Count"));
        assertEquals(2, json(first).size());
        String link = first.header("Link");
        assertTrue(link != null && link.contains("offset=2") && link.contains("rel=\"next\""), link);
        List<String> all = new ArrayList<>();
        for (int offset = 0; offset < 5; offset += 2) {
            all.addAll(ids("sort=price&limit=2&offset=" + offset));
        }
        assertEquals(List.of(4, 3, 2, 1, 0).stream().map(i -> id(providers.get(i))).toList(), all);
        GolemHttpClient.Reply last = discovery.get("api/v1/advertisements?network=" + net + "&limit=2&offset=4");
        assertNull(last.header("Link"), "no next page after the last");
        assertEquals(0, ids("offset=10").size());
    }

    @Test
    void badInputIsA4xxWithACodeAndStoresNothing() throws Exception {
        assertEquals("ADV_002", code(expect(400, wire.check("list-bad-filter", LIST,
                discovery.get("api/v1/advertisements?cpu=0")))));
        assertEquals("INVALID_QUERY", code(expect(422, wire.check("list-invalid-query", LIST,
                discovery.get("api/v1/advertisements?cpu=abc")))));
        assertEquals("INVALID_QUERY", code(expect(422, discovery.get("api/v1/advertisements?limit=0"))));
        assertEquals("INVALID_QUERY", code(expect(422, discovery.get("api/v1/advertisements?limit=100000"))));
        assertEquals("INVALID_QUERY", code(expect(422, discovery.get("api/v1/advertisements?sort=random"))));
        assertEquals("INVALID_QUERY", code(expect(422, discovery.get("api/v1/advertisements?country=SWE"))));
        assertEquals("INVALID_QUERY", code(expect(422, discovery.get("api/v1/advertisements?max_usd_per_month=-1"))));
        assertEquals("ADV_004", code(expect(404, wire.check("get-not-an-address", ONE,
                discovery.get("api/v1/advertisements/not-an-address")))));
        assertEquals("ADV_004", code(expect(404, wire.check("get-not-found", ONE,
                discovery.get("api/v1/advertisements/" + id(newProvider()))))));
        assertEquals("NOT_FOUND", code(expect(404, wire.check("unknown-route", "GET /api/v1/nothing-here",
                discovery.get("api/v1/nothing-here")))));

        Credentials p = newProvider();
        URI ads = discovery.base.resolve("api/v1/advertisements");
        GolemHttpClient signed = Discovery.signed(p);
        assertEquals("INVALID_JSON", code(expect(400, wire.check("publish-invalid-json", ADS,
                signed.send("POST", ads, "{not json")))));
        GolemHttpClient.Reply missing = expect(422, wire.check("publish-missing-fields", ADS,
                signed.send("POST", ads, "{\"country\":\"SE\"}")));
        assertEquals("VALIDATION_ERROR", code(missing));
        assertTrue(json(missing).at("/detail/message").asText().contains("ip_address"), missing.body());
        AdvertisementRequest bad = new AdvertisementRequest("999.1.1.1", "SE", null, new Resources(0, 1, 1), null,
                null, 70000, net, null, "0x12", null);
        GolemHttpClient.Reply invalid = expect(422, wire.check("publish-invalid-fields", ADS,
                discovery.publish(p, bad)));
        for (String field : List.of("ip_address", "resources.cpu", "api_port", "stream_payment_address")) {
            assertTrue(json(invalid).at("/detail/message").asText().contains(field), invalid.body());
        }
        assertEquals("INVALID_BODY", code(expect(422, wire.check("publish-invalid-body", ADS, signed.send("POST", ads,
                "{\"ip_address\":\"1.2.3.4\",\"country\":\"SE\",\"resources\":{\"cpu\":-1,\"memory\":1,\"storage\":1}}")))));
        assertEquals("INVALID_BODY", code(expect(422, signed.send("POST", ads,
                "{\"ip_address\":\"1.2.3.4\",\"country\":\"SE\",\"resources\":{\"cpu\":\"many\",\"memory\":1,\"storage\":1}}"))));
        assertEquals(404, discovery.get("api/v1/advertisements/" + id(p)).status(), "nothing was stored");
        assertEquals(0, count());
    }

    private static final List<String> USD_PRICES = List.of("pricing.usd_per_core_month",
            "pricing.usd_per_gb_ram_month", "pricing.usd_per_gb_storage_month", "pricing.token_usd_price");
    private static final List<String> TOKEN_PRICES = List.of("pricing.glm_per_core_month",
            "pricing.glm_per_gb_ram_month", "pricing.glm_per_gb_storage_month");
    private static final List<String> WEI_PRICES = List.of("pricing.wei_per_core_month",
            "pricing.wei_per_gb_ram_month", "pricing.wei_per_gb_storage_month");
    private static final List<String> TEXTS = List.of("provider_name", "platform", "network", "payments_network",
            "country", "ip_address", "stream_payment_address", "token_address");

    /**
     * Fuzz: signed advertisements with one field made invalid (the extreme numbers of issue 15 in every USD
     * price, fractional wei, NUL and lone surrogates, then random out-of-range numbers and bad text in every
     * field) are all 4xx with the project's codes, and neither replace the signer's advertisement nor add one.
     */
    @Test
    void generatedBadAdvertisementsAreRefusedWith4xxAndChangeNothing() throws Exception {
        BadJson bad = BadJson.seeded();
        Credentials owner = newProvider();
        Credentials newcomer = newProvider();
        AdvertisementRequest valid = inNet(ad("SE", "x86_64", 4, 8, 100, "5", "2", "0.1"));
        assertEquals(200, discovery.publish(owner, valid).status());
        String registry = discovery.get("api/v1/advertisements?network=" + net).body();
        String json = Json.toJson(valid);

        Map<String, String> cases = new java.util.LinkedHashMap<>(); // "path=raw" -> path
        for (String usd : USD_PRICES) {
            BadJson.EXTREME_NUMBERS.forEach(n -> cases.put(usd + "=" + n, usd));
        }
        WEI_PRICES.forEach(wei -> cases.put(wei + "=1.5", wei));
        for (String text : List.of("provider_name", "platform")) {
            cases.put(text + "=\"a\\u0000b\"", text);
            cases.put(text + "=\"a\\ud800b\"", text);
        }
        Map<String, java.util.function.Function<BadJson, String>> generators = new java.util.LinkedHashMap<>();
        USD_PRICES.forEach(f -> generators.put(f, g -> g.decimal(18, 12)));
        TOKEN_PRICES.forEach(f -> generators.put(f, g -> g.decimal(20, 18)));
        WEI_PRICES.forEach(f -> generators.put(f, BadJson::wei));
        List.of("resources.cpu", "resources.memory", "resources.storage")
                .forEach(f -> generators.put(f, g -> g.integer(1, Integer.MAX_VALUE)));
        generators.put("api_port", g -> g.integer(1, 65535));
        generators.put("pricing.token_decimals", g -> g.integer(0, 36));
        JsonNode validTree = Json.tree(json);
        TEXTS.forEach(f -> generators.put(f, g -> g.text(validTree.get(f).asText())));
        List<String> fields = new ArrayList<>(generators.keySet());
        for (int i = 0; i < 80; i++) {
            String field = fields.get(bad.random().nextInt(fields.size()));
            cases.put(field + "=" + generators.get(field).apply(bad), field);
        }

        URI ads = discovery.base.resolve("api/v1/advertisements");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String field = c.getValue();
            String raw = c.getKey().substring(field.length() + 1);
            Credentials as = i++ % 2 == 0 ? owner : newcomer;
            GolemHttpClient.Reply r = Discovery.signed(as).send("POST", ads, BadJson.with(json, field, raw));
            String what = bad + ": " + field + " = " + shorten(raw) + " -> " + r.status() + " " + shorten(r.body());
            assertTrue(r.status() >= 400 && r.status() < 500, what);
            assertTrue(List.of("VALIDATION_ERROR", "INVALID_BODY").contains(code(r)), what);
            String message = json(r).at("/detail/message").asText();
            assertTrue(message.contains(field.substring(field.indexOf('.') + 1)), "names the field: " + what);
        }
        assertEquals(registry, discovery.get("api/v1/advertisements?network=" + net).body(),
                bad + ": the owner's advertisement is unchanged and none was added");
        assertEquals(404, discovery.get("api/v1/advertisements/" + id(newcomer)).status(), bad.toString());
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    @Test
    void providerDeletesItsOwnAdvertisement() throws Exception {
        Credentials p = newProvider();
        assertEquals(200, discovery.publish(p, inNet(ad("SE", "x86_64", 2, 2, 20, "1", "1", "0.1"))).status());
        GolemHttpClient.Reply deleted = wire.check("delete", DELETE, discovery.delete(p, id(p)));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("success", json(deleted).get("status").asText());
        assertEquals("ADV_004", code(expect(404, discovery.get("api/v1/advertisements/" + id(p)))));
        assertEquals(0, count());
        Thread.sleep(1100); // a new second, so the second DELETE is not a replay of the first
        assertEquals("ADV_004", code(expect(404, wire.check("delete-not-found", DELETE, discovery.delete(p, id(p))))));
    }

    @Test
    void healthAnswersForTheOriginalClientsAndMicroProfile() throws Exception {
        assertEquals("healthy", json(expect(200, wire.check("health", "GET /api/v1/health",
                discovery.get("api/v1/health")))).get("status").asText());
        URI root = URI.create(discovery.base.getScheme() + "://" + discovery.base.getAuthority() + "/");
        GolemHttpClient.Reply ready = wire.check("health-ready", "GET /health/ready",
                new GolemHttpClient(null).send("GET", root.resolve("health/ready"), null));
        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", json(ready).get("status").asText());
        assertEquals("discovery-database", json(ready).at("/checks/0/name").asText());
    }

    private static GolemHttpClient.Reply expect(int status, GolemHttpClient.Reply r) {
        assertEquals(status, r.status(), r.body());
        return r;
    }

    private static HttpResponse<String> raw(String method, URI uri, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
