package org.golem.vm.common.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.auth.SignedHeaders;

/**
 * JSON over HTTP to the project's services, optionally signed per docs/auth.md: the signature covers the
 * method, the raw path with query exactly as sent, the timestamp and the SHA-256 of the exact body bytes sent.
 * Used by the CLI, the requestor, the provider's advertiser and tests.
 */
public final class GolemHttpClient {

    private final HttpClient http;
    private final RequestSigner signer;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param signer  signs every request, or null for unsigned requests
     * @param clock   source of {@code X-Golem-Timestamp}
     * @param timeout per-request timeout
     */
    public GolemHttpClient(RequestSigner signer, Clock clock, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.signer = signer;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** @param signer signs every request, or null; system clock, 30 s timeout */
    public GolemHttpClient(RequestSigner signer) {
        this(signer, Clock.systemUTC(), Duration.ofSeconds(30));
    }

    /** A response: status, body text and headers (names lower case). */
    public record Reply(int status, String body, Map<String, java.util.List<String>> headers) {
        /** @return the first value of a header, or null */
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** Identical signed requests sent lately (key → the second they were signed in), JVM-wide, bounded. */
    private static final Map<String, Long> RECENT = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 1024;
        }
    };

    /**
     * Signatures are deterministic (RFC 6979), so the same request signed twice within one second is the same
     * signature, which a service refuses as a replay, also when the first went to another instance sharing its
     * database. Before signing a request (method, path, body; whatever the host) identical to one this JVM signed
     * in the current second, wait for the next second (at most ~1 s; not at all with a clock that does not move,
     * as in tests that want to provoke a replay). Polling loops and retries therefore just work.
     */
    private void waitIfRepeated(String key) {
        long second = clock.instant().getEpochSecond();
        Long last;
        synchronized (RECENT) {
            last = RECENT.get(key);
        }
        if (last != null && last == second) {
            long deadline = System.nanoTime() + 1_100_000_000L;
            while (clock.instant().getEpochSecond() == second && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        synchronized (RECENT) {
            RECENT.put(key, clock.instant().getEpochSecond());
        }
    }

    /**
     * Sends one request. A signed request identical to one signed in the same second first waits for the next
     * second (see {@link #waitIfRepeated}).
     *
     * @param method   HTTP method
     * @param uri      absolute URI; its raw path and query are what gets signed
     * @param jsonBody body (sent as {@code application/json}), or null for none
     * @return the reply, whatever its status
     * @throws IOException when the service cannot be reached
     */
    public Reply send(String method, URI uri, String jsonBody) throws IOException {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        if (signer != null) {
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            // not keyed by host: services that share a replay memory (discovery instances on one database) refuse
            // a signature used on any of them
            waitIfRepeated(signer.address() + " " + method + " " + path + " " + java.util.Arrays.hashCode(body));
            SignedHeaders h = signer.sign(method, path, jsonBody == null ? null : body, clock);
            h.asMap().forEach(b::header);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
