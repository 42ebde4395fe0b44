package org.golem.vm.cli.provider;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.admin.ProviderStatus;

/**
 * A stand-in for the provider's admin REST API, for the {@code golem-provider} command's formatting and flow tests
 * only: canned JSON answers per route on a JDK {@link HttpServer} bound to 127.0.0.1, and a record of every request
 * (method, path, headers, body). It implements no behaviour of the provider; the real provider is tested end to end
 * elsewhere (provider-war's ProviderApiIT and friends). Unknown routes answer 404 with the error envelope and code
 * {@code FAKE_NO_ROUTE}; {@code GET /health/ready} answers 200 and {@code GET /api/v1/admin/status} a small status
 * until replaced.
 */
final class FakeProviderAdmin implements AutoCloseable {

    /**
     * The status document of {@code GET /api/v1/admin/status} as the provider writes it: its record
     * ({@link ProviderStatus}, built by the provider's ProviderOverview) through the project's mapper.
     */
    static final String STATUS = Json.toJson(new ProviderStatus("0xAbCd000000000000000000000000000000001234",
            new ProviderStatus.Payments(true, "local", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                    "0x0000000000000000000000000000000000000000", "ETH", "http://127.0.0.1:8545", 1760000000L, true,
                    null),
            new ProviderStatus.Hypervisor("qemu", "kvm"),
            new ProviderStatus.SshPorts(50800, 50809, Map.of("vm-0a", 50800)),
            new ProviderStatus.Capacity(new Resources(8, 15, 200), new Resources(6, 11, 180), 10),
            vmsByStatus(),
            new ProviderStatus.Monitor(true, 30, 120, 0),
            new ProviderStatus.Withdraw(true, 1800, BigInteger.ZERO, 0),
            new ProviderStatus.Advertiser("http://127.0.0.1:9001", null, null),
            new AdvertisedPricing(new BigDecimal("5.0"), new BigDecimal("2.0"), new BigDecimal("0.1"),
                    new BigDecimal("0.0025"), new BigDecimal("0.001"), new BigDecimal("0.00005"),
                    new BigDecimal("2000"), 18, new BigInteger("2500000000000000"),
                    new BigInteger("1000000000000000"), new BigInteger("50000000000000"))));

    private static Map<String, Long> vmsByStatus() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("running", 2L);
        m.put("stopped", 1L);
        return m;
    }

    /** One request as received. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private record Canned(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Canned> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    /** Starts on a free port of 127.0.0.1. */
    FakeProviderAdmin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        on("GET", "/health/ready", 200, "{\"status\":\"UP\",\"checks\":[]}");
        on("GET", "/api/v1/admin/status", 200, STATUS);
        server.start();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:41234} */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code method path} with this status and body, every time. @return this fake */
    FakeProviderAdmin on(String method, String path, int status, String json) {
        routes.put(method + " " + path, new Canned(status, json));
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
            requests.add(new Request(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()), body));
            String key = ex.getRequestMethod() + " " + path;
            Canned c = routes.getOrDefault(key, new Canned(404,
                    "{\"detail\":{\"code\":\"FAKE_NO_ROUTE\",\"message\":\"no canned answer for " + key + "\"}}"));
            byte[] bytes = c.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(c.status(), bytes.length == 0 ? -1 : bytes.length);
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
