package org.golem.vm.provider.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.application.Advertiser;
import org.golem.vm.provider.application.AutoWithdraw;
import org.golem.vm.provider.application.StreamMonitor;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.application.port.VmHost;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * MicroProfile Health of the provider: liveness (the application answers) and four readiness checks — the
 * database (counts VMs), the payments chain (reads the latest block and, with it, the monitor's and
 * auto-withdraw's counters of failed reads), the hypervisor (driver set up, default image present) and advertising
 * (each destination's state as data; down only when {@code golem.provider.advertise} is malformed — a destination
 * that fails, e.g. a chain entry whose gas cannot be paid, does not stop the provider serving its VMs).
 */
@ApplicationScoped
public class ProviderReadiness {

    @Inject
    VmRepository store;

    @Inject
    PaymentsChain chain;

    @Inject
    VmHost hypervisor;

    @Inject
    StreamMonitor monitor;

    @Inject
    AutoWithdraw autoWithdraw;

    @Inject
    ProviderSettings settings;

    @Inject
    Advertiser advertiser;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.named("provider").up().build();
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try {
                return HealthCheckResponse.named("provider-database").up()
                        .withData("running_vms", store.count(VmStatus.RUNNING)).build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("provider-database").down()
                        .withData("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck chain() {
        return () -> {
            var b = HealthCheckResponse.named("provider-chain")
                    .withData("monitor_runs", monitor.task().runs())
                    .withData("monitor_rpc_failures", monitor.task().failures())
                    .withData("withdraw_failures", autoWithdraw.task().failures());
            if (!chain.paymentsEnabled()) {
                return b.up().withData("payments", "disabled").build();
            }
            try {
                return b.up().withData("block_timestamp", chain.now())
                        .withData("contract", String.valueOf(chain.contracts().contract())).build();
            } catch (IOException | RuntimeException e) {
                return b.down().withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck hypervisor() {
        return () -> {
            var b = HealthCheckResponse.named("provider-hypervisor");
            try {
                var driver = hypervisor.driver();
                hypervisor.requireImage(settings.defaultImage());
                return b.up().withData("driver", driver.name()).withData("image", settings.defaultImage()).build();
            } catch (Exception e) {
                return b.down().withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck advertising() {
        return () -> {
            var b = HealthCheckResponse.named("provider-advertising");
            try {
                settings.advertiseDestinations();
            } catch (IllegalStateException e) {
                return b.down().withData("error", String.valueOf(e.getMessage())).build();
            }
            java.util.List<Advertiser.Destination> destinations;
            try {
                destinations = advertiser.destinations();
            } catch (RuntimeException e) {
                return b.down().withData("error", "the advertiser is not available (starting?): "
                        + e.getClass().getSimpleName()).build();
            }
            if (destinations.isEmpty()) {
                b.withData("advertising", "nowhere: neither golem.provider.discovery-url nor a ProviderRegistry "
                        + "is configured");
            }
            for (Advertiser.Destination d : destinations) {
                b.withData(d.name(), d.lastSkip() != null ? d.lastSkip()
                        : d.lastPublishedAt() != null ? "published to " + d.target() : "not yet published");
            }
            return b.up().build();
        };
    }
}
