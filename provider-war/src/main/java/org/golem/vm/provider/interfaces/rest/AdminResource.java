package org.golem.vm.provider.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.provider.application.OperatorService;
import org.golem.vm.provider.application.PricingService;
import org.golem.vm.provider.application.ProviderShutdown;
import org.golem.vm.provider.application.StreamMonitor;
import org.golem.vm.provider.application.VmStore;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * {@code /api/v1/admin}: the operator's API (bearer token, allowed addresses: {@link AdminFilter}). Changes persist
 * in {@code operator.properties} and apply at once.
 * <ul>
 *   <li>{@code GET|PUT /pricing} — {@code usd_per_core_month}, {@code usd_per_gb_ram_month},
 *       {@code usd_per_gb_storage_month}, {@code token_usd_price} (PUT: any subset);</li>
 *   <li>{@code GET|PUT /settings/monitor} — {@code enabled}, {@code interval_seconds},
 *       {@code stopped_retention_seconds}, {@code min_runway_seconds};</li>
 *   <li>{@code GET|PUT /settings/withdraw} — {@code enabled}, {@code interval_seconds}, {@code min_wei};</li>
 *   <li>{@code GET /earnings} — per stream and totals in wei, withdrawal history;</li>
 *   <li>{@code POST /withdraw} — {@code {"stream_id": N}}, {@code {"vm_id": "name"}} or {@code {"all": true}};</li>
 *   <li>{@code GET /status}, {@code GET /vms}, {@code GET /wallet}, {@code POST /wallet/faucet} (dev chain only);</li>
 *   <li>{@code POST /shutdown} — 200 {@code {"ok": true}}, then the provider exits; with {@code stop-vms-on-exit} it
 *       stops every VM first, else the VMs keep running.</li>
 * </ul>
 */
@Path("api/v1/admin")
@RequestScoped
@Admin
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private static final Logger LOG = Logger.getLogger(AdminResource.class.getName());

    private static final Map<String, String> PRICING = Map.of("usd_per_core_month", "pricing.usd-per-core-month",
            "usd_per_gb_ram_month", "pricing.usd-per-gb-ram-month",
            "usd_per_gb_storage_month", "pricing.usd-per-gb-storage-month",
            "token_usd_price", "pricing.token-usd-price");
    private static final Map<String, String> MONITOR = Map.of("enabled", "monitor.enabled",
            "interval_seconds", "monitor.interval-seconds",
            "stopped_retention_seconds", "monitor.stopped-retention-seconds",
            "min_runway_seconds", "stream.min-runway-seconds");
    private static final Map<String, String> WITHDRAW = Map.of("enabled", "withdraw.enabled",
            "interval_seconds", "withdraw.interval-seconds", "min_wei", "withdraw.min-wei");

    @Inject
    OperatorService operator;

    @Inject
    PricingService pricing;

    @Inject
    ProviderSettings settings;

    @Inject
    StreamMonitor monitor;

    @Inject
    VmStore store;

    @Inject
    ProviderShutdown shutdown;

    /** Current prices: USD, token and wei per unit and month. */
    @GET
    @Path("pricing")
    public Response getPricing() {
        return RestSupport.ok(pricing.advertised());
    }

    /** Change prices (any subset); returns the new prices. */
    @PUT
    @Path("pricing")
    public Response setPricing(byte[] body) {
        operator.change(settingsFrom(body, PRICING));
        return getPricing();
    }

    /** Monitor settings and the monitor's counters. */
    @GET
    @Path("settings/monitor")
    public Response getMonitor() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", settings.monitorEnabled());
        out.put("interval_seconds", settings.monitorIntervalSeconds());
        out.put("stopped_retention_seconds", settings.stoppedRetentionSeconds());
        out.put("min_runway_seconds", settings.minRunwaySeconds());
        out.put("runs", monitor.task().runs());
        out.put("rpc_failures", monitor.task().failures());
        out.put("last_error", monitor.task().lastError());
        return RestSupport.ok(out);
    }

    /** Change monitor settings (any subset). */
    @PUT
    @Path("settings/monitor")
    public Response setMonitor(byte[] body) {
        operator.change(settingsFrom(body, MONITOR));
        return getMonitor();
    }

    /** Auto-withdraw settings. */
    @GET
    @Path("settings/withdraw")
    public Response getWithdraw() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", settings.withdrawEnabled());
        out.put("interval_seconds", settings.withdrawIntervalSeconds());
        out.put("min_wei", settings.withdrawMinWei());
        return RestSupport.ok(out);
    }

    /** Change auto-withdraw settings (any subset). */
    @PUT
    @Path("settings/withdraw")
    public Response setWithdraw(byte[] body) {
        operator.change(settingsFrom(body, WITHDRAW));
        return getWithdraw();
    }

    /** Earnings per stream and in total, wei. */
    @GET
    @Path("earnings")
    public Response earnings() {
        return RestSupport.ok(operator.earnings());
    }

    /** Withdraw one stream, one VM's stream, or all. */
    @POST
    @Path("withdraw")
    public Response withdraw(byte[] body) {
        JsonNode n = tree(body);
        List<BigInteger> ids;
        if (n.path("all").asBoolean(false)) {
            ids = null;
        } else if (n.hasNonNull("stream_id")) {
            ids = List.of(new BigInteger(n.get("stream_id").asText()));
        } else if (n.hasNonNull("vm_id")) {
            var vm = store.find(n.get("vm_id").asText()).orElse(null);
            BigInteger id = vm != null ? vm.streamId() : store.allBindings().stream()
                    .filter(b -> b.vmName().equals(n.get("vm_id").asText())).map(b -> b.streamId()).findFirst()
                    .orElse(null);
            if (id == null) {
                throw new ApiException(404, "NO_STREAM", "no stream mapped for this VM");
            }
            ids = List.of(id);
        } else {
            throw new ApiException(422, "VALIDATION_ERROR", "give stream_id, vm_id or \"all\": true");
        }
        return RestSupport.ok(Map.of("results", operator.withdraw(ids)));
    }

    /** The provider at a glance: payments, hypervisor (KVM or TCG), capacity, VMs, timers, advertiser, prices. */
    @GET
    @Path("status")
    public Response status() {
        return RestSupport.ok(operator.status());
    }

    /** Every VM with owner, resources, uptime and runway. */
    @GET
    @Path("vms")
    public Response vms() {
        return RestSupport.ok(Map.of("vms", operator.vmsForOperator()));
    }

    /** The provider's wallet (address, balance in wei). */
    @GET
    @Path("wallet")
    public Response wallet() {
        return RestSupport.ok(operator.wallet());
    }

    /** Fund the provider's wallet on the development chain. */
    @POST
    @Path("wallet/faucet")
    public Response faucet() {
        return RestSupport.ok(operator.faucet());
    }

    /**
     * Shut the provider down after answering: with {@code stop-vms-on-exit} every running VM is stopped first
     * ({@link ProviderShutdown}), then the process exits with status 0.
     */
    @POST
    @Path("shutdown")
    public Response shutdown() {
        LOG.warning("shutdown requested through the admin API");
        shutdown.exitSoon(300);
        return RestSupport.ok(Map.of("ok", true));
    }

    private static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ApiException(422, "VALIDATION_ERROR", "body: is required");
        }
        JsonNode n = RestSupport.read(body, JsonNode.class);
        if (!n.isObject()) {
            throw new ApiException(422, "VALIDATION_ERROR", "body: must be a JSON object");
        }
        return n;
    }

    private static Map<String, String> settingsFrom(byte[] body, Map<String, String> names) {
        JsonNode n = tree(body);
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            String key = names.get(e.getKey());
            if (key == null) {
                throw new ApiException(422, "INVALID_SETTING", e.getKey() + ": unknown; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(names.keySet())));
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ApiException(422, "INVALID_SETTING", e.getKey() + ": must be a number or boolean");
            }
            out.put(key, e.getValue().isBigDecimal() || e.getValue().isDouble()
                    ? e.getValue().decimalValue().toPlainString() : e.getValue().asText());
        });
        return out;
    }
}
