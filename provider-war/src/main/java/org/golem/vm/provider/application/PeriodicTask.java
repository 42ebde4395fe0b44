package org.golem.vm.provider.application;

import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bookkeeping shared by the provider's EJB timers (stream monitor, auto-withdraw, advertiser, price feed, signature purge): one
 * non-persistent interval timer whose period comes from a (live) setting and is re-created when it changes, ticks
 * that never overlap, and counters of runs and failures for health and the operator.
 */
public final class PeriodicTask {
    private static final Logger LOG = Logger.getLogger(PeriodicTask.class.getName());

    private final String name;
    private final LongSupplier intervalSeconds;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long scheduledSeconds = -1;
    private volatile long lastSuccessAt;
    private volatile String lastError;
    private final Clock clock;
    private Timer timer;

    /**
     * @param name            timer info, used in logs
     * @param intervalSeconds the period, read on every tick
     * @param clock           the time of a tick's success ({@link #lastSuccessAt()})
     */
    public PeriodicTask(String name, LongSupplier intervalSeconds, Clock clock) {
        this.name = name;
        this.intervalSeconds = intervalSeconds;
        this.clock = clock;
    }

    /** (Re)creates the timer when its period changed. */
    public synchronized void schedule(TimerService timers) {
        long seconds = Math.max(1, intervalSeconds.getAsLong());
        if (seconds == scheduledSeconds && timer != null) {
            return;
        }
        if (timer != null) {
            try {
                timer.cancel();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "timer already gone", e);
            }
        }
        timer = timers.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig(name, false));
        scheduledSeconds = seconds;
        LOG.info(() -> name + ": every " + seconds + " s");
    }

    /** A unit of work that may fail. */
    public interface Work {
        /** Runs once; an exception counts as a failure. */
        void run() throws Exception;
    }

    /**
     * Runs one tick unless one is still running; counts it, keeps the last error, then re-checks the period.
     *
     * @return true when the work ran and succeeded
     */
    public boolean tick(TimerService timers, Work work) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        try {
            runs.incrementAndGet();
            work.run();
            lastSuccessAt = clock.millis();
            lastError = null;
            return true;
        } catch (Exception e) {
            failures.incrementAndGet();
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(Level.WARNING, name + " failed (nothing changed; retried next tick): " + e.getMessage());
            return false;
        } finally {
            running.set(false);
            schedule(timers);
        }
    }

    /** @return ticks run */
    public long runs() {
        return runs.get();
    }

    /** @return ticks failed */
    public long failures() {
        return failures.get();
    }

    /** @return epoch ms of the last successful tick, 0 if none */
    public long lastSuccessAt() {
        return lastSuccessAt;
    }

    /** @return the last failure, or null after a success */
    public String lastError() {
        return lastError;
    }

    /** @return the current period, seconds */
    public long intervalSeconds() {
        return scheduledSeconds;
    }
}
