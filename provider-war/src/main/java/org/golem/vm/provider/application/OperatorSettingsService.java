package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.money.UsdPricing;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.common.wire.admin.MonitorChange;
import org.golem.vm.common.wire.admin.MonitorSettings;
import org.golem.vm.common.wire.admin.PricingChange;
import org.golem.vm.common.wire.admin.WithdrawChange;
import org.golem.vm.common.wire.admin.WithdrawSettings;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * The operator's live settings: prices, the stream monitor and auto-withdraw. A change is checked field by field
 * first (nothing is changed when one value breaks its rule), then persisted in {@code operator.properties} and
 * applied at once: the timers re-read their intervals, new prices are advertised.
 */
@ApplicationScoped
public class OperatorSettingsService {
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
    PricingService pricing;

    @Inject
    StreamMonitor monitor;

    @Inject
    AutoWithdraw autoWithdraw;

    @Inject
    Event<ProviderChanged> changed;

    /** @return the stream monitor's settings and counters */
    public MonitorSettings monitorSettings() {
        PeriodicTask task = monitor.task();
        return new MonitorSettings(settings.monitorEnabled(), settings.monitorIntervalSeconds(),
                settings.stoppedRetentionSeconds(), settings.minRunwaySeconds(), task.runs(), task.failures(),
                task.lastError());
    }

    /** @return the auto-withdraw settings */
    public WithdrawSettings withdrawSettings() {
        return new WithdrawSettings(settings.withdrawEnabled(), settings.withdrawIntervalSeconds(),
                settings.withdrawMinWei());
    }

    /**
     * Changes prices: each given price is checked on its own (range and decimal places), then the prices the
     * provider would advertise with them ({@link PricingService#advertisable}); only then are they persisted and
     * re-advertised.
     *
     * @param change the prices to change
     * @throws DomainException 422 {@code VALIDATION_ERROR} naming the field, nothing changed
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
     * @throws DomainException 422 {@code VALIDATION_ERROR} naming the field, nothing changed
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
     * @throws DomainException 422 {@code VALIDATION_ERROR} naming the field, nothing changed
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
            throw Refusals.validation(violations);
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
