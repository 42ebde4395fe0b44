package org.golem.vm.portchecker.infrastructure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.wire.PortCheckResult;
import org.golem.vm.portchecker.application.port.PortProber;
import org.golem.vm.portchecker.config.PortCheckerSettings;
import org.golem.vm.portchecker.domain.CheckTarget;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;
import org.golem.vm.portchecker.domain.PortCheckReport;
import org.golem.vm.portchecker.domain.PortProbe;

/**
 * The {@link PortProber} on plain TCP sockets.
 *
 * <p>Probing one port: a plain TCP connect with the configured timeout, closed at once when it succeeds (no
 * data exchanged). A refused connection ({@code ECONNREFUSED}) is a definite answer and is <b>not retried</b>
 * (FLAW fixed: the original retried refusals, 2 s for a closed port). A timeout or another error (no route to
 * host, network unreachable, ...) is retried until {@link PortCheckerSettings#retries()} attempts in total were
 * made, pausing {@link PortCheckerSettings#retryDelaySeconds()} between attempts. The last error is reported:
 * {@code "Connection refused"}, {@code "Connection timed out"} or the socket error's own text, as in the
 * original.
 *
 * <p>Concurrency: every attempt of every request runs on one shared pool of
 * {@link PortCheckerSettings#maxConcurrentChecks()} threads (FLAW fixed: the original fanned out unboundedly). A
 * pause between attempts holds no thread (the next attempt is scheduled). When the bound is at least the number
 * of ports of a request and the pool is not busy with other requests, a request takes about one port's worst
 * case ({@link PortCheckerSettings#worstCasePerPort()}), not the sum over its ports.
 *
 * <p>Thread-safe. Create one per application and {@link #close()} it at shutdown.
 */
public final class SocketPortProber implements PortProber {

    private static final Logger LOG = Logger.getLogger(SocketPortProber.class.getName());
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PortCheckerSettings settings;
    private final ScheduledThreadPoolExecutor pool;
    private final int timeoutMillis;
    private final long retryDelayNanos;
    /** Checks not yet answered, so that {@link #close()} can fail them instead of leaving callers blocked. */
    private final Set<CompletableFuture<PortProbe>> pending = ConcurrentHashMap.newKeySet();

    /**
     * @param settings the settings; the pool has {@code maxConcurrentChecks} threads, started on demand and ended
     *                 after 30 s idle
     */
    public SocketPortProber(PortCheckerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timeoutMillis = settings.timeoutMillis();
        this.retryDelayNanos = settings.retryDelay().toNanos();
        int poolId = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "port-check-" + poolId + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ScheduledThreadPoolExecutor(settings.maxConcurrentChecks(), factory);
        pool.setKeepAliveTime(30, TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** @return a snapshot of the probe pool */
    @Override
    public Status status() {
        return new Status(!pool.isShutdown(), pool.getActiveCount(), pool.getQueue().size(),
                settings.maxConcurrentChecks());
    }

    /**
     * Probes the ports of an already validated target asynchronously, every attempt on the shared pool. Cancelling
     * the returned future cancels the attempts not yet made.
     *
     * @param target the target
     * @return one result per distinct port, in request order; completes exceptionally with a
     *         {@link PortCheckException} {@code CHECK_FAILED} when the prober is or gets closed
     */
    @Override
    public CompletableFuture<PortCheckReport> probeAsync(CheckTarget target) {
        long start = System.nanoTime();
        List<CompletableFuture<PortProbe>> futures = new ArrayList<>(target.ports().size());
        for (int port : target.ports()) {
            CompletableFuture<PortProbe> future = new CompletableFuture<>();
            futures.add(future);
            pending.add(future);
            future.whenComplete((r, e) -> pending.remove(future));
            submitAttempt(target.address(), port, 1, future, 0);
        }
        CompletableFuture<PortCheckReport> result = new CompletableFuture<>();
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                futures.forEach(f -> f.cancel(false));
            }
        });
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            if (error != null) {
                futures.forEach(f -> f.cancel(false));
                result.completeExceptionally(failure(target, error));
                return;
            }
            List<PortProbe> probes = new ArrayList<>(futures.size());
            for (CompletableFuture<PortProbe> f : futures) {
                probes.add(f.join());
            }
            PortCheckReport report = new PortCheckReport(target, probes);
            Level level = settings.debug() ? Level.INFO : Level.FINE;
            if (LOG.isLoggable(level)) {
                LOG.log(level, String.format(Locale.ROOT, "checked %s: %d of %d ports accessible in %.3f s %s",
                        IpLiteral.format(target.address()), report.accessibleCount(), probes.size(),
                        (System.nanoTime() - start) / 1e9, settings.debug() ? probes : ""));
            }
            result.complete(report);
        });
        return result;
    }

    private static PortCheckException failure(CheckTarget target, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CheckerClosedException || cause instanceof CancellationException) {
            return new PortCheckException(PortCheckErrorCode.CHECK_FAILED,
                    "Port check operation failed: the port checker is shutting down", cause);
        }
        LOG.log(Level.WARNING, "port check of " + IpLiteral.format(target.address()) + " failed", cause);
        return new PortCheckException(PortCheckErrorCode.CHECK_FAILED, "Port check operation failed", cause);
    }

    private void submitAttempt(InetAddress address, int port, int attempt, CompletableFuture<PortProbe> result,
                               long delayNanos) {
        Runnable task = () -> runAttempt(address, port, attempt, result);
        try {
            if (delayNanos > 0) {
                pool.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            } else {
                pool.execute(task);
            }
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new CheckerClosedException());
        }
    }

    private void runAttempt(InetAddress address, int port, int attempt, CompletableFuture<PortProbe> result) {
        if (result.isDone()) {
            return; // cancelled
        }
        try {
            Outcome outcome = connectOnce(address, port);
            if (outcome == Outcome.OPEN) {
                result.complete(PortProbe.open(port, attempt));
            } else if (outcome.definite || attempt >= settings.retries()) {
                result.complete(PortProbe.closed(port, outcome.error, attempt));
            } else {
                submitAttempt(address, port, attempt + 1, result, retryDelayNanos);
            }
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    /** One TCP connect attempt. */
    private Outcome connectOnce(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), timeoutMillis);
            return Outcome.OPEN;
        } catch (SocketTimeoutException e) {
            return Outcome.transientError(PortCheckResult.TIMED_OUT);
        } catch (ConnectException e) {
            String message = e.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("refused")) {
                return Outcome.REFUSED;
            }
            if (message != null && message.toLowerCase(Locale.ROOT).contains("timed out")) {
                return Outcome.transientError(PortCheckResult.TIMED_OUT); // kernel-level SYN timeout
            }
            return Outcome.transientError(describe(e));
        } catch (IOException e) {
            return Outcome.transientError(describe(e));
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    /** Completes checks that can no longer run because {@link #close()} was called. */
    private static final class CheckerClosedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CheckerClosedException() {
            super("port checker is closed");
        }
    }

    /** Result of one attempt: open, a definite refusal, or a transient error (retried). */
    private record Outcome(boolean definite, String error) {
        static final Outcome OPEN = new Outcome(true, null);
        static final Outcome REFUSED = new Outcome(true, PortCheckResult.REFUSED);

        static Outcome transientError(String error) {
            return new Outcome(false, error);
        }
    }

    /**
     * Stops the pool: pending attempts are dropped, running connects end within the connect timeout, and
     * checks still waiting fail with {@code CHECK_FAILED}. Idempotent.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        CheckerClosedException closed = new CheckerClosedException();
        for (CompletableFuture<PortProbe> future : pending) {
            future.completeExceptionally(closed);
        }
        try {
            if (!pool.awaitTermination(timeoutMillis + 1000L, TimeUnit.MILLISECONDS)) {
                LOG.warning("port check pool did not terminate in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
