package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.common.wire.ProviderSummary;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.common.wire.admin.OperatorImages;
import org.golem.vm.common.wire.admin.OperatorVms;
import org.golem.vm.common.wire.admin.ProviderStatus;
import org.golem.vm.provider.application.port.VmHost;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.application.port.SshPorts;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.Capacity;
import org.golem.vm.provider.domain.VmRecord;

/**
 * What the provider tells about itself: the public provider info, and for the operator the status at a glance and
 * every VM with its owner, uptime and runway. Reads only; nothing here changes anything.
 */
@ApplicationScoped
public class ProviderOverview {

    @Inject
    ProviderSettings settings;

    @Inject
    PaymentsChain chain;

    @Inject
    VmRepository store;

    @Inject
    SshPorts ports;

    @Inject
    VmHost hypervisor;

    @Inject
    VmService vms;

    @Inject
    PricingService pricing;

    @Inject
    StreamMonitor monitor;

    @Inject
    AutoWithdraw autoWithdraw;

    @Inject
    Advertiser advertiser;

    @Inject
    Clock clock;

    @Inject
    VmOffer offer;

    /**
     * @return who the provider is, where streams for it must be opened (the zero address when no contract is
     *         configured), its prices, the minimum runway it requires and the VM offer ({@link VmOffer}: the ready
     *         images, max ports, egress policy) (public {@code GET /api/v1/provider/info}, docs/provider-api.md)
     */
    public ProviderInfo info() {
        PaymentsChain.Contracts c = chain.contracts();
        return offer.addTo(new ProviderInfo(chain.providerId(), c.contractOrZero(), c.token(),
                settings.publicHost().orElse(null), settings.country(), advertiser.platform(), pricing.advertised(),
                settings.minRunwaySeconds()));
    }

    /** @return every image of the catalogue with its status and location (admin {@code GET /images}) */
    public OperatorImages images() {
        return new OperatorImages(hypervisor.imageCatalogue());
    }

    /**
     * @return the operator's overview of {@code GET /api/v1/summary} (the original provider's GUI feed): capacity
     *         with what is free, prices, every VM, environment and network
     */
    public ProviderSummary summary() {
        Capacity capacity = vms.capacity();
        List<VmRecord> all = store.all();
        return new ProviderSummary("running",
                new ProviderSummary.Capacity(capacity.total(),
                        capacity.free(all.stream().map(VmRecord::resources).toList())),
                pricing.advertised(),
                all.stream().map(v -> new ProviderSummary.VmEntry(v.name(), v.status(), v.sshPort(), v.resources()))
                        .toList(),
                new ProviderSummary.Environment(settings.environment(), settings.network()));
    }

    /**
     * The provider at a glance (admin {@code GET /status}, the dashboard, {@code golem-provider status}).
     *
     * @return payments (with the chain's time, or why it cannot be read), hypervisor, SSH ports, capacity, VMs per
     *         status, timers, advertiser and prices
     */
    public ProviderStatus status() {
        PaymentsChain.Contracts contracts = chain.contracts();
        Long chainTime = null;
        String chainError = null;
        try {
            chainTime = chain.now();
        } catch (IOException e) {
            chainError = e.getMessage();
        }
        var payments = new ProviderStatus.Payments(chain.paymentsEnabled(), settings.paymentsNetwork(),
                contracts.contract(), contracts.token(), settings.tokenSymbol(), settings.rpcUrl(), chainTime,
                chainError == null, chainError);
        var hv = new ProviderStatus.Hypervisor(settings.vmDriver(), hypervisor.accelerator().orElse("undecided"));
        var ssh = new ProviderStatus.SshPorts(ports.firstPort(), ports.lastPort(), ports.assignments());
        Capacity capacity = vms.capacity();
        var cap = new ProviderStatus.Capacity(capacity.total(), vms.free(), capacity.maxVms());
        Map<String, Long> byStatus = new TreeMap<>();
        store.all().forEach(v -> byStatus.merge(v.status().wire(), 1L, Long::sum));
        var mon = new ProviderStatus.Monitor(settings.monitorEnabled(), settings.monitorIntervalSeconds(),
                monitor.task().runs(), monitor.task().failures());
        var wd = new ProviderStatus.Withdraw(settings.withdrawEnabled(), settings.withdrawIntervalSeconds(),
                settings.withdrawMinWei(), autoWithdraw.task().failures());
        var adv = new ProviderStatus.Advertiser(settings.discoveryUrl().orElse(null),
                advertiser.lastPublishedAt().orElse(null), advertiser.lastSkip().orElse(null),
                advertiser.destinations().stream().map(d -> new ProviderStatus.Destination(d.name(), d.target(),
                        d.lastPublishedAt(), d.lastSkip(),
                        d.lastCost() == null ? null : d.lastCost().gasUsed(),
                        d.lastCost() == null ? null : d.lastCost().txHash(),
                        d.lastCost() == null ? null : d.lastCost().what())).toList());
        return new ProviderStatus(chain.providerId(), payments, hv, ssh, cap, byStatus, mon, wd, adv,
                pricing.advertised());
    }

    /**
     * Every VM for the operator: owner, resources, status, uptime and the runway of its stream (read in one batch;
     * unknown while the chain cannot be read).
     *
     * @return every VM, oldest first
     */
    public OperatorVms vmsForOperator() {
        List<VmRecord> all = store.all();
        Map<BigInteger, Long> runway = new HashMap<>();
        List<BigInteger> ids = all.stream().map(VmRecord::streamId).filter(Objects::nonNull).toList();
        if (!ids.isEmpty() && chain.paymentsEnabled()) {
            try {
                var batch = chain.read(ids);
                batch.streams().forEach((id, s) -> runway.put(id, StreamMath.remainingSeconds(s,
                        batch.blockTimestamp())));
            } catch (IOException e) {
                // runway unknown while the chain cannot be read
            }
        }
        long now = clock.millis();
        return new OperatorVms(all.stream().map(v -> new OperatorVms.Vm(v.name(), v.driverId(), v.owner(),
                v.status().wire(), v.resources(), v.sshPort(), v.createdAt(),
                v.status() == VmStatus.RUNNING ? (now - v.updatedAt()) / 1000 : null, v.streamId(),
                v.streamId() == null ? null : runway.get(v.streamId()), v.statusReason(), VmService.forwards(v)))
                .toList());
    }
}
