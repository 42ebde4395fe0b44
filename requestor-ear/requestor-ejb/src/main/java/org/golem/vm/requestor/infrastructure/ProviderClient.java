package org.golem.vm.requestor.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.requestor.application.port.ProviderRefusedException;
import org.web3j.crypto.Credentials;

/**
 * Calls one provider's API ({@code http://<ip>:<port>/api/v1}) with requests signed by the requestor's wallet
 * (docs/auth.md). A 2xx reply is read as the typed record the provider API documents (docs/provider-api.md);
 * {@link ProviderRefusedException} carries a refusal's status, code and message.
 */
public final class ProviderClient {
    private final URI base;
    private final GolemHttpClient http;

    /**
     * @param baseUrl provider base URL, e.g. {@code http://203.0.113.7:7466}
     * @param wallet  the requestor's key (signs every request)
     */
    public ProviderClient(String baseUrl, Credentials wallet) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = new GolemHttpClient(new RequestSigner(wallet));
    }

    /**
     * @param method HTTP method
     * @param path   path under {@code /api/v1/}, e.g. {@code vms/my-vm}
     * @param body   JSON body or null
     * @return the reply's JSON (null for an empty body) when the status is 2xx
     * @throws ProviderRefusedException for a non-2xx answer of the provider service (one carrying its {@code detail})
     * @throws IOException       when the provider cannot be reached, or a non-2xx answer comes from something else
     *                           (Payara's own pages while the provider is still deploying)
     */
    private JsonNode call(String method, String path, Object body) throws IOException {
        GolemHttpClient.Reply r;
        try {
            r = http.send(method, base.resolve("api/v1/" + path), body == null ? null
                    : body instanceof String s ? s : Json.toJson(body));
        } catch (IOException e) {
            throw new IOException("provider at " + base + " cannot be reached ("
                    + IoFailures.describe(e) + ")", e);
        }
        JsonNode json = r.body() == null || r.body().isBlank() ? null : tree(r.body());
        if (r.status() / 100 != 2) {
            JsonNode detail = json == null ? null : json.path("detail");
            if (detail == null || detail.isMissingNode() || detail.isNull()) {
                // Not the provider service's answer: Payara Micro listens before the WAR is deployed and answers
                // 404/503 pages of its own (or an empty 500) while a provider starts. Taken as a refusal, a 404
                // would read as "no such VM" and a delete would drop a VM that exists: treat it as unreachable.
                throw new IOException("provider at " + base + " is not answering as a provider yet (HTTP "
                        + r.status() + " without the provider's error body; it may be starting): retry shortly");
            }
            String code = detail.isObject() ? detail.path("code").asText(null) : null;
            String message = detail.isObject() ? detail.path("message").asText() : detail.asText();
            throw new ProviderRefusedException(r.status(), code, message);
        }
        return json;
    }

    /**
     * Sends a request and reads the 2xx reply as {@code type}.
     *
     * @param method HTTP method
     * @param path   path under {@code /api/v1/}
     * @param body   the request record, or null
     * @param type   the reply's record type
     * @return the reply, or null when its body is empty
     * @throws ProviderRefusedException for the provider's own refusal
     * @throws IOException              when the provider cannot be reached, answers something else, or its reply is
     *                                  not a {@code type}
     */
    public <T> T call(String method, String path, Object body, Class<T> type) throws IOException {
        JsonNode json = call(method, path, body);
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new IOException("provider at " + base + " answered " + path + " with JSON that is not a "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends a request whose 2xx reply carries nothing the requestor reads.
     *
     * @throws ProviderRefusedException for the provider's own refusal
     * @throws IOException              when the provider cannot be reached or answers something else
     */
    public void send(String method, String path, Object body) throws IOException {
        call(method, path, body);
    }

    /** @return the reply's status code only (for polling where 404 is an answer) */
    public int status(String method, String path) throws IOException {
        return http.send(method, base.resolve("api/v1/" + path), null).status();
    }

    private static JsonNode tree(String body) {
        try {
            return Json.tree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** @return the provider's base URL */
    public URI base() {
        return base;
    }
}
