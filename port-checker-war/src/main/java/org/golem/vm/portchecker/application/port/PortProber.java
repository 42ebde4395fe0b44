package org.golem.vm.portchecker.application.port;

import java.util.concurrent.CompletableFuture;
import org.golem.vm.portchecker.domain.CheckTarget;
import org.golem.vm.portchecker.domain.PortCheckReport;

/**
 * Probes the TCP ports of a target that the use case already validated and authorised (the port the port checker's
 * use case talks to; its adapter is {@code infrastructure.SocketPortProber}, plain TCP connects on a bounded pool).
 * Thread-safe; one per application, {@link #close() closed} at shutdown.
 */
public interface PortProber extends AutoCloseable {

    /**
     * What the probe pool is doing, for readiness checks.
     *
     * @param accepting      false once {@link #close()} was called: no check can run any more
     * @param activeAttempts connection attempts running now
     * @param queuedAttempts attempts waiting for a thread or for their retry delay
     * @param maxConcurrent  the bound on attempts in flight (setting {@code maxConcurrentChecks})
     */
    record Status(boolean accepting, int activeAttempts, int queuedAttempts, int maxConcurrent) {
    }

    /**
     * Probes every port of the target, without blocking. Cancelling the returned future cancels the attempts not
     * yet made.
     *
     * @param target a validated target
     * @return one result per distinct port, in request order; completes exceptionally with a
     *         {@link org.golem.vm.portchecker.domain.PortCheckException} {@code CHECK_FAILED} itself (never wrapped)
     *         when the prober is or gets closed or an attempt fails unexpectedly
     */
    CompletableFuture<PortCheckReport> probeAsync(CheckTarget target);

    /** @return a snapshot of the probe pool */
    Status status();

    /**
     * Stops probing: checks still waiting fail with {@code CHECK_FAILED}. Idempotent.
     */
    @Override
    void close();
}
