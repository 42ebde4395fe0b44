package org.golem.vm.requestor.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.golem.vm.common.json.Json;

/** A test client of the requestor service's REST API (docs/requestor-api.md) with its bearer token. */
public final class RequestorApi {
    private final URI base;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A reply: status and JSON body (null when empty). */
    public record Reply(int status, JsonNode json, String body) {
        /** @return the error code of an error reply */
        public String code() {
            return json == null ? null : json.path("detail").path("code").asText(null);
        }
    }

    /**
     * @param base    the service URL
     * @param dataDir its data directory (holds {@code api.token})
     */
    public RequestorApi(URI base, Path dataDir) {
        this.base = base;
        this.dataDir = dataDir;
    }

    /** Sends a request (body: a JSON string or null). */
    public Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + Files.readString(dataDir.resolve("api.token")).strip())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body() == null || r.body().isBlank() ? null : Json.tree(r.body());
        return new Reply(r.statusCode(), json, r.body());
    }

    /** GET returning the JSON of a 200, else fails with the body. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        Reply r = send("GET", path, null);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " → " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Polls a creation job until it is no longer {@code creating}; returns its last state. */
    public JsonNode awaitJob(String jobId, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode j = get("api/v1/jobs/" + jobId);
        while ("creating".equals(j.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            j = get("api/v1/jobs/" + jobId);
        }
        return j;
    }
}
