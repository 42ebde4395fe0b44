package org.golem.vm.portchecker.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.golem.vm.portchecker.application.PortCheckService;
import org.golem.vm.portchecker.application.port.PortProber;

/**
 * Readiness ({@code GET /health/ready}): UP while the probe pool accepts work, DOWN once it is shut down (the
 * application is stopping; a check would fail with {@code CHECK_FAILED}). The data shows the load: attempts running
 * and waiting (for a thread or for their retry delay) against the bound.
 */
@Readiness
@ApplicationScoped
public class ProbePoolReadiness implements HealthCheck {

    /** Name of the check in the health response. */
    public static final String NAME = "port-check-pool";

    @Inject
    PortCheckService service;

    @Override
    public HealthCheckResponse call() {
        PortProber.Status status = service.status();
        return HealthCheckResponse.named(NAME).status(status.accepting())
                .withData("accepting", status.accepting())
                .withData("active_attempts", status.activeAttempts())
                .withData("queued_attempts", status.queuedAttempts())
                .withData("max_concurrent_checks", status.maxConcurrent())
                .build();
    }
}
