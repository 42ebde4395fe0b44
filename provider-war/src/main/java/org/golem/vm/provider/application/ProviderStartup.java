package org.golem.vm.provider.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.application.port.AdminToken;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.application.port.SshPorts;
import org.golem.vm.provider.application.port.VmHost;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.VmRecord;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmState;

/**
 * Startup (after the schema migration): refuses to start (one SEVERE line, the deployment fails) when the egress
 * settings ({@code golem.provider.egress}, {@code golem.provider.egress.allow}) are invalid; creates the provider key and admin token files when missing (mode 0600),
 * then reconciles the database with the hypervisor: VMs the driver re-adopted keep running with their forwards
 * and stream bindings; a creation interrupted by the restart is cleaned up and its job marked failed; a VM the
 * driver no longer knows is marked {@code error}, never deleted; port assignments of VMs that no longer exist are
 * released. Nothing is deleted because a check failed to run: if the hypervisor cannot be listed, nothing changes
 * (FLAW fixed: the original deleted VMs whose stream lookup failed at startup, and every VM without a mapping).
 * What a graceful stop does with the VMs is {@link ProviderShutdown}'s.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class ProviderStartup {
    private static final Logger LOG = Logger.getLogger(ProviderStartup.class.getName());

    @Inject
    ProviderSettings settings;

    @Inject
    PaymentsChain chain;

    @Inject
    VmHost hypervisor;

    @Inject
    VmRepository store;

    @Inject
    SshPorts ports;

    @Inject
    AdminToken adminToken;

    @Inject
    Clock clock;

    @PostConstruct
    void start() {
        try {
            settings.egress(); // a provider never runs with an egress policy it cannot read
        } catch (IllegalStateException e) {
            LOG.severe("refusing to start: " + e.getMessage());
            throw e;
        }
        LOG.info(() -> "provider " + chain.providerId() + ", data in " + settings.dataDir());
        adminToken.token();
        try {
            reconcile();
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "startup reconciliation could not run; nothing was changed: " + e.getMessage(), e);
        }
    }

    /**
     * One reconciliation pass (also safe to run again).
     *
     * @throws Exception when the hypervisor cannot be listed (then nothing was changed)
     */
    public void reconcile() throws Exception {
        Map<String, DriverVm> live = hypervisor.driver().list().stream()
                .collect(Collectors.toMap(DriverVm::vmId, Function.identity(), (a, b) -> a));
        long now = clock.millis();
        store.unfinishedJobs().forEach(j -> store.updateJob(j.jobId(),
                job -> job.failed("the provider restarted during creation", now)));
        Set<String> kept = new HashSet<>();
        for (VmRecord vm : store.all()) {
            DriverVm d = live.get(vm.driverId());
            if (vm.status() == VmStatus.CREATING) {
                if (d != null) {
                    hypervisor.driver().delete(vm.driverId());
                }
                ports.release(vm.driverId());
                store.remove(vm.name(), true, now);
                LOG.warning(() -> "VM " + vm.name() + ": creation was interrupted by a restart; cleaned up");
                continue;
            }
            kept.add(vm.driverId());
            if (d == null) {
                if (vm.status() != VmStatus.ERROR) {
                    store.update(vm.name(), v -> v.failed("the hypervisor no longer knows this VM", now));
                    LOG.warning(() -> "VM " + vm.name() + " (" + vm.driverId() + ") is unknown to the hypervisor");
                }
            } else if (d.state() == VmState.RUNNING || d.state() == VmState.STARTING) {
                if (vm.status() != VmStatus.RUNNING) {
                    store.update(vm.name(), v -> v.running(d.sshPort(), d.sshUser(), null, now));
                }
                LOG.info(() -> "VM " + vm.name() + " re-adopted, running, ssh port " + d.sshPort());
            } else if (vm.status() == VmStatus.RUNNING) {
                store.update(vm.name(), v -> v.stopped("found stopped after a provider restart", false, now));
            }
        }
        var released = ports.retainOnly(kept);
        if (!released.isEmpty()) {
            LOG.info(() -> "released SSH ports of VMs that no longer exist: " + released);
        }
        live.keySet().stream().filter(id -> !kept.contains(id)).forEach(id -> LOG.warning(
                () -> "hypervisor VM " + id + " has no record in the provider database; left untouched"));
    }
}
