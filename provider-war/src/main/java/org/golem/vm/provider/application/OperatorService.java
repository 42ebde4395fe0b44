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
        List<StreamBinding> all = store.allBindings();
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
