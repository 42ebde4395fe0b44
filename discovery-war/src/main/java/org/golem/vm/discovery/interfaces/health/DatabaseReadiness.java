package org.golem.vm.discovery.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.golem.vm.discovery.application.port.AdvertisementRepository;
import org.golem.vm.discovery.application.port.RegistryUnavailableException;

/**
 * Readiness ({@code GET /health/ready}): UP with the {@code registry_version} while the registry database answers
 * (reads the registry version row), DOWN with the failure's class name (e.g. {@code SQLException}) when it does not.
 */
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
        } catch (RuntimeException e) {
            Throwable reason = e instanceof RegistryUnavailableException && e.getCause() != null ? e.getCause() : e;
            return HealthCheckResponse.named("discovery-database").down()
                    .withData("error", reason.getClass().getSimpleName()).build();
        }
    }
}
