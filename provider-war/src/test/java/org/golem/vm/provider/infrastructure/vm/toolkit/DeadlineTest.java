package org.golem.vm.provider.infrastructure.vm.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.golem.vm.provider.application.port.VmDriverException;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aFutureDeadlineHasTimeLeftAPastOneAMillisecond() {
        Deadline future = Deadline.in(Duration.ofMinutes(1));
        assertFalse(future.expired());
        assertTrue(future.remaining().compareTo(Duration.ofSeconds(50)) > 0);
        assertTrue(future.remainingMillis() > 50_000);
        Deadline past = Deadline.in(Duration.ofSeconds(-1));
        assertTrue(past.expired());
        assertEquals(Duration.ofMillis(1), past.remaining());
        assertTrue(past.remainingMillis() <= -1000);
    }

    @Test
    void anInterruptedPauseFailsAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        VmDriverException e = assertThrows(VmDriverException.class, () -> Deadline.pause(Duration.ofSeconds(5)));
        assertEquals(VmDriverException.Code.HYPERVISOR_ERROR, e.code());
        assertTrue(Thread.interrupted(), "interrupt flag set again (and cleared here)");
    }
}
