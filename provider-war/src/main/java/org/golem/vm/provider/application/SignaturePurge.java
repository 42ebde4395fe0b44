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
import java.util.logging.Logger;
import org.golem.vm.common.auth.ReplayMemory;

/**
 * Forgets accepted signatures whose timestamp has left the replay window (table {@code seen_signature}, see
 * {@link org.golem.vm.common.auth.JdbcReplayMemory}) every {@value #INTERVAL_SECONDS} s, an EJB interval timer
 * ({@link PeriodicTask}: ticks never overlap; a failure is logged, counted and retried on the next tick, and
 * forgets nothing early).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SignaturePurge {
    /** Seconds between purges. */
    public static final long INTERVAL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(SignaturePurge.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ReplayMemory replayMemory;

    @Inject
    Clock clock;

    private PeriodicTask task;

    @PostConstruct
    void init() {
        task = new PeriodicTask("signature-purge", () -> INTERVAL_SECONDS, clock);
        task.schedule(timers);
    }

    @Timeout
    void tick() {
        task.tick(timers, () -> {
            int forgotten = replayMemory.purgeExpired();
            LOG.fine(() -> "forgot " + forgotten + " expired signatures");
        });
    }

    /** @return run and failure counters */
    public PeriodicTask task() {
        return task;
    }
}
