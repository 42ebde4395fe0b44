package org.golem.vm.portchecker.application;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.common.wire.CheckPortsResponse;
import org.golem.vm.portchecker.application.port.PortProber;
import org.golem.vm.portchecker.config.PortCheckerSettings;
import org.golem.vm.portchecker.domain.CheckTarget;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;
import org.golem.vm.portchecker.domain.PortCheckReport;
import org.golem.vm.portchecker.domain.TargetPolicy;

/**
 * The port check use case: TCP reachability of a set of ports on one address.
 *
 * <p>{@link #check(CheckPortsRequest, InetAddress)} does, in order: request validation ({@link CheckTarget#of},
 * at most {@link PortCheckerSettings#maxPortsPerRequest()} ports); the {@link TargetPolicy} (public targets only,
 * caller's own address only); then hands the target to the {@link PortProber}, which probes every distinct port
 * concurrently (how one port is probed and retried is described by the prober's adapter). The per-client rate limit
 * is applied before, by the REST layer (it also counts requests whose body cannot be read).
 *
 * <p>Thread-safe. {@link #close()} closes the prober.
 */
public final class PortChecker implements AutoCloseable {

    private final PortCheckerSettings settings;
    private final TargetPolicy policy;
    private final PortProber prober;

    /**
     * @param settings the settings (port cap and target policy are read here)
     * @param prober   the prober the ports are checked with
     */
    public PortChecker(PortCheckerSettings settings, PortProber prober) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = settings.targetPolicy();
        this.prober = Objects.requireNonNull(prober, "prober");
    }

    /** @return the settings in use */
    public PortCheckerSettings settings() {
        return settings;
    }

    /** @return a snapshot of the prober's pool, for readiness */
    public PortProber.Status status() {
        return prober.status();
    }

    /**
     * The whole {@code POST /check-ports} use case; see the class comment.
     *
     * @param request the request body; not null
     * @param caller  the caller's address (resolved by the REST layer from the socket peer and trusted proxies);
     *                not null
     * @return the response body
     * @throws PortCheckException {@code INVALID_IP}, {@code INVALID_PORT}, {@code TOO_MANY_PORTS} (HTTP 400),
     *                            {@code TARGET_NOT_ALLOWED} (403), {@code CHECK_FAILED} (500, prober closed or the
     *                            calling thread interrupted)
     */
    public CheckPortsResponse check(CheckPortsRequest request, InetAddress caller) {
        return checkWithDetails(request, caller).toResponse();
    }

    /**
     * As {@link #check(CheckPortsRequest, InetAddress)}, returning per-port details (attempt counts).
     *
     * @param request the request body; not null
     * @param caller  the caller's address; not null
     * @return the report
     * @throws PortCheckException as {@link #check(CheckPortsRequest, InetAddress)}
     */
    public PortCheckReport checkWithDetails(CheckPortsRequest request, InetAddress caller) {
        return probe(authorize(request, caller));
    }

    /**
     * As {@link #checkWithDetails(CheckPortsRequest, InetAddress)} without blocking the calling thread (the REST
     * layer uses it so that a request waiting for timeouts holds no HTTP worker thread). Validation and the
     * target policy run on the calling thread and throw at once; only the probing is asynchronous.
     *
     * @param request the request body; not null
     * @param caller  the caller's address; not null
     * @return the report, completed by a probe thread; completes exceptionally with a {@link PortCheckException}
     *         ({@code CHECK_FAILED}) itself, never wrapped in a {@link java.util.concurrent.CompletionException}
     * @throws PortCheckException {@code INVALID_IP}, {@code INVALID_PORT}, {@code TOO_MANY_PORTS} (HTTP 400),
     *                            {@code TARGET_NOT_ALLOWED} (403)
     */
    public CompletableFuture<PortCheckReport> checkAsync(CheckPortsRequest request, InetAddress caller) {
        return prober.probeAsync(authorize(request, caller));
    }

    private CheckTarget authorize(CheckPortsRequest request, InetAddress caller) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(caller, "caller");
        CheckTarget target = CheckTarget.of(request.providerIp(), request.ports(), settings.maxPortsPerRequest());
        policy.check(target.address(), caller);
        return target;
    }

    /**
     * Probes the ports of an already validated target, without target policy. Blocks until every port has an
     * answer.
     *
     * @param target the target
     * @return one result per distinct port, in request order
     * @throws PortCheckException {@code CHECK_FAILED} when the prober is closed or the calling thread is
     *                            interrupted (the interrupt flag is kept and pending attempts are cancelled)
     */
    public PortCheckReport probe(CheckTarget target) {
        CompletableFuture<PortCheckReport> report = prober.probeAsync(target);
        try {
            return report.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.cancel(false);
            throw new PortCheckException(PortCheckErrorCode.CHECK_FAILED, "Port check was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PortCheckException failure) {
                throw failure;
            }
            throw new PortCheckException(PortCheckErrorCode.CHECK_FAILED, "Port check operation failed", e.getCause());
        }
    }

    /**
     * Probes the ports of an already validated target, without target policy, asynchronously.
     *
     * @param target the target
     * @return as {@link PortProber#probeAsync(CheckTarget)}
     */
    public CompletableFuture<PortCheckReport> probeAsync(CheckTarget target) {
        return prober.probeAsync(target);
    }

    /** Closes the prober: checks still waiting fail with {@code CHECK_FAILED}. Idempotent. */
    @Override
    public void close() {
        prober.close();
    }
}
