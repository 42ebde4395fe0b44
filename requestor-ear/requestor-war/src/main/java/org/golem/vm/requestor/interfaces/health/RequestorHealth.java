package org.golem.vm.requestor.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.golem.vm.requestor.application.port.RequestorStore;
import org.golem.vm.requestor.application.port.Payments;

/** MicroProfile Health: liveness, and readiness of the database and of the payments chain (with our contract). */
@ApplicationScoped
public class RequestorHealth {

    @Inject
    RequestorStore store;

    @Inject
    Payments payments;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.named("requestor").up().build();
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try {
                return HealthCheckResponse.named("requestor-database").up().withData("vms", store.all().size())
                        .build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("requestor-database").down()
                        .withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck chain() {
        return () -> {
            var b = HealthCheckResponse.named("requestor-chain");
            try {
                return b.up().withData("chain_id", payments.chainId())
                        .withData("contract", String.valueOf(payments.contracts().contract())).build();
            } catch (Exception e) {
                return b.down().withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }
}
