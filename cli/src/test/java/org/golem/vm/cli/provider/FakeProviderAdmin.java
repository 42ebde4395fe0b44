package org.golem.vm.cli.provider;

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

/**
 * A stand-in for the provider's admin REST API, for the {@code golem-provider} command's formatting and flow tests
 * only: canned JSON answers per route on a JDK {@link HttpServer} bound to 127.0.0.1, and a record of every request
 * (method, path, headers, body). It implements no behaviour of the provider; the real provider is tested end to end
 * elsewhere (provider-war's ProviderApiIT and friends). Unknown routes answer 404 with the error envelope and code
 * {@code FAKE_NO_ROUTE}; {@code GET /health/ready} answers 200 and {@code GET /api/v1/admin/status} a small status
 * until replaced.
 */
final class FakeProviderAdmin implements AutoCloseable {

    /** A status document shaped like OperatorService.status(). */
    static final String STATUS = """
            {"provider_id":"0xAbCd000000000000000000000000000000001234",
             "payments":{"enabled":true,"network":"local","contract":"0x5fbdb2315678afecb367f032d93f642f64180aa3",
               "token":"0x0000000000000000000000000000000000000000","token_symbol":"ETH",
               "rpc_url":"http://127.0.0.1:8545","chain_time":1760000000,"chain_ok":true},
             "hypervisor":{"driver":"qemu","accelerator":"kvm"},
             "capacity":{"total":{"cpu":8,"memory":15,"storage":200},"free":{"cpu":6,"memory":11,"storage":180},
               "max_vms":10},
             "vms":{"running":2,"stopped":1},
             "monitor":{"enabled":true,"interval_seconds":30,"runs":120,"failures":0},
             "withdraw":{"enabled":true,"interval_seconds":1800,"min_wei":0,"failures":0},
             "advertiser":{"discovery_url":"http://127.0.0.1:9001","last_published_at":null,"last_skip":null},
             "pricing":{"usd_per_core_month":5.0,"usd_per_gb_ram_month":2.0,"usd_per_gb_storage_month":0.1,
               "glm_per_core_month":0.0025,"glm_per_gb_ram_month":0.001,"glm_per_gb_storage_month":0.00005,
               "token_usd_price":2000,"token_decimals":18,"wei_per_core_month":2500000000000000,
               "wei_per_gb_ram_month":1000000000000000,"wei_per_gb_storage_month":50000000000000}}
            """;

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
