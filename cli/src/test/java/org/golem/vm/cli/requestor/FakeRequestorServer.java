package org.golem.vm.cli.requestor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the requestor service, used only by the CLI's own formatting and flow tests: canned JSON answers
 * per route on a JDK {@link HttpServer} bound to 127.0.0.1, plus a record of every request (method, path, query,
 * headers, body). It implements no behaviour of the service; the real service is tested end to end elsewhere
 * (requestor-ear). Unknown routes answer 404 with the API's error envelope and code {@code FAKE_NO_ROUTE}.
 */
final class FakeRequestorServer implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A canned answer. */
    record Response(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, List<Response>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    /**
     * Starts on a free port of 127.0.0.1; {@code GET /health/ready} answers 200, {@code GET /api/v1/info}
     * {@link Answers#INFO}.
     */
    FakeRequestorServer() throws IOException {
        this(0);
    }

    /**
     * @param port port to bind on 127.0.0.1 (0: any free port)
     */
    FakeRequestorServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        on("GET", "/health/ready", 200, "{\"status\":\"UP\",\"checks\":[]}");
        on("GET", "/api/v1/info", 200, Answers.json(Answers.INFO));
        server.start();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:41234} */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Answers {@code method path} (path without query) with this status and body, every time.
     *
     * @return this fake
     */
    FakeRequestorServer on(String method, String path, int status, String json) {
        return onSequence(method, path, List.of(new Response(status, json)));
    }

    /**
     * Answers successive calls with successive responses; the last one repeats.
     *
     * @return this fake
     */
    FakeRequestorServer onSequence(String method, String path, List<Response> responses) {
        String key = method + " " + path;
        routes.put(key, List.copyOf(responses));
        hits.put(key, new AtomicInteger());
        return this;
    }

    /** @return every request received so far, in order */
    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** @return the requests for {@code method path} */
    List<Request> requests(String method, String path) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getRawPath();
            requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                    Map.copyOf(ex.getRequestHeaders()), body));
            String key = ex.getRequestMethod() + " " + path;
            List<Response> seq = routes.get(key);
            Response r;
            if (seq == null) {
                r = new Response(404, "{\"detail\":{\"code\":\"FAKE_NO_ROUTE\",\"message\":\"no canned answer for "
                        + key + "\"}}");
            } else {
                int i = hits.get(key).getAndIncrement();
                r = seq.get(Math.min(i, seq.size() - 1));
            }
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
