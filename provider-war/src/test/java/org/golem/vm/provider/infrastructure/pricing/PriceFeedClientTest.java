package org.golem.vm.provider.infrastructure.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PriceFeedClientTest {

    /** A test double of a remote price feed (CoinGecko or similar): answers every GET with a set status and body. */
    static final class FakePriceFeed implements AutoCloseable {
        final HttpServer server;
        final ExecutorService pool = Executors.newCachedThreadPool();
        final List<String> targets = new CopyOnWriteArrayList<>();
        volatile int status = 200;
        volatile String body = "{}";
        volatile long delayMillis;

        FakePriceFeed() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(pool);
            server.start();
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                targets.add(ex.getRequestMethod() + " " + ex.getRequestURI());
                if (delayMillis > 0) {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] out = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(status, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }

        URI url(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    private FakePriceFeed feed;
    private final PriceFeedClient client = new PriceFeedClient();

    @BeforeEach
    void start() throws IOException {
        feed = new FakePriceFeed();
    }

    @AfterEach
    void stop() {
        feed.close();
    }

    private BigDecimal fetch() throws IOException {
        return client.fetchUsdPrice(feed.url("/api/v3/simple/price?ids=golem,golem-network-tokens&vs_currencies=usd"),
                Duration.ofSeconds(5));
    }

    @Test
    void coinGeckoShapeGivesTheFirstPositiveUsdPriceInDocumentOrder() throws IOException {
        feed.body = "{\"golem\":{\"usd\":0},\"golem-network-tokens\":{\"usd\":0.2513},\"other\":{\"usd\":9}}";

        assertEquals(new BigDecimal("0.2513"), fetch());
        assertEquals(List.of("GET /api/v3/simple/price?ids=golem,golem-network-tokens&vs_currencies=usd"),
                feed.targets);
    }

    @Test
    void coinGeckoShapeSkipsCoinsWithoutUsd() throws IOException {
        feed.body = "{\"golem\":{\"eur\":0.3},\"ethereum\":{\"usd\":3150.5}}";

        assertEquals(new BigDecimal("3150.5"), fetch());
    }

    @Test
    void flatUsdShape() throws IOException {
        feed.body = "{\"usd\": 0.31}";

        assertEquals(new BigDecimal("0.31"), fetch());
    }

    @Test
    void flatPriceShapeAlsoAsDecimalString() throws IOException {
        feed.body = "{\"symbol\":\"GLMUSDT\",\"price\":\"0.24500000\"}";

        assertEquals(0, new BigDecimal("0.245").compareTo(fetch()));

        feed.body = "{\"price\": 2}";
        assertEquals(new BigDecimal("2"), fetch());
    }

    @Test
    void decimalIsExactNotADouble() throws IOException {
        feed.body = "{\"golem\":{\"usd\":0.123456789012345678}}";

        BigDecimal price = fetch();

        assertEquals("0.123456789012345678", price.toPlainString());
        assertFalse(new BigDecimal(0.123456789012345678d).equals(price), "a double would lose digits");
    }

    @Test
    void zeroPriceIsRefused() {
        feed.body = "{\"usd\": 0}";
        IOException e = assertThrows(IOException.class, this::fetch);
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void negativePriceIsRefused() {
        feed.body = "{\"price\": -0.25}";
        IOException e = assertThrows(IOException.class, this::fetch);
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void coinGeckoWithOnlyNonPositivePricesIsRefused() {
        feed.body = "{\"golem\":{\"usd\":0},\"golem-network-tokens\":{\"usd\":-1}}";
        IOException e = assertThrows(IOException.class, this::fetch);
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void missingPriceIsRefused() {
        feed.body = "{}";
        assertThrows(IOException.class, this::fetch);
        feed.body = "{\"golem\":{}}";
        assertThrows(IOException.class, this::fetch);
        feed.body = "{\"usd\":\"n/a\"}";
        IOException e = assertThrows(IOException.class, this::fetch);
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void notJsonIsRefused() {
        feed.body = "<html>maintenance</html>";
        assertThrows(IOException.class, this::fetch);
        feed.body = "[0.25]";
        assertThrows(IOException.class, this::fetch);
    }

    @Test
    void serverErrorIsRefusedNamingTheStatusButNotTheQuery() {
        feed.status = 500;
        feed.body = "{\"usd\": 0.25}";

        IOException e = assertThrows(IOException.class, () -> client.fetchUsdPrice(
                feed.url("/price?x_cg_pro_api_key=SECRET123"), Duration.ofSeconds(5)));

        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertTrue(e.getMessage().contains("/price"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET123"), "a query may hold an API key: " + e.getMessage());
    }

    @Test
    void rateLimitedIsRefused() {
        feed.status = 429;
        feed.body = "{\"status\":{\"error_code\":429}}";
        IOException e = assertThrows(IOException.class, this::fetch);
        assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
    }

    @Test
    void slowFeedTimesOut() {
        feed.delayMillis = 3_000;
        feed.body = "{\"usd\": 0.25}";

        long start = System.nanoTime();
        assertThrows(IOException.class,
                () -> client.fetchUsdPrice(feed.url("/slow"), Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - start < 2_500_000_000L, "the timeout applies");
    }

    @Test
    void unreachableFeedIsAnIOException() {
        URI url = feed.url("/gone");
        feed.close();
        assertThrows(IOException.class, () -> client.fetchUsdPrice(url, Duration.ofSeconds(2)));
    }
}
