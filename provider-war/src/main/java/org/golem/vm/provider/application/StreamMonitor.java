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
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.StreamPolicy;
import org.golem.vm.provider.domain.VmRecord;
import org.golem.vm.provider.application.port.VmDriverException;

/**
 * The stream monitor, an EJB interval timer ({@code golem.provider.monitor.interval-seconds}, live): every tick
 * reads the chain's time and all streams of existing VMs in ONE JSON-RPC batch, then
 * <ul>
 *   <li>stops a running VM whose stream ran out, was halted or terminated or no longer pays this provider
 *       ({@link StreamPolicy#keepRunning}) — so within one interval; its disk and port stay;</li>
 *   <li>marks a stopped VM whose stream no longer pays as unpaid, and deletes an unpaid VM once
 *       {@code monitor.stopped-retention-seconds} have passed (if its stream was topped up meanwhile, it stays);</li>
 * </ul>
 * A failed or timed-out read changes nothing: it is counted ({@link #task()}, readiness data) and the next tick tries
 * again (FLAW fixed: the original deleted VMs on one failed RPC read, and never noticed a terminate).
 */
@Singleton
@Startup
@DependsOn("ProviderStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class StreamMonitor {
    private static final Logger LOG = Logger.getLogger(StreamMonitor.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ProviderSettings settings;

    @Inject
    VmRepository store;

    @Inject
    VmService vms;

    @Inject
    PaymentsChain chain;

    @Inject
    Clock clock;

    private PeriodicTask task;

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void init() {
        task = new PeriodicTask("stream-monitor", () -> settings.monitorIntervalSeconds(), clock);
        metrics.gauge(Metadata.builder().withName("golem_provider_stream_monitor_failures")
                .withDescription("stream monitor ticks that failed (chain unreadable); they changed nothing")
                .build(), task, t -> t.failures());
        metrics.gauge(Metadata.builder().withName("golem_provider_stream_monitor_runs")
                .withDescription("ticks run").build(), task, t -> t.runs());
        task.schedule(timers);
    }

    @Timeout
    void tick() {
        task.tick(timers, () -> {
            if (settings.monitorEnabled() && chain.paymentsEnabled()) {
                check();
            }
        });
    }

    /** @return run and failure counters of the timer */
    public PeriodicTask task() {
        return task;
    }

    /** Re-reads the interval (after an operator change). */
    public void reschedule() {
        task.schedule(timers);
    }

    /**
     * One pass over every paid VM.
     *
     * @throws java.io.IOException when the chain cannot be read (nothing changed)
     */
    public void check() throws java.io.IOException {
        List<VmRecord> paid = store.all().stream()
                .filter(v -> v.streamId() != null)
                .filter(v -> v.status() == VmStatus.RUNNING || v.status() == VmStatus.STOPPED)
                .toList();
        if (paid.isEmpty()) {
            return;
        }
        StreamPaymentClient.StreamBatch batch = chain.read(paid.stream().map(VmRecord::streamId).toList());
        StreamPolicy policy = vms.policy();
        long wallNow = clock.millis();
        for (VmRecord vm : paid) {
            Optional<StreamPolicy.Rejection> unpaid = policy.keepRunning(batch.streams().get(vm.streamId()),
                    batch.blockTimestamp());
            if (unpaid.isEmpty() || vms.isBusy(vm.name())) {
                continue;
            }
            String reason = unpaid.get().reason();
            try {
                if (vm.status() == VmStatus.RUNNING) {
                    vms.stopUnpaid(vm, reason);
                } else if (!vm.unpaid()) {
                    store.update(vm.name(), v -> v.markUnpaid("stopped; " + reason, wallNow));
                } else if (vm.stoppedAt() != null
                        && wallNow - vm.stoppedAt() >= settings.stoppedRetentionSeconds() * 1000) {
                    vms.destroy(vm, "unpaid (" + reason + ") for longer than the retention period");
                }
            } catch (VmDriverException | DomainException e) {
                LOG.log(Level.WARNING, "monitor: VM " + vm.name() + ": " + e.getMessage() + " (retried next tick)");
            }
        }
    }
}
