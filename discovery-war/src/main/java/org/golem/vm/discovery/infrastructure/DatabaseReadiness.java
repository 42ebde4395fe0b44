package org.golem.vm.discovery.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the registry database answers (reads the registry version row). */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    AdvertisementRepository repository;

    @Override
    public HealthCheckResponse call() {
        try {
            long version = repository.state().version();
            return HealthCheckResponse.named("discovery-database").up().withData("registry_version", version).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("discovery-database").down()
                    .withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
