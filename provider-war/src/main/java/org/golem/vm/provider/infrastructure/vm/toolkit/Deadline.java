package org.golem.vm.provider.infrastructure.vm.toolkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.golem.vm.provider.application.port.VmDriverException;

/**
 * A point in time on the JVM's monotonic clock ({@link System#nanoTime()}), for the boot and shutdown waits of the
 * drivers (wall-clock jumps must not shorten or stretch them).
 *
 * @param nanoTime the deadline as a {@link System#nanoTime()} value
 */
public record Deadline(long nanoTime) {

    /**
     * @param timeout how long from now
     * @return the deadline {@code timeout} from now
     */
    public static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** @return whether the deadline has passed */
    public boolean expired() {
        return System.nanoTime() - nanoTime >= 0;
    }

    /** @return the time left, at least 1 ms (so it can be handed to a timeout that rejects zero) */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), nanoTime - System.nanoTime()));
    }

    /** @return the time left in milliseconds, 0 or negative once passed */
    public long remainingMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime - System.nanoTime());
    }

    /**
     * Sleeps (at least 1 ms).
     *
     * @param pause how long
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when the thread is interrupted (the interrupt flag is set
     *                           again)
     */
    public static void pause(Duration pause) throws VmDriverException {
        try {
            Thread.sleep(Math.max(1, pause.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "interrupted", e);
        }
    }
}
