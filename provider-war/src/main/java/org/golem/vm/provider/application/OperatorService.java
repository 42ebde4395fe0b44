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
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
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
    org.golem.vm.provider.infrastructure.vm.Hypervisor hypervisor;

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
     * Changes live settings (keys without the prefix, see {@link ProviderSettings#LIVE_KEYS}), validated first,
     * persisted, then applied: timers re-read their intervals and the advertiser re-advertises new prices.
     *
     * @throws ApiException 422 INVALID_SETTING naming the key
     */
    public void change(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!ProviderSettings.LIVE_KEYS.contains(k)) {
                throw new ApiException(422, "INVALID_SETTING", k + ": not a setting that can be changed at run time");
            }
            validate(k, v);
            out.put(P + k, v);
        });
        if (out.isEmpty()) {
            return;
        }
        settings.operator().putAll(out);
        monitor.reschedule();
        autoWithdraw.reschedule();
        if (values.keySet().stream().anyMatch(k -> k.startsWith("pricing."))) {
            changed.fireAsync(new ProviderChanged("prices changed"));
        }
    }

    private static void validate(String key, String value) {
        try {
            if (key.endsWith(".enabled")) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
            } else if (key.startsWith("pricing.")) {
                BigDecimal d = new BigDecimal(value);
                if (d.signum() < 0 || (key.equals("pricing.token-usd-price") && d.signum() == 0)) {
                    throw new IllegalArgumentException(key.equals("pricing.token-usd-price") ? "must be positive"
                            : "must not be negative");
                }
            } else if (key.equals("withdraw.min-wei")) {
                if (new BigInteger(value).signum() < 0) {
                    throw new IllegalArgumentException("must not be negative");
                }
            } else {
                long n = Long.parseLong(value);
                if (n < 0 || (key.endsWith("interval-seconds") && n < 1)) {
                    throw new IllegalArgumentException(n < 0 ? "must not be negative" : "must be at least 1");
                }
            }
        } catch (NumberFormatException e) {
            throw new ApiException(422, "INVALID_SETTING", key + ": not a number: " + value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "INVALID_SETTING", key + ": " + e.getMessage());
        }
    }
}
