package org.golem.vm.provider.interfaces.rest;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
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
 * Bodies are read into typed records ({@link OperatorService.PricingChange}, {@link OperatorService.MonitorChange},
 * {@link OperatorService.WithdrawChange}, {@link WithdrawTarget}, whose comments give every field's range) and checked
 * before anything is persisted or withdrawn: a field the body does not have or a number that is not of its field's
 * kind ({@code 1.5} seconds, {@code 1e3} wei) is 422 {@code INVALID_BODY}, a value out of range 422
 * {@code VALIDATION_ERROR}, both naming the field; prices must also give an advertisement discovery accepts.
 */
@Path("api/v1/admin")
@RequestScoped
@Admin
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private static final Logger LOG = Logger.getLogger(AdminResource.class.getName());

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
        operator.changePricing(RestSupport.readStrict(body, OperatorService.PricingChange.class));
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
        operator.changeMonitor(RestSupport.readStrict(body, OperatorService.MonitorChange.class));
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
        operator.changeWithdraw(RestSupport.readStrict(body, OperatorService.WithdrawChange.class));
        return getWithdraw();
    }

    /** Earnings per stream and in total, wei. */
    @GET
    @Path("earnings")
    public Response earnings() {
        return RestSupport.ok(operator.earnings());
    }

    /**
     * Body of {@code POST /api/v1/admin/withdraw}: one of the three (checked in this order).
     *
     * @param all      true: every stream not yet settled
     * @param streamId one stream, 0 to 2^256-1
     * @param vmId     the stream of this VM (text without control characters or unpaired surrogates)
     */
    public record WithdrawTarget(Boolean all, BigInteger streamId, String vmId) {
    }

    /** Withdraw one stream, one VM's stream, or all. */
    @POST
    @Path("withdraw")
    public Response withdraw(byte[] body) {
        WithdrawTarget t = RestSupport.readStrict(body, WithdrawTarget.class);
        List<Violation> v = new ArrayList<>(WireValidation.streamId(t.streamId()));
        v.addAll(WireValidation.text("vm_id", t.vmId()));
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        List<BigInteger> ids;
        if (Boolean.TRUE.equals(t.all())) {
            ids = null;
        } else if (t.streamId() != null) {
            ids = List.of(t.streamId());
        } else if (t.vmId() != null) {
            var vm = store.find(t.vmId()).orElse(null);
            BigInteger id = vm != null ? vm.streamId() : store.allBindings().stream()
                    .filter(b -> b.vmName().equals(t.vmId())).map(b -> b.streamId()).findFirst()
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

}
