package org.golem.vm.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.auth.SignedHeaders;
import org.golem.vm.common.json.Json;
import org.web3j.crypto.Credentials;

/**
 * A signed request as an eavesdropper captures it off the wire: signed once (method, path with query, body and
 * the three {@code X-Golem-*} headers), then sent again byte for byte, to the same service (after a restart, say)
 * or to another instance. Tests of replay protection send it once as its signer would and replay it later.
 *
 * @param method        HTTP method
 * @param pathWithQuery the signed request target, e.g. {@code /api/v1/vms/web}
 * @param jsonBody      the body, or null for none
 * @param headers       the signature headers, signed at the moment of {@link #sign}
 */
public record CapturedRequest(String method, String pathWithQuery, String jsonBody, SignedHeaders headers) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * Signs a request now, with the system clock.
     *
     * @param as            the signer
     * @param method        HTTP method
     * @param pathWithQuery request target starting with {@code /}, as it will be sent
     * @param jsonBody      JSON body, or null for none
     * @return the request, not yet sent
     */
    public static CapturedRequest sign(Credentials as, String method, String pathWithQuery, String jsonBody) {
        return sign(as, method, pathWithQuery, jsonBody, Clock.systemUTC().instant().getEpochSecond());
    }

    /**
     * Signs a request as of the given time.
     *
     * @param as               the signer
     * @param method           HTTP method
     * @param pathWithQuery    request target starting with {@code /}, as it will be sent
     * @param jsonBody         JSON body, or null for none
     * @param timestampSeconds the signed {@code X-Golem-Timestamp}, Unix seconds
     * @return the request, not yet sent
     */
    public static CapturedRequest sign(Credentials as, String method, String pathWithQuery, String jsonBody,
                                       long timestampSeconds) {
        SignedHeaders h = new RequestSigner(as).sign(method, pathWithQuery,
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8), timestampSeconds);
        return new CapturedRequest(method, pathWithQuery, jsonBody, h);
    }

    /**
     * Sends the captured bytes.
     *
     * @param base the service's root, e.g. {@code http://127.0.0.1:7466/}
     * @return the reply, whatever its status
     * @throws IOException when the service cannot be reached
     */
    public HttpResponse<String> sendTo(URI base) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathWithQuery)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        headers.asMap().forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * @param reply a reply in the project's error shape
     * @return its {@code detail.code}, or "" when there is none
     */
    public static String code(HttpResponse<String> reply) {
        return Json.tree(reply.body()).path("detail").path("code").asText();
    }

    @Override
    public String toString() {
        return "signed " + method + " " + pathWithQuery + " (X-Golem-Timestamp " + headers.timestamp() + ")";
    }
}
