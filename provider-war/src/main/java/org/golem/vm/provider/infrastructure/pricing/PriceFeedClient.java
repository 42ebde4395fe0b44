package org.golem.vm.provider.infrastructure.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;

/**
 * Reads the USD price of the stream token from a price feed (the original provider's pricing auto-updater) with one HTTP GET.
 *
 * <p>Two JSON shapes are accepted:
 * <ul>
 *   <li>CoinGecko's simple price, {@code {"<coin id>": {"usd": N}, ...}}, e.g.
 *       {@code GET https://api.coingecko.com/api/v3/simple/price?ids=golem,golem-network-tokens&vs_currencies=usd}:
 *       the first coin (in document order) with a positive {@code usd} wins, as in the original;</li>
 *   <li>a flat object {@code {"usd": N}} or {@code {"price": N}} ({@code usd} preferred when both are present).</li>
 * </ul>
 * {@code N} is a JSON number or a decimal string; it is read exactly as written (a {@link BigDecimal} from the JSON
 * text, never a {@code double}), so {@code 0.123456789012345678} stays exactly that.
 *
 * <p>Error messages name the feed by scheme, host and path only: a query string may carry an API key.
 *
 * <p>Thread-safe; one instance may serve many reads.
 */
public final class PriceFeedClient {

    /** Largest response body read, bytes; a simple-price answer is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final HttpClient http;

    /** A client following redirects (never from https to http), HTTP/1.1. */
    public PriceFeedClient() {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Fetches the token's price.
     *
     * @param url     the feed's absolute http(s) URL
     * @param timeout how long the whole request may take (connect, send, answer)
     * @return the price in USD per whole token, positive, exactly as the feed wrote it
     * @throws IOException              when the feed cannot be reached or times out, answers other than 2xx, sends
     *                                  more than {@value #MAX_BODY_BYTES} bytes, or its body is not one of the
     *                                  accepted shapes with a positive price (missing, zero, negative, not a number)
     * @throws IllegalArgumentException when {@code url} is not an absolute http or https URL
     */
    public BigDecimal fetchUsdPrice(URI url, Duration timeout) throws IOException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("price feed URL must be an absolute http(s) URL: " + describe(url));
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("price feed " + describe(url) + ": interrupted", e);
        } catch (IOException e) {
            throw new IOException("price feed " + describe(url) + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("price feed " + describe(url) + " answered HTTP " + response.statusCode());
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("price feed " + describe(url) + " answered more than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return parseUsdPrice(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("price feed " + describe(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the price out of a feed's JSON body (the shapes of the class comment).
     *
     * @param json the body
     * @return the positive USD price, exact
     * @throws IOException when the body is not JSON, or has no positive price in an accepted shape
     */
    static BigDecimal parseUsdPrice(String json) throws IOException {
        JsonNode root;
        try {
            root = Json.tree(json);
        } catch (JsonException e) {
            throw new IOException("answer is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("answer is not a JSON object");
        }
        for (String flat : new String[] {"usd", "price"}) {
            if (root.has(flat)) {
                BigDecimal price = decimal(root.get(flat), flat);
                if (price.signum() <= 0) {
                    throw new IOException("price must be positive, got " + price.toPlainString());
                }
                return price;
            }
        }
        boolean seen = false;
        for (Map.Entry<String, JsonNode> coin : root.properties()) {
            JsonNode usd = coin.getValue().isObject() ? coin.getValue().get("usd") : null;
            if (usd == null || usd.isNull()) {
                continue;
            }
            seen = true;
            BigDecimal price = decimal(usd, coin.getKey() + ".usd");
            if (price.signum() > 0) {
                return price;
            }
        }
        throw new IOException(seen ? "no coin has a positive usd price"
                : "no price: expected {\"<id>\":{\"usd\":N}}, {\"usd\":N} or {\"price\":N}");
    }

    private static BigDecimal decimal(JsonNode node, String field) throws IOException {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IOException("field " + field + " is not a number");
    }

    /** The URL without user info, query or fragment (which may carry credentials). */
    private static String describe(URI url) {
        String host = url.getHost() == null ? "?" : url.getHost();
        return (url.getScheme() == null ? "" : url.getScheme() + "://") + host
                + (url.getPort() >= 0 ? ":" + url.getPort() : "") + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
