package org.golem.vm.provider.infrastructure.vm.toolkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One re-entrant lock per VM id: a driver serializes the operations on one VM and lets operations on different VMs
 * run in parallel. Locks are kept for the driver's lifetime (one small object per VM id ever seen).
 *
 * <pre>{@code
 * try (VmLocks.Held held = locks.hold(vmId)) {
 *     ... // create, start, stop or delete vmId
 * }
 * }</pre>
 */
public final class VmLocks {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * Takes the VM's lock, waiting while another thread holds it.
     *
     * @param vmId the VM id
     * @return the held lock; closing it releases the lock
     */
    public Held hold(String vmId) {
        ReentrantLock lock = locks.computeIfAbsent(vmId, k -> new ReentrantLock());
        lock.lock();
        return new Held(lock);
    }

    /** @return whether the current thread holds the lock of {@code vmId} */
    public boolean isHeldByCurrentThread(String vmId) {
        ReentrantLock lock = locks.get(vmId);
        return lock != null && lock.isHeldByCurrentThread();
    }

    /** A held VM lock; {@link #close()} releases it (once). */
    public static final class Held implements AutoCloseable {
        private final ReentrantLock lock;
        private boolean released;

        private Held(ReentrantLock lock) {
            this.lock = lock;
        }

        /** Releases the lock; a second call does nothing. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                lock.unlock();
            }
        }
    }
}
