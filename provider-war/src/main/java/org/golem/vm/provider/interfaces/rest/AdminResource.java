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
import java.util.logging.Logger;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.admin.MonitorChange;
import org.golem.vm.common.wire.admin.PricingChange;
import org.golem.vm.common.wire.admin.ShutdownAccepted;
import org.golem.vm.common.wire.admin.WithdrawChange;
import org.golem.vm.common.wire.admin.WithdrawTarget;
import org.golem.vm.provider.application.EarningsService;
import org.golem.vm.provider.application.OperatorSettingsService;
import org.golem.vm.provider.application.PricingService;
import org.golem.vm.provider.application.ProviderOverview;
import org.golem.vm.provider.application.ProviderShutdown;

/**
 * {@code /api/v1/admin}: the operator's API (bearer token, allowed addresses: {@link AdminFilter}). Changes persist
 * in {@code operator.properties} and apply at once. Every body and answer is a record of
 * {@code org.golem.vm.common.wire.admin}.
 * <ul>
 *   <li>{@code GET|PUT /pricing} — {@code usd_per_core_month}, {@code usd_per_gb_ram_month},
 *       {@code usd_per_gb_storage_month}, {@code token_usd_price} (PUT: any subset, {@link PricingChange});</li>
 *   <li>{@code GET|PUT /settings/monitor} — {@code enabled}, {@code interval_seconds},
 *       {@code stopped_retention_seconds}, {@code min_runway_seconds} ({@link MonitorChange});</li>
 *   <li>{@code GET|PUT /settings/withdraw} — {@code enabled}, {@code interval_seconds}, {@code min_wei}
 *       ({@link WithdrawChange});</li>
 *   <li>{@code GET /earnings} — per stream and totals in wei, withdrawal history;</li>
 *   <li>{@code POST /withdraw} — {@code {"stream_id": N}}, {@code {"vm_id": "name"}} or {@code {"all": true}}
 *       ({@link WithdrawTarget});</li>
 *   <li>{@code GET /status}, {@code GET /vms}, {@code GET /wallet}, {@code POST /wallet/faucet} (dev chain only);</li>
 *   <li>{@code POST /shutdown} — 200 {@code {"ok": true}}, then the provider exits; with {@code stop-vms-on-exit} it
 *       stops every VM first, else the VMs keep running.</li>
 * </ul>
 * Bodies are read strictly into their records and checked before anything is persisted or withdrawn: a field the
 * body does not have or a number that is not of its field's kind ({@code 1.5} seconds, {@code 1e3} wei) is 422
 * {@code INVALID_BODY}, a value out of range 422 {@code VALIDATION_ERROR}, both naming the field; prices must also
 * give an advertisement discovery accepts.
 */
@Path("api/v1/admin")
@RequestScoped
@Admin
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private static final Logger LOG = Logger.getLogger(AdminResource.class.getName());

    @Inject
    OperatorSettingsService operatorSettings;

    @Inject
    EarningsService earnings;

    @Inject
    ProviderOverview overview;

    @Inject
    PricingService pricing;

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
        operatorSettings.changePricing(RestSupport.readStrict(body, PricingChange.class));
        return getPricing();
    }

    /** Monitor settings and the monitor's counters. */
    @GET
    @Path("settings/monitor")
    public Response getMonitor() {
        return RestSupport.ok(operatorSettings.monitorSettings());
    }

    /** Change monitor settings (any subset). */
    @PUT
    @Path("settings/monitor")
    public Response setMonitor(byte[] body) {
        operatorSettings.changeMonitor(RestSupport.readStrict(body, MonitorChange.class));
        return getMonitor();
    }

    /** Auto-withdraw settings. */
    @GET
    @Path("settings/withdraw")
    public Response getWithdraw() {
        return RestSupport.ok(operatorSettings.withdrawSettings());
    }

    /** Change auto-withdraw settings (any subset). */
    @PUT
    @Path("settings/withdraw")
    public Response setWithdraw(byte[] body) {
        operatorSettings.changeWithdraw(RestSupport.readStrict(body, WithdrawChange.class));
        return getWithdraw();
    }

    /** Earnings per stream and in total, wei. */
    @GET
    @Path("earnings")
    public Response earnings() {
        return RestSupport.ok(earnings.earnings());
    }

    /** Withdraw one stream, one VM's stream, or all. */
    @POST
    @Path("withdraw")
    public Response withdraw(byte[] body) {
        return RestSupport.ok(earnings.withdraw(RestSupport.readStrict(body, WithdrawTarget.class)));
    }

    /** The provider at a glance: payments, hypervisor (KVM or TCG), capacity, VMs, timers, advertiser, prices. */
    @GET
    @Path("status")
    public Response status() {
        return RestSupport.ok(overview.status());
    }

    /** Every VM with owner, resources, uptime and runway. */
    @GET
    @Path("vms")
    public Response vms() {
        return RestSupport.ok(overview.vmsForOperator());
    }

    /**
     * Every image of the catalogue: status ({@code ready}, {@code missing}, {@code invalid}), location on the host,
     * why it is not ready, and what requestors are offered about it when it is ({@code golem-provider images list}).
     */
    @GET
    @Path("images")
    public Response images() {
        return RestSupport.ok(overview.images());
    }

    /** The provider's wallet (address, balance in wei). */
    @GET
    @Path("wallet")
    public Response wallet() {
        return RestSupport.ok(earnings.wallet());
    }

    /** Fund the provider's wallet on the development chain. */
    @POST
    @Path("wallet/faucet")
    public Response faucet() {
        return RestSupport.ok(earnings.faucet());
    }

    /**
     * Shut the provider down after answering: with {@code stop-vms-on-exit} every running VM is stopped first, then
     * the process exits with status 0 ({@link ProviderShutdown#exitSoon}).
     */
    @POST
    @Path("shutdown")
    public Response shutdown() {
        LOG.warning("shutdown requested through the admin API");
        shutdown.exitSoon(300);
        return RestSupport.ok(ShutdownAccepted.accepted());
    }
}
