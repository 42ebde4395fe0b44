package org.golem.vm.cli.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.cli.support.ServiceRefusal;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.ServiceClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.common.wire.admin.Earnings;
import org.golem.vm.common.wire.admin.FaucetResult;
import org.golem.vm.common.wire.admin.MonitorChange;
import org.golem.vm.common.wire.admin.MonitorSettings;
import org.golem.vm.common.wire.admin.OperatorImages;
import org.golem.vm.common.wire.admin.OperatorVms;
import org.golem.vm.common.wire.admin.PricingChange;
import org.golem.vm.common.wire.admin.ProviderStatus;
import org.golem.vm.common.wire.admin.Wallet;
import org.golem.vm.common.wire.admin.WithdrawChange;
import org.golem.vm.common.wire.admin.WithdrawResults;
import org.golem.vm.common.wire.admin.WithdrawSettings;
import org.golem.vm.common.wire.admin.WithdrawTarget;

/**
 * HTTP client of the provider's operator API (README "Provider service"): JSON in and out, the admin bearer token
 * from {@code <data-dir>/admin.token} on every admin request (read once, never printed or logged), plus the
 * token-less readiness probe {@code GET /health/ready}.
 *
 * <p>Failures become {@link CliException}s with one line for the operator: an error envelope
 * {@code {"detail":{"code","message"}}} → {@link ServiceRefusal} ({@code <message> (<CODE>)}, with a hint for
 * {@code ADMIN_UNAUTHORIZED} and {@code ADMIN_FORBIDDEN}); nothing listening → {@link NotRunningException}; a body
 * that is not JSON → {@code unexpected response ...}.
 *
 * <p>One method per route the {@code golem-provider} commands call: this is the one place where a route's path is
 * written and its JSON answer is taken in, as the route's record ({@code org.golem.vm.common.wire.admin} for the
 * admin API, {@code org.golem.vm.common.wire} for the public provider API); an answer that is not that record is
 * {@code unexpected response ...}. Request bodies are the admin API's request records (snake_case names; their null
 * fields are not sent); amounts are wei.
 */
public final class ProviderAdminClient extends ServiceClient {

    private static final Logger LOG = Logger.getLogger(ProviderAdminClient.class.getName());
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
     * @param body   the MicroProfile Health answer, null when absent or not that JSON
     */
    public record Health(int status, HealthAnswer body) {
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
            StringJoiner failing = new StringJoiner("; ");
            if (body != null && body.checks() != null) {
                for (HealthAnswer.Check c : body.checks()) {
                    if (!"UP".equalsIgnoreCase(c.status())) {
                        String err = c.data() == null || c.data().get("error") == null ? ""
                                : String.valueOf(c.data().get("error"));
                        failing.add((c.name() == null ? "?" : c.name()) + ' '
                                + (c.status() == null ? "DOWN" : c.status()) + (err.isEmpty() ? "" : " (" + err + ")"));
                    }
                }
            }
            return failing.length() == 0 ? "HTTP " + status : failing.toString();
        }
    }

    /**
     * The MicroProfile Health answer of {@code GET /health/ready} (the MicroProfile Health specification, not an API
     * of this project): {@code {"status": "UP"|"DOWN", "checks": [{"name", "status", "data": {...}}]}}.
     *
     * @param status {@code UP} or {@code DOWN}
     * @param checks one per health check
     */
    public record HealthAnswer(String status, List<Check> checks) {
        /**
         * @param name   the check's name, e.g. {@code provider-chain}
         * @param status {@code UP} or {@code DOWN}
         * @param data   what the check adds (our checks put {@code error} there when DOWN); absent when none
         */
        public record Check(String name, String status,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> data) {
        }
    }

    /**
     * @param base      the provider's base URL, e.g. {@code http://127.0.0.1:7466} (a trailing slash is ignored)
     * @param tokenFile {@code <data-dir>/admin.token}; read once, on the first admin request
     */
    public ProviderAdminClient(URI base, Path tokenFile) {
        super(base, tokenFile);
    }

    /** @return {@code GET /api/v1/admin/status}: the provider at a glance */
    public ProviderStatus status() {
        return read("GET", "/api/v1/admin/status", get("/api/v1/admin/status"), ProviderStatus.class);
    }

    /** @return {@code GET /api/v1/provider/info} (public, no token): {@code provider_id} and what is advertised */
    public ProviderInfo providerInfo() {
        return read("GET", "/api/v1/provider/info", get("/api/v1/provider/info"), ProviderInfo.class);
    }

    /** @return {@code GET /api/v1/admin/vms}: every VM, with its stream and runway */
    public OperatorVms vms() {
        return read("GET", "/api/v1/admin/vms", get("/api/v1/admin/vms"), OperatorVms.class);
    }

    /** @return {@code GET /api/v1/admin/images}: every image of the catalogue with its status and location */
    public OperatorImages images() {
        return read("GET", "/api/v1/admin/images", get("/api/v1/admin/images"), OperatorImages.class);
    }

    /** @return {@code GET /api/v1/admin/earnings}: per stream, totals and withdrawals (wei) */
    public Earnings earnings() {
        return read("GET", "/api/v1/admin/earnings", get("/api/v1/admin/earnings"), Earnings.class);
    }

    /**
     * @param target every stream, one stream, or the stream of one VM (the fields left null are not sent)
     * @return {@code POST /api/v1/admin/withdraw}: one result per withdrawal attempted
     */
    public WithdrawResults withdraw(WithdrawTarget target) {
        return read("POST", "/api/v1/admin/withdraw", post("/api/v1/admin/withdraw", target), WithdrawResults.class);
    }

    /** @return {@code GET /api/v1/admin/pricing}: the advertised prices (USD and wei per unit and month) */
    public AdvertisedPricing pricing() {
        return read("GET", "/api/v1/admin/pricing", get("/api/v1/admin/pricing"), AdvertisedPricing.class);
    }

    /**
     * @param change the USD prices to change (the fields left null are not sent), at least one
     * @return {@code PUT /api/v1/admin/pricing}: the new prices
     */
    public AdvertisedPricing setPricing(PricingChange change) {
        return read("PUT", "/api/v1/admin/pricing", put("/api/v1/admin/pricing", change), AdvertisedPricing.class);
    }

    /**
     * @param change the auto-withdraw settings to change (the fields left null are not sent), or null to read them
     * @return {@code GET} (null) or {@code PUT /api/v1/admin/settings/withdraw}: the settings in force
     */
    public WithdrawSettings withdrawSettings(WithdrawChange change) {
        return settings("/api/v1/admin/settings/withdraw", change, WithdrawSettings.class);
    }

    /**
     * @param change the stream monitor settings to change (the fields left null are not sent), or null to read them
     * @return {@code GET} (null) or {@code PUT /api/v1/admin/settings/monitor}: the settings in force, with the
     *         monitor's counters
     */
    public MonitorSettings monitorSettings(MonitorChange change) {
        return settings("/api/v1/admin/settings/monitor", change, MonitorSettings.class);
    }

    private <T> T settings(String path, Object change, Class<T> answer) {
        return change == null ? read("GET", path, get(path), answer) : read("PUT", path, put(path, change), answer);
    }

    /** @return {@code GET /api/v1/admin/wallet}: address, balance (wei), token symbol */
    public Wallet wallet() {
        return read("GET", "/api/v1/admin/wallet", get("/api/v1/admin/wallet"), Wallet.class);
    }

    /** @return {@code POST /api/v1/admin/wallet/faucet}: address and the balance it now has (wei) */
    public FaucetResult faucet() {
        return read("POST", "/api/v1/admin/wallet/faucet", post("/api/v1/admin/wallet/faucet", null),
                FaucetResult.class);
    }

    /** {@code POST /api/v1/admin/shutdown}: asks the provider to stop (it answers {@code {"ok": true}}). */
    public void shutdown() {
        post("/api/v1/admin/shutdown", null);
    }

    /**
     * Takes in an answer as its record.
     *
     * @param method the request's method, for the message
     * @param path   the route, for the message
     * @param body   the JSON answer
     * @param type   the record of the route's answer
     * @return the answer as that record
     * @throws CliException {@code unexpected response ...} when the body is not that record (e.g. an empty body)
     */
    private <T> T read(String method, String path, JsonNode body, Class<T> type) {
        try {
            T value = body == null || !body.isObject() ? null : Json.mapper().treeToValue(body, type);
            if (value != null) {
                return value;
            }
        } catch (JsonProcessingException e) {
            throw unexpected(method, path, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw unexpected(method, path, e.getMessage(), e);
        }
        throw unexpected(method, path, "not a JSON object", null);
    }

    private CliException unexpected(String method, String path, String why, Throwable cause) {
        return new CliException("unexpected response from " + serviceName() + " to " + method + " " + path + ": "
                + why, cause);
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
                + (e instanceof HttpConnectTimeoutException ? "connect timed out" : "connection refused")
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
            HealthAnswer body;
            try {
                body = r.body().length == 0 ? null : Json.fromJson(r.body(), HealthAnswer.class);
            } catch (JsonException e) {
                LOG.log(Level.FINE, "readiness answer is not MicroProfile Health JSON", e);
                body = null;
            }
            return new Health(r.statusCode(), body);
        } catch (IOException e) {
            LOG.log(Level.FINE, "readiness probe failed", e);
            return new Health(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }
}
