package org.golem.vm.provider.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * Auto-withdraw, an EJB interval timer: every tick (the withdraw interval, at most a minute apart) collects what
 * vested on each stream whose own last withdrawal is older than {@code withdraw.interval-seconds} and whose
 * withdrawable amount reaches {@code withdraw.min-wei} (see {@link Payouts}). Off when
 * {@code withdraw.enabled=false} (live).
 */
@Singleton
@Startup
@DependsOn("ProviderStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AutoWithdraw {

    @Resource
    TimerService timers;

    @Inject
    ProviderSettings settings;

    @Inject
    Payouts payouts;

    @Inject
    PaymentsChain chain;

    @Inject
    Clock clock;

    private PeriodicTask task;

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void init() {
        task = new PeriodicTask("auto-withdraw", () -> Math.min(60, Math.max(1, settings.withdrawIntervalSeconds())),
                clock);
        metrics.gauge(Metadata.builder().withName("golem_provider_auto_withdraw_failures")
                .withDescription("auto-withdraw ticks that failed").build(), task, t -> t.failures());
        metrics.gauge(Metadata.builder().withName("golem_provider_auto_withdraw_runs")
                .withDescription("ticks run").build(), task, t -> t.runs());
        task.schedule(timers);
    }

    @Timeout
    void tick() {
        task.tick(timers, () -> {
            if (settings.withdrawEnabled() && chain.paymentsEnabled() && chain.contracts().contract() != null) {
                payouts.collect(null, false);
            }
        });
    }

    /** @return run and failure counters */
    public PeriodicTask task() {
        return task;
    }

    /** Re-reads the interval (after an operator change). */
    public void reschedule() {
        task.schedule(timers);
    }
}
