package org.golem.vm.portchecker.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.portchecker.application.port.PortProber;
import org.golem.vm.portchecker.config.PortCheckerSettings;
import org.golem.vm.portchecker.domain.PortCheckReport;

/**
 * The port checker of this application: one {@link PortChecker} over the injected {@link PortProber}, built with
 * the injected {@link PortCheckerSettings} when the application starts (created eagerly, so a bad setting stops
 * the deployment with a message naming it). The prober is closed by its producer when the application stops.
 */
@ApplicationScoped
public class PortCheckService {

    private static final Logger LOG = Logger.getLogger(PortCheckService.class.getName());

    @Inject
    PortCheckerSettings settings;

    @Inject
    PortProber prober;

    private PortChecker checker;

    @PostConstruct
    void start() {
        checker = new PortChecker(settings, prober);
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

    /** @return the settings in use */
    public PortCheckerSettings settings() {
        return settings;
    }

    /**
     * The check use case without blocking the calling thread; see {@link PortChecker#checkAsync}.
     *
     * @param request the request body
     * @param caller  the caller's address (socket peer, or what a trusted proxy says)
     * @return the report, completed by a probe thread
     * @throws org.golem.vm.portchecker.domain.PortCheckException for invalid input or a refused target, at once
     */
    public CompletableFuture<PortCheckReport> checkAsync(CheckPortsRequest request, InetAddress caller) {
        return checker.checkAsync(request, caller);
    }

    /** @return the probe pool's state, for readiness */
    public PortProber.Status status() {
        return checker.status();
    }
}
