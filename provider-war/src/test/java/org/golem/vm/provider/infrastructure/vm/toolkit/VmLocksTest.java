package org.golem.vm.provider.infrastructure.vm.toolkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VmLocksTest {
    private final VmLocks locks = new VmLocks();

    @Test
    void oneVmIsSerializedOthersAreNot() throws Exception {
        CountDownLatch other = new CountDownLatch(1);
        CountDownLatch same = new CountDownLatch(1);
        try (VmLocks.Held held = locks.hold("vm-a")) {
            CompletableFuture.runAsync(() -> {
                try (VmLocks.Held b = locks.hold("vm-b")) {
                    other.countDown();
                }
            });
            CompletableFuture.runAsync(() -> {
                try (VmLocks.Held a = locks.hold("vm-a")) {
                    same.countDown();
                }
            });
            assertTrue(other.await(5, TimeUnit.SECONDS), "another VM's lock is free");
            assertFalse(same.await(200, TimeUnit.MILLISECONDS), "the same VM's lock waits");
        }
        assertTrue(same.await(5, TimeUnit.SECONDS), "released on close");
    }

    @Test
    void reentrantAndClosingTwiceReleasesOnce() {
        VmLocks.Held outer = locks.hold("vm-a");
        try (VmLocks.Held inner = locks.hold("vm-a")) {
            assertTrue(locks.isHeldByCurrentThread("vm-a"));
        }
        assertTrue(locks.isHeldByCurrentThread("vm-a"), "the outer hold remains");
        outer.close();
        outer.close();
        assertFalse(locks.isHeldByCurrentThread("vm-a"));
        assertFalse(locks.isHeldByCurrentThread("never-seen"));
    }
}
