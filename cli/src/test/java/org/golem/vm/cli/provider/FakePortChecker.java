package org.golem.vm.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.common.wire.CheckPortsResponse;
import org.golem.vm.common.wire.ErrorResponse;
import org.golem.vm.common.wire.PortCheckResult;

/**
 * A stand-in for the port checker's {@code POST /check-ports}, for the {@code golem-provider start} flow tests only
 * (the real port checker is tested in port-checker-war). It reads the checker's request record and answers with its
 * response records ({@link CheckPortsResponse}: {@code {"success", "results": {"<port>": {"accessible", "error"}},
 * "message"}}; refusals as {@link ErrorResponse}); by default a port is accessible when a TCP connection
 * to {@code 127.0.0.1:<port>} succeeds at the time of the request (which proves the command listened on it), and
 * {@link #verdict} replaces that rule. {@link #seesCallerAs} makes it refuse every other {@code provider_ip} the way
 * the real checker refuses a caller that is not checking its own address.
 */
final class FakePortChecker implements AutoCloseable {

    private final HttpServer server;
    private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    private volatile IntFunction<String> verdict = FakePortChecker::connect;
    private volatile String callerAddress;

    /** Starts on a free port of 127.0.0.1. */
    FakePortChecker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/check-ports", this::handle);
        server.start();
    }

    /** @return the base URL */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * @param v for a port: null when accessible, else the error to report
     * @return this fake
     */
    FakePortChecker verdict(IntFunction<String> v) {
        this.verdict = v;
        return this;
    }

    /** @param ip the only {@code provider_ip} accepted (the caller's address as this checker "sees" it) @return this */
    FakePortChecker seesCallerAs(String ip) {
        this.callerAddress = ip;
        return this;
    }

    /** @return the JSON bodies received, in order */
    List<JsonNode> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    private static String connect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return null;
        } catch (IOException e) {
            return "Connection refused";
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = Json.tree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            bodies.add(body);
            CheckPortsRequest request = Json.mapper().treeToValue(body, CheckPortsRequest.class);
            String ip = request.providerIp();
            String answer;
            int status = 200;
            if (callerAddress != null && !callerAddress.equals(ip)) {
                status = 403;
                answer = Json.toJson(ErrorResponse.of("TARGET_NOT_ALLOWED", "Target " + ip + " is not allowed: only "
                        + "the caller's own address (" + callerAddress + ") can be checked"));
            } else {
                Map<Integer, PortCheckResult> results = new LinkedHashMap<>();
                for (int port : request.ports()) {
                    String err = verdict.apply(port);
                    results.put(port, err == null ? PortCheckResult.open() : PortCheckResult.closed(err));
                }
                answer = Json.toJson(CheckPortsResponse.of(request.ports(), results));
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
