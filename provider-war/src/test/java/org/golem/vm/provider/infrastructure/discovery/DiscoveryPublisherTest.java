package org.golem.vm.provider.infrastructure.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.golem.vm.common.auth.AuthException;
import org.golem.vm.common.auth.RequestVerifier;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryPublisherTest {

    /** A well-known test key (anvil's first account); never a real provider's key. */
    private static final String PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final Credentials PROVIDER = Credentials.create(PRIVATE_KEY);
    private static final String PROVIDER_ID = Keys.toChecksumAddress(PROVIDER.getAddress());
    private static final String TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String CONTRACT = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

    /**
     * A test double of the discovery service: records every request and authenticates it as discovery does (common's
     * {@link RequestVerifier}), then answers with the status and body set by the test.
     */
    static final class FakeDiscoveryServer implements AutoCloseable {
        /** One request as the server saw it; {@code signer} is null when authentication failed ({@code authError}). */
        record Seen(String method, String pathWithQuery, byte[] body, String contentType, String signer,
                    String authError) {
            JsonNode json() {
                return Json.tree(new String(body, StandardCharsets.UTF_8));
            }
        }

        final HttpServer server;
        final RequestVerifier verifier = new RequestVerifier(Clock.systemUTC());
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        volatile int status = 200;
        volatile String answer = "{\"status\":\"success\"}";

        FakeDiscoveryServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                URI uri = ex.getRequestURI();
                String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                String signer = null;
                String authError = null;
                try {
                    signer = verifier.verify(ex.getRequestMethod(), target, body,
                            name -> ex.getRequestHeaders().getFirst(name));
                } catch (AuthException e) {
                    authError = e.getMessage();
                }
                seen.add(new Seen(ex.getRequestMethod(), target, body,
                        ex.getRequestHeaders().getFirst("Content-Type"), signer, authError));
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream os = ex.getResponseBody()) {
                        os.write(out);
                    }
                }
            }
        }

        URI base(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private FakeDiscoveryServer discovery;

    @BeforeEach
    void start() throws IOException {
        discovery = new FakeDiscoveryServer();
    }

    @AfterEach
    void stop() {
        discovery.close();
    }

    private static AdvertisementRequest sampleAd() {
        AdvertisedPricing pricing = new AdvertisedPricing(new BigDecimal("5.0"), new BigDecimal("2.0"),
                new BigDecimal("0.1"), new BigDecimal("20.00000000"), new BigDecimal("8.00000000"),
                new BigDecimal("0.40000000"), new BigDecimal("0.25"), 18,
                new BigInteger("20000000000000000000"), new BigInteger("8000000000000000000"),
                new BigInteger("400000000000000000"));
        return new AdvertisementRequest("203.0.113.7", "SE", "x86_64", new Resources(4, 8, 100), pricing,
                "test-provider", 7466, "development", "local", CONTRACT, TOKEN);
    }

    @Test
    void publishPostsASignedAdvertisementWithSnakeCaseFields() throws IOException {
        DiscoveryPublisher publisher = new DiscoveryPublisher(discovery.base(""), PROVIDER, Duration.ofSeconds(5));

        publisher.publish(sampleAd());

        assertEquals(1, discovery.seen.size());
        FakeDiscoveryServer.Seen req = discovery.seen.get(0);
        assertEquals("POST", req.method());
        assertEquals("/api/v1/advertisements", req.pathWithQuery());
        assertNull(req.authError(), "discovery must accept the signature");
        assertEquals(PROVIDER_ID, req.signer(), "signed by the provider's key");
        assertTrue(req.contentType().startsWith("application/json"), req.contentType());

        JsonNode json = req.json();
        assertEquals("203.0.113.7", json.path("ip_address").asText());
        assertEquals("SE", json.path("country").asText());
        assertEquals("x86_64", json.path("platform").asText());
        assertEquals(4, json.path("resources").path("cpu").asInt());
        assertEquals(8, json.path("resources").path("memory").asInt());
        assertEquals(100, json.path("resources").path("storage").asInt());
        assertEquals(new BigDecimal("5.0"), json.path("pricing").path("usd_per_core_month").decimalValue());
        assertEquals(new BigDecimal("8.00000000"), json.path("pricing").path("glm_per_gb_ram_month").decimalValue());
        assertEquals(new BigInteger("20000000000000000000"),
                json.path("pricing").path("wei_per_core_month").bigIntegerValue());
        assertEquals("test-provider", json.path("provider_name").asText());
        assertEquals(7466, json.path("api_port").asInt());
        assertEquals("development", json.path("network").asText());
        assertEquals("local", json.path("payments_network").asText());
        assertEquals(CONTRACT, json.path("stream_payment_address").asText());
        assertEquals(TOKEN, json.path("token_address").asText());
        assertFalse(json.has("ipAddress") || json.has("provider_id"), json.toString());
    }

    @Test
    void baseUrlWithPathPrefixAndTrailingSlashIsKept() throws IOException {
        DiscoveryPublisher publisher = new DiscoveryPublisher(discovery.base("/discovery/"), PROVIDER,
                Duration.ofSeconds(5));

        publisher.publish(sampleAd());

        assertEquals("/discovery/api/v1/advertisements", discovery.seen.get(0).pathWithQuery());
        assertEquals(PROVIDER_ID, discovery.seen.get(0).signer());
    }

    @Test
    void unprocessableAnswerBecomesIOExceptionNamingStatusAndCode() {
        discovery.status = 422;
        discovery.answer = "{\"detail\":{\"code\":\"VALIDATION_ERROR\","
                + "\"message\":\"ip_address: must be an IPv4 address (a.b.c.d, 0-255)\"}}";
        DiscoveryPublisher publisher = new DiscoveryPublisher(discovery.base(""), PROVIDER, Duration.ofSeconds(5));

        IOException e = assertThrows(IOException.class, () -> publisher.publish(sampleAd()));

        assertTrue(e.getMessage().contains("422"), e.getMessage());
        assertTrue(e.getMessage().contains("VALIDATION_ERROR"), e.getMessage());
        assertTrue(e.getMessage().contains("ip_address: must be an IPv4 address"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains(PRIVATE_KEY.substring(2)), "no key in the message");
    }

    @Test
    void errorWithoutJsonBodyStillNamesTheStatus() {
        discovery.status = 502;
        discovery.answer = "<html>Bad Gateway</html>";
        DiscoveryPublisher publisher = new DiscoveryPublisher(discovery.base(""), PROVIDER, Duration.ofSeconds(5));

        IOException e = assertThrows(IOException.class, () -> publisher.publish(sampleAd()));

        assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad Gateway"), e.getMessage());
    }

    @Test
    void unreachableDiscoveryIsAnIOException() {
        URI base = discovery.base("");
        discovery.close();
        DiscoveryPublisher publisher = new DiscoveryPublisher(base, PROVIDER, Duration.ofSeconds(2));

        assertThrows(IOException.class, () -> publisher.publish(sampleAd()));
    }

    @Test
    void withdrawSendsSignedDeleteOfOwnAdvertisement() throws IOException {
        DiscoveryPublisher publisher = new DiscoveryPublisher(discovery.base(""), PROVIDER, Duration.ofSeconds(5));

        assertTrue(publisher.withdraw(PROVIDER_ID));

        FakeDiscoveryServer.Seen req = discovery.seen.get(0);
        assertEquals("DELETE", req.method());
        assertEquals("/api/v1/advertisements/" + PROVIDER_ID, req.pathWithQuery());
        assertNull(req.authError());
        assertEquals(PROVIDER_ID, req.signer());
        assertEquals(0, req.body().length);
    }

    @Test
    void withdrawOfAbsentAdvertisementIsNotAnError() throws IOException {
        discovery.status = 404;
        discovery.answer = "{\"detail\":{\"code\":\"ADV_004\",\"message\":\"Advertisement not found\"}}";
        DiscoveryPublisher publisher = new DiscoveryPublisher(discovery.base(""), PROVIDER, Duration.ofSeconds(5));

        assertFalse(publisher.withdraw(PROVIDER_ID));
    }

    @Test
    void withdrawRefusedIsAnIOException() {
        discovery.status = 403;
        discovery.answer = "{\"detail\":{\"code\":\"AUTH_FORBIDDEN\",\"message\":\"not your advertisement\"}}";
        DiscoveryPublisher publisher = new DiscoveryPublisher(discovery.base(""), PROVIDER, Duration.ofSeconds(5));

        IOException e = assertThrows(IOException.class, () -> publisher.withdraw(PROVIDER_ID));
        assertTrue(e.getMessage().contains("403") && e.getMessage().contains("AUTH_FORBIDDEN"), e.getMessage());
    }

    @Test
    void baseUrlMustBeHttp() {
        assertThrows(IllegalArgumentException.class,
                () -> new DiscoveryPublisher(URI.create("ftp://example.org"), PROVIDER, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class,
                () -> new DiscoveryPublisher(URI.create("discovery.example.org"), PROVIDER, Duration.ofSeconds(5)));
    }

    @Test
    void ipv4ForKeepsAnIpv4Literal() {
        assertEquals("203.0.113.7", DiscoveryPublisher.ipv4For("203.0.113.7"));
        assertEquals("203.0.113.7", DiscoveryPublisher.ipv4For(" 203.0.113.7 "));
    }

    @Test
    void ipv4ForResolvesAHostNameToItsIpv4Address() {
        assertEquals("127.0.0.1", DiscoveryPublisher.ipv4For("localhost"));
    }

    @Test
    void ipv4ForNeverMakesUpAnAddress() {
        assertNull(DiscoveryPublisher.ipv4For(null));
        assertNull(DiscoveryPublisher.ipv4For(""));
        assertNull(DiscoveryPublisher.ipv4For("   "));
        assertNull(DiscoveryPublisher.ipv4For("2001:db8::1"), "discovery accepts IPv4 only");
        assertNull(DiscoveryPublisher.ipv4For("no-such-host.invalid"));
    }

    @Test
    void platformFollowsTheOriginalMapping() {
        assertEquals("arm64", DiscoveryPublisher.platformFor("aarch64"));
        assertEquals("arm64", DiscoveryPublisher.platformFor("arm64"));
        assertEquals("arm64", DiscoveryPublisher.platformFor("armv7l"));
        assertEquals("x86_64", DiscoveryPublisher.platformFor("amd64"));
        assertEquals("x86_64", DiscoveryPublisher.platformFor("x86_64"));
        assertEquals("x86_64", DiscoveryPublisher.platformFor("X64"));
        assertEquals("riscv64", DiscoveryPublisher.platformFor("riscv64"));
    }
}
