package org.golem.vm.portchecker.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;

/**
 * Test client of one deployed port checker, reached through a chosen address of this machine: the Arquillian URL's
 * host (this machine's interface address, which the server then sees as the caller) or the loopback address (the
 * server sees 127.0.0.1). Never anything else.
 */
final class PortCheckerApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    final URI base;

    private PortCheckerApi(URI base) {
        this.base = base;
    }

    /** Through the address in the deployment's URL (the machine's interface address here). */
    static PortCheckerApi via(URL deployment) {
        return new PortCheckerApi(URI.create("http://" + deployment.getHost() + ":" + deployment.getPort() + "/"));
    }

    /** Through 127.0.0.1, on the deployment's port. */
    static PortCheckerApi viaLoopback(URL deployment) {
        return new PortCheckerApi(URI.create("http://127.0.0.1:" + deployment.getPort() + "/"));
    }

    /** @return the address the server sees as the caller when this client is used */
    InetAddress callerAddress() throws UnknownHostException {
        return InetAddress.getByName(base.getHost()); // an IP literal: no name lookup
    }

    /** POST /check-ports with a JSON body built from the address and ports. */
    GolemHttpClient.Reply check(String ip, List<Integer> ports, String... headers) throws IOException {
        String body = "{\"provider_ip\":" + (ip == null ? "null" : "\"" + ip + "\"") + ",\"ports\":"
                + ports.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + "}";
        return send("POST", "check-ports", body, headers);
    }

    /** POST /check-ports with a raw body (sent as is, {@code application/json}). */
    GolemHttpClient.Reply checkRaw(String body, String... headers) throws IOException {
        return send("POST", "check-ports", body, headers);
    }

    GolemHttpClient.Reply get(String path) throws IOException {
        return send("GET", path, null);
    }

    /**
     * @param headers name, value, name, value, ...
     */
    GolemHttpClient.Reply send(String method, String path, String body, String... headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new GolemHttpClient.Reply(r.statusCode(), r.body(), r.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static JsonNode json(GolemHttpClient.Reply r) {
        return Json.tree(r.body());
    }

    static String code(GolemHttpClient.Reply r) {
        return json(r).path("detail").path("code").asText();
    }

    static String message(GolemHttpClient.Reply r) {
        return json(r).path("detail").path("message").asText();
    }
}
