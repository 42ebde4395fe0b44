package org.golem.vm.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.cli.support.ApiException;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.ServiceClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;

/**
 * HTTP client of the provider's operator API (README "Provider service"): JSON in and out, the admin bearer token
 * from {@code <data-dir>/admin.token} on every admin request (read once, never printed or logged), plus the
 * token-less readiness probe {@code GET /health/ready}.
 *
 * <p>Failures become {@link CliException}s with one line for the operator: an error envelope
 * {@code {"detail":{"code","message"}}} → {@link ApiException} ({@code <message> (<CODE>)}, with a hint for
 * {@code ADMIN_UNAUTHORIZED} and {@code ADMIN_FORBIDDEN}); nothing listening → {@link NotRunningException}; a body
 * that is not JSON → {@code unexpected response ...}.
 *
 * <p>One method per route the {@code golem-provider} commands call: this is the one place where a route's path is
 * written and its JSON answer is taken in, so a typed answer (a record of {@code org.golem.vm.common.wire.admin})
 * can replace a {@link JsonNode} route by route. Request bodies use the API's snake_case names; amounts are wei.
 */
public final class ProviderClient extends ServiceClient {

    private static final Logger LOG = Logger.getLogger(ProviderClient.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Nothing answers at the provider's URL (connection refused or timed out): the provider is not running there.
     */
    public static final class NotRunningException extends CliException {
        private static final long serialVersionUID = 1L;

        /**
         * @param message one line for the operator
         * @param cause   the connection failure
         */
        public NotRunningException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One readiness probe.
     *
     * @param status HTTP status of {@code GET /health/ready}, 0 when nothing answered
     * @param body   the MicroProfile Health JSON ({@link MissingNode} when absent or not JSON)
     */
    public record Health(int status, JsonNode body) {
        /** @return true when something answered */
        public boolean answers() {
            return status != 0;
        }

        /** @return true when ready (200) */
        public boolean ready() {
            return status == 200;
        }

        /** @return {@code name DOWN (error)} for each check that is not UP, or {@code HTTP <status>} */
        public String failingChecks() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode c : body.path("checks")) {
                if (!"UP".equalsIgnoreCase(c.path("status").asText())) {
                    String err = c.path("data").path("error").asText("");
                    sb.append(sb.length() == 0 ? "" : "; ").append(c.path("name").asText("?")).append(' ')
                            .append(c.path("status").asText("DOWN")).append(err.isEmpty() ? "" : " (" + err + ")");
                }
            }
            return sb.length() == 0 ? "HTTP " + status : sb.toString();
        }
    }

    /**
     * @param base      the provider's base URL, e.g. {@code http://127.0.0.1:7466} (a trailing slash is ignored)
     * @param tokenFile {@code <data-dir>/admin.token}; read once, on the first admin request
     */
    public ProviderClient(URI base, Path tokenFile) {
        super(base, tokenFile);
    }

    /** @return {@code GET /api/v1/admin/status}: the provider's status document */
    public JsonNode status() {
        return get("/api/v1/admin/status");
    }

    /** @return {@code GET /api/v1/provider/info} (public, no token): {@code provider_id} and what is advertised */
    public JsonNode providerInfo() {
        return get("/api/v1/provider/info");
    }

    /** @return {@code GET /api/v1/admin/vms}: {@code {"vms": [{..., stream_id, runway_seconds}...]}} */
    public JsonNode vms() {
        return get("/api/v1/admin/vms");
    }

    /**
     * @return {@code GET /api/v1/admin/earnings}: {@code streams}, {@code totals}, {@code withdrawals},
     *         {@code chain_time} (wei)
     */
    public JsonNode earnings() {
        return get("/api/v1/admin/earnings");
    }

    /**
     * @param body {@code {"all": true}}, {@code {"stream_id"}} or {@code {"vm_id"}}
     * @return {@code POST /api/v1/admin/withdraw}: {@code {"results": [{stream_id, vm_name, amount_wei, tx_hash,
     *         error}...]}}
     */
    public JsonNode withdraw(Map<String, Object> body) {
        return post("/api/v1/admin/withdraw", body);
    }

    /** @return {@code GET /api/v1/admin/pricing}: the advertised prices (USD and wei per unit and month) */
    public JsonNode pricing() {
        return get("/api/v1/admin/pricing");
    }

    /**
     * @param body the USD prices to change ({@code usd_per_core_month, usd_per_gb_ram_month,
     *             usd_per_gb_storage_month, token_usd_price}), at least one
     * @return {@code PUT /api/v1/admin/pricing}: the new prices
     */
    public JsonNode setPricing(Map<String, BigDecimal> body) {
        return put("/api/v1/admin/pricing", body);
    }

    /**
     * @param changes the auto-withdraw settings to change ({@code enabled, interval_seconds, min_wei}); none to read
     * @return {@code GET} (no changes) or {@code PUT /api/v1/admin/settings/withdraw}: the settings in force
     */
    public JsonNode withdrawSettings(Map<String, Object> changes) {
        return settings("/api/v1/admin/settings/withdraw", changes);
    }

    /**
     * @param changes the stream monitor settings to change ({@code enabled, interval_seconds, min_runway_seconds,
     *                stopped_retention_seconds}); none to read
     * @return {@code GET} (no changes) or {@code PUT /api/v1/admin/settings/monitor}: the settings in force, with
     *         the monitor's counters
     */
    public JsonNode monitorSettings(Map<String, Object> changes) {
        return settings("/api/v1/admin/settings/monitor", changes);
    }

    private JsonNode settings(String path, Map<String, Object> changes) {
        return changes.isEmpty() ? get(path) : put(path, changes);
    }

    /** @return {@code GET /api/v1/admin/wallet}: {@code address, balance_wei, token_symbol} */
    public JsonNode wallet() {
        return get("/api/v1/admin/wallet");
    }

    /** @return {@code POST /api/v1/admin/wallet/faucet}: {@code address, funded_wei} */
    public JsonNode faucet() {
        return post("/api/v1/admin/wallet/faucet", null);
    }

    /** {@code POST /api/v1/admin/shutdown}: asks the provider to stop. */
    public void shutdown() {
        post("/api/v1/admin/shutdown", null);
    }

    @Override
    protected String serviceName() {
        return "the provider";
    }

    @Override
    protected String tokenName() {
        return "admin token";
    }

    @Override
    protected String dataDirName() {
        return "the provider's data directory";
    }

    @Override
    protected CliException unreachable(Exception e) {
        return new NotRunningException("the provider is not running at " + base() + " ("
                + (e instanceof java.net.http.HttpConnectTimeoutException ? "connect timed out" : "connection refused")
                + "); start it with: golem-provider start", e);
    }

    @Override
    protected String explain(int status, String code, String message) {
        if (status == 403 && "ADMIN_FORBIDDEN".equals(code)) {
            return message + "; run golem-provider on the provider's machine, or allow this address with "
                    + "GOLEM_PROVIDER_ADMIN_ALLOWED_ADDRESSES";
        }
        if (status == 404 && code == null) {
            return message + " (is " + base() + " a provider of this version?)";
        }
        return super.explain(status, code, message);
    }

    /** @return the answer of {@code GET /health/ready} (no token); status 0 when nothing answers */
    public Health health() {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/health/ready"))
                    .timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body;
            try {
                body = r.body().length == 0 ? MissingNode.getInstance() : Json.mapper().readTree(r.body());
            } catch (IOException | JsonException e) {
                body = MissingNode.getInstance();
            }
            return new Health(r.statusCode(), body == null ? MissingNode.getInstance() : body);
        } catch (IOException e) {
            LOG.log(Level.FINE, "readiness probe failed", e);
            return new Health(0, MissingNode.getInstance());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }
}
