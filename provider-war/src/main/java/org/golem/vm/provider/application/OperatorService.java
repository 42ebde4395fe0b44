package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.money.UsdPricing;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.StreamBinding;
import org.golem.vm.provider.domain.Withdrawal;
import org.golem.vm.provider.infrastructure.chain.ChainGateway;

/**
 * The operator's use cases behind the admin API: prices, monitor and withdraw settings (persisted in
 * {@code operator.properties}, applied at once), earnings and withdrawals.
 */
@ApplicationScoped
public class OperatorService {
    private static final String P = ProviderSettings.PREFIX;

    /** Longest interval of the stream monitor and of auto-withdraw: 365 days, in seconds. */
    public static final long MAX_INTERVAL_SECONDS = 365L * 86_400;
    /** Longest minimum runway: 365 days, in seconds (a requestor pays for at most 8760 hours at a time). */
    public static final long MAX_MIN_RUNWAY_SECONDS = 365L * 86_400;
    /** Longest retention of a VM stopped for lack of payment: 3650 days, in seconds. */
    public static final long MAX_RETENTION_SECONDS = 3650L * 86_400;

    @Inject
    ProviderSettings settings;

    @Inject
    VmStore store;

    @Inject
    ChainGateway chain;

    @Inject
    Payouts payouts;

    @Inject
    StreamMonitor monitor;

    @Inject
    AutoWithdraw autoWithdraw;

    @Inject
    Event<ProviderChanged> changed;

    @Inject
    VmService vms;

    @Inject
    PricingService pricing;

    @Inject
    Advertiser advertiser;

    @Inject
    org.golem.vm.provider.application.port.VmHost hypervisor;

    /**
     * Earnings of one stream, wei.
     *
     * @param vmId         the VM it pays (paid) for
     * @param streamId     stream
     * @param token        token address (zero = native ETH)
     * @param vested       vested so far
     * @param withdrawn    already paid to the provider
     * @param withdrawable vested and not yet withdrawn
     * @param status       stream status at the chain's time
     * @param settled      nothing more to collect
     */
    public record StreamEarnings(String vmId, BigInteger streamId, String token, BigInteger vested,
                                 BigInteger withdrawn, BigInteger withdrawable, String status, boolean settled) {
    }

    /**
     * The earnings report: per stream, totals (wei) and every withdrawal made.
     *
     * @param streams     per stream
     * @param totals      {@code vested}, {@code withdrawn}, {@code withdrawable}
     * @param withdrawals history, oldest first
     * @param chainTime   the chain time the figures are computed at
     */
    public record Earnings(List<StreamEarnings> streams, Map<String, BigInteger> totals,
                           List<WithdrawalView> withdrawals, long chainTime) {
    }

    /** One past withdrawal. */
    public record WithdrawalView(BigInteger streamId, String vmId, BigInteger amountWei, String txHash,
                                 String origin, long createdAt) {
    }

    /**
     * @return earnings of every stream ever bound
     * @throws ApiException 503 CHAIN_UNAVAILABLE
     */
    public Earnings earnings() {
        List<StreamBinding> all = chain.paymentsEnabled() ? store.allBindings() : List.of();
        StreamPaymentClient.StreamBatch batch;
        try {
            batch = chain.read(all.stream().map(StreamBinding::streamId).toList());
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", "the payments chain cannot be reached: " + e.getMessage());
        }
        long now = batch.blockTimestamp();
        List<StreamEarnings> rows = new ArrayList<>();
        BigInteger vested = BigInteger.ZERO;
        BigInteger withdrawn = BigInteger.ZERO;
        BigInteger withdrawable = BigInteger.ZERO;
        for (StreamBinding b : all) {
            StreamState s = batch.streams().get(b.streamId());
            BigInteger v = StreamMath.vested(s, now);
            BigInteger w = StreamMath.withdrawable(s, now);
            rows.add(new StreamEarnings(b.vmName(), b.streamId(), s.token(), v, s.withdrawn(), w,
                    StreamMath.status(s, now).wire(), b.settled()));
            vested = vested.add(v);
            withdrawn = withdrawn.add(s.withdrawn());
            withdrawable = withdrawable.add(w);
        }
        Map<String, BigInteger> totals = new LinkedHashMap<>();
        totals.put("vested", vested);
        totals.put("withdrawn", withdrawn);
        totals.put("withdrawable", withdrawable);
        List<WithdrawalView> history = store.withdrawals().stream().map((Withdrawal w) -> new WithdrawalView(
                w.streamId(), w.vmName(), w.amountWei(), w.txHash(), w.origin(), w.createdAt())).toList();
        return new Earnings(rows, totals, history, now);
    }

    /**
     * The provider at a glance (admin {@code GET /status}, the dashboard, {@code golem-provider status}).
     *
     * @return {@code provider_id, payments{...}, hypervisor{driver, accelerator}, ssh_ports{first, last,
     *         assigned{driver id → port}}, capacity{total, free}, vms{status → count}, monitor{...}, withdraw{...},
     *         advertiser{...}, pricing}; {@code ssh_ports.assigned} is the SSH port allocator's table, one entry per
     *         VM that holds a port
     */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider_id", chain.providerId());
        Map<String, Object> pay = new LinkedHashMap<>();
        pay.put("enabled", chain.paymentsEnabled());
        pay.put("network", settings.paymentsNetwork());
        pay.put("contract", chain.contracts().contract());
        pay.put("token", chain.contracts().token());
        pay.put("token_symbol", settings.tokenSymbol());
        pay.put("rpc_url", settings.rpcUrl());
        try {
            pay.put("chain_time", chain.now());
            pay.put("chain_ok", true);
        } catch (IOException e) {
            pay.put("chain_ok", false);
            pay.put("chain_error", e.getMessage());
        }
        m.put("payments", pay);
        Map<String, Object> hv = new LinkedHashMap<>();
        hv.put("driver", settings.vmDriver());
        hv.put("accelerator", hypervisor.accelerator().orElse("undecided"));
        m.put("hypervisor", hv);
        var allocator = hypervisor.ports();
        Map<String, Object> ssh = new LinkedHashMap<>();
        ssh.put("first", allocator.firstPort());
        ssh.put("last", allocator.lastPort());
        ssh.put("assigned", allocator.assignments());
        m.put("ssh_ports", ssh);
        var capacity = vms.capacity();
        Map<String, Object> cap = new LinkedHashMap<>();
        cap.put("total", capacity.total());
        cap.put("free", vms.free());
        cap.put("max_vms", capacity.maxVms());
        m.put("capacity", cap);
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        store.all().forEach(v -> byStatus.merge(v.status().wire(), 1L, Long::sum));
        m.put("vms", byStatus);
        Map<String, Object> mon = new LinkedHashMap<>();
        mon.put("enabled", settings.monitorEnabled());
        mon.put("interval_seconds", settings.monitorIntervalSeconds());
        mon.put("runs", monitor.task().runs());
        mon.put("failures", monitor.task().failures());
        m.put("monitor", mon);
        Map<String, Object> wd = new LinkedHashMap<>();
        wd.put("enabled", settings.withdrawEnabled());
        wd.put("interval_seconds", settings.withdrawIntervalSeconds());
        wd.put("min_wei", settings.withdrawMinWei());
        wd.put("failures", autoWithdraw.task().failures());
        m.put("withdraw", wd);
        Map<String, Object> adv = new LinkedHashMap<>();
        adv.put("discovery_url", settings.discoveryUrl().orElse(null));
        adv.put("last_published_at", advertiser.lastPublishedAt().orElse(null));
        adv.put("last_skip", advertiser.lastSkip().orElse(null));
        m.put("advertiser", adv);
        m.put("pricing", pricing.advertised());
        return m;
    }

    /**
     * Every VM for the operator: owner, resources, status, uptime and the runway of its stream.
     *
     * @return one map per VM: {@code name, driver_id, owner, status, resources, ssh_port, created_at (epoch ms),
     *         uptime_seconds (running only), stream_id, runway_seconds (null when unknown), reason};
     *         {@code driver_id} is the hypervisor's name of the VM (the QEMU driver's {@code <data-dir>/vms/<id>},
     *         the Multipass instance), which the operator needs to find its files and processes
     */
    public List<Map<String, Object>> vmsForOperator() {
        List<org.golem.vm.provider.domain.VmRecord> all = store.all();
        Map<BigInteger, Long> runway = new LinkedHashMap<>();
        List<BigInteger> ids = all.stream().map(org.golem.vm.provider.domain.VmRecord::streamId)
                .filter(java.util.Objects::nonNull).toList();
        if (!ids.isEmpty() && chain.paymentsEnabled()) {
            try {
                var batch = chain.read(ids);
                batch.streams().forEach((id, s) -> runway.put(id, StreamMath.remainingSeconds(s,
                        batch.blockTimestamp())));
            } catch (IOException e) {
                // runway unknown while the chain cannot be read
            }
        }
        long now = System.currentTimeMillis();
        List<Map<String, Object>> out = new ArrayList<>();
        for (var v : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("driver_id", v.driverId());
            m.put("owner", v.owner());
            m.put("status", v.status().wire());
            m.put("resources", v.resources());
            m.put("ssh_port", v.sshPort());
            m.put("created_at", v.createdAt());
            m.put("uptime_seconds", v.status() == org.golem.vm.common.wire.VmStatus.RUNNING
                    ? (now - v.updatedAt()) / 1000 : null);
            m.put("stream_id", v.streamId());
            m.put("runway_seconds", v.streamId() == null ? null : runway.get(v.streamId()));
            m.put("reason", v.statusReason());
            out.add(m);
        }
        return out;
    }

    /**
     * The provider's wallet: its address and balance (it pays the gas of withdrawals).
     *
     * @throws ApiException 503 CHAIN_UNAVAILABLE
     */
    public Map<String, Object> wallet() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", chain.providerId());
        try {
            m.put("balance_wei", chain.balance());
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", "the payments chain cannot be read: " + e.getMessage());
        }
        m.put("token_symbol", settings.tokenSymbol());
        return m;
    }

    /**
     * Funds the provider's wallet on a development chain (10 ETH).
     *
     * @throws ApiException 409 FAUCET_DISABLED on other chains, 503 CHAIN_UNAVAILABLE
     */
    public Map<String, Object> faucet() {
        BigInteger amount = BigInteger.TEN.pow(19);
        try {
            if (!chain.devFaucet(amount)) {
                throw new ApiException(409, "FAUCET_DISABLED", "no faucet on payments network "
                        + settings.paymentsNetwork() + " (only the local development chain has one)");
            }
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", "the payments chain cannot be reached: " + e.getMessage());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", chain.providerId());
        m.put("funded_wei", amount);
        return m;
    }

    /**
     * Withdraws now, regardless of interval and minimum.
     *
     * @param streamIds streams, or null for all unsettled ones
     * @return what happened per stream
     * @throws ApiException 503 CHAIN_UNAVAILABLE
     */
    public List<Payouts.Result> withdraw(List<BigInteger> streamIds) {
        try {
            return payouts.collect(streamIds, true);
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", "the payments chain cannot be reached: " + e.getMessage());
        }
    }

    /**
     * Body of {@code PUT /api/v1/admin/pricing}: the prices to change, any subset (null: unchanged).
     *
     * @param usdPerCoreMonth      USD per core and month, 0 ≤ x &lt; 10^18, at most 12 decimal places
     * @param usdPerGbRamMonth     USD per GiB RAM and month, same range
     * @param usdPerGbStorageMonth USD per GiB disk and month, same range
     * @param tokenUsdPrice        USD per whole stream token, 0 &lt; x &lt; 10^18, at most 12 decimal places
     */
    public record PricingChange(BigDecimal usdPerCoreMonth, BigDecimal usdPerGbRamMonth,
                                BigDecimal usdPerGbStorageMonth, BigDecimal tokenUsdPrice) {
    }

    /**
     * Body of {@code PUT /api/v1/admin/settings/monitor}, any subset (null: unchanged).
     *
     * @param enabled                 whether the stream monitor runs
     * @param intervalSeconds         seconds between ticks, 1 to {@value #MAX_INTERVAL_SECONDS}
     * @param stoppedRetentionSeconds seconds a VM stopped for lack of payment is kept, 0 to
     *                                {@value #MAX_RETENTION_SECONDS}
     * @param minRunwaySeconds        paid seconds a stream needs at create and start, 0 to
     *                                {@value #MAX_MIN_RUNWAY_SECONDS}
     */
    public record MonitorChange(Boolean enabled, Long intervalSeconds, Long stoppedRetentionSeconds,
                                Long minRunwaySeconds) {
    }

    /**
     * Body of {@code PUT /api/v1/admin/settings/withdraw}, any subset (null: unchanged).
     *
     * @param enabled         whether vested wei are withdrawn automatically
     * @param intervalSeconds least seconds between two automatic withdrawals of a stream, 1 to
     *                        {@value #MAX_INTERVAL_SECONDS}
     * @param minWei          smallest amount worth an automatic withdrawal, wei, 0 to 2^256-1
     */
    public record WithdrawChange(Boolean enabled, Long intervalSeconds, BigInteger minWei) {
    }

    /**
     * Changes prices: each given price is checked on its own (range and decimal places), then the prices the
     * provider would advertise with them ({@link PricingService#advertisable}); only then are they persisted and
     * re-advertised.
     *
     * @param change the prices to change
     * @throws ApiException 422 {@code VALIDATION_ERROR} naming the field, nothing changed
     */
    public void changePricing(PricingChange change) {
        List<Violation> v = new ArrayList<>();
        v.addAll(WireValidation.usdAmount("usd_per_core_month", change.usdPerCoreMonth()));
        v.addAll(WireValidation.usdAmount("usd_per_gb_ram_month", change.usdPerGbRamMonth()));
        v.addAll(WireValidation.usdAmount("usd_per_gb_storage_month", change.usdPerGbStorageMonth()));
        v.addAll(WireValidation.tokenUsdPrice("token_usd_price", change.tokenUsdPrice()));
        if (v.isEmpty()) {
            UsdPricing now = pricing.usd();
            UsdPricing next = new UsdPricing(or(change.usdPerCoreMonth(), now.usdPerCoreMonth()),
                    or(change.usdPerGbRamMonth(), now.usdPerGbRamMonth()),
                    or(change.usdPerGbStorageMonth(), now.usdPerGbStorageMonth()));
            v.addAll(pricing.advertisable(next, or(change.tokenUsdPrice(), pricing.tokenUsdPrice())));
        }
        apply(v, "pricing.usd-per-core-month", change.usdPerCoreMonth(),
                "pricing.usd-per-gb-ram-month", change.usdPerGbRamMonth(),
                "pricing.usd-per-gb-storage-month", change.usdPerGbStorageMonth(),
                "pricing.token-usd-price", change.tokenUsdPrice());
    }

    /**
     * Changes the stream monitor's settings and the minimum runway.
     *
     * @param change the settings to change
     * @throws ApiException 422 {@code VALIDATION_ERROR} naming the field, nothing changed
     */
    public void changeMonitor(MonitorChange change) {
        List<Violation> v = new ArrayList<>();
        v.addAll(WireValidation.whole("interval_seconds", change.intervalSeconds(), 1, MAX_INTERVAL_SECONDS,
                "seconds"));
        v.addAll(WireValidation.whole("stopped_retention_seconds", change.stoppedRetentionSeconds(), 0,
                MAX_RETENTION_SECONDS, "seconds"));
        v.addAll(WireValidation.whole("min_runway_seconds", change.minRunwaySeconds(), 0, MAX_MIN_RUNWAY_SECONDS,
                "seconds"));
        apply(v, "monitor.enabled", change.enabled(), "monitor.interval-seconds", change.intervalSeconds(),
                "monitor.stopped-retention-seconds", change.stoppedRetentionSeconds(),
                "stream.min-runway-seconds", change.minRunwaySeconds());
    }

    /**
     * Changes the auto-withdraw settings.
     *
     * @param change the settings to change
     * @throws ApiException 422 {@code VALIDATION_ERROR} naming the field, nothing changed
     */
    public void changeWithdraw(WithdrawChange change) {
        List<Violation> v = new ArrayList<>();
        v.addAll(WireValidation.whole("interval_seconds", change.intervalSeconds(), 1, MAX_INTERVAL_SECONDS,
                "seconds"));
        v.addAll(WireValidation.wei("min_wei", change.minWei()));
        apply(v, "withdraw.enabled", change.enabled(), "withdraw.interval-seconds", change.intervalSeconds(),
                "withdraw.min-wei", change.minWei());
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /**
     * Refuses the change when a value broke a rule; else persists the given values (nulls skipped; decimals in plain
     * notation, never with an exponent) and applies them: timers re-read their intervals, new prices are advertised.
     *
     * @param violations    what the checks found
     * @param keysAndValues live setting names (without the prefix) each followed by its checked value or null
     */
    private void apply(List<Violation> violations, Object... keysAndValues) {
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                values.put(P + keysAndValues[i], value instanceof BigDecimal d ? d.toPlainString() : value.toString());
            }
        }
        if (values.isEmpty()) {
            return;
        }
        settings.operator().putAll(values);
        monitor.reschedule();
        autoWithdraw.reschedule();
        if (values.keySet().stream().anyMatch(k -> k.startsWith(P + "pricing."))) {
            changed.fireAsync(new ProviderChanged("prices changed"));
        }
    }
}
