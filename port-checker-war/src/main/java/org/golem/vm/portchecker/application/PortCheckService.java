package org.golem.vm.portchecker.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.golem.vm.common.rest.ClientAddresses;
import org.golem.vm.common.rest.RateLimiter;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.portchecker.domain.PortCheckReport;

/**
 * The port checker of this application: one {@link PortChecker} built from MicroProfile Config
 * ({@link PortCheckerConfig}) when the application starts, closed when it stops (pending checks then fail with
 * {@code CHECK_FAILED}), plus the per-client {@link RateLimiter} and the {@link ClientAddresses} resolver that the
 * REST layer shares. Created eagerly, so a bad setting stops the deployment with a message naming it.
 */
@ApplicationScoped
public class PortCheckService {

    private static final Logger LOG = Logger.getLogger(PortCheckService.class.getName());

    @Inject
    Config config;

    private PortCheckerSettings settings;
    private PortChecker checker;
    private RateLimiter rateLimiter;
    private ClientAddresses clientAddresses;

    @PostConstruct
    void start() {
        settings = PortCheckerConfig.read(name -> config.getOptionalValue(name, String.class));
        checker = new PortChecker(settings);
        rateLimiter = new RateLimiter(settings.rateLimitPerMinute());
        clientAddresses = settings.clientAddresses();
        LOG.info(() -> "port checker ready: " + settings.retries() + " attempt(s) per port, timeout "
                + settings.timeoutSeconds() + " s, delay " + settings.retryDelaySeconds() + " s, at most "
                + settings.maxPortsPerRequest() + " ports per request and " + settings.maxConcurrentChecks()
                + " attempts in flight, " + (settings.rateLimitPerMinute() > 0
                        ? settings.rateLimitPerMinute() + " requests per minute per client" : "no rate limit")
                + ", private targets " + (settings.allowPrivateTargets() ? "allowed" : "refused")
                + ", own address only " + settings.onlyOwnAddress()
                + ", trusted proxies " + settings.trustedProxies());
    }

    /**
     * Creates the bean when the application starts rather than on the first request.
     *
     * @param event the application context's initialisation
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        settings(); // touching the proxy instantiates the bean
    }

    @PreDestroy
    void stop() {
        if (checker != null) {
            checker.close();
        }
    }

    /** @return the settings in use */
    public PortCheckerSettings settings() {
        return settings;
    }

    /**
     * The check use case without blocking the calling thread; see {@link PortChecker#checkAsync}.
     *
     * @param request the request body
     * @param caller  the caller's address (from {@link #clientAddresses()})
     * @return the report, completed by a probe thread
     * @throws org.golem.vm.portchecker.domain.PortCheckException for invalid input or a refused target, at once
     */
    public CompletableFuture<PortCheckReport> checkAsync(CheckPortsRequest request, InetAddress caller) {
        return checker.checkAsync(request, caller);
    }

    /** @return the probe pool's state, for readiness */
    public PortChecker.Status status() {
        return checker.status();
    }

    /** @return the per-client limiter ({@code PORT_CHECKER_RATE_LIMIT_PER_MINUTE}) */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** @return how the caller's address is found ({@code PORT_CHECKER_TRUSTED_PROXIES}) */
    public ClientAddresses clientAddresses() {
        return clientAddresses;
    }
}
