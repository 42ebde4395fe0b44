package org.golem.vm.provider.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.provider.application.port.Advertising;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * The discovery advertiser (the provider side of docs/discovery-api.md), an EJB interval timer
 * ({@code golem.provider.advertise.interval-seconds}, at least 5 s; first advertisement shortly after startup) that
 * also advertises at once on every {@link ProviderChanged} (capacity or prices changed). Ticks never overlap; a
 * change that arrives during a tick makes that tick advertise once more.
 *
 * <p>One advertisement ({@link #advertise()}): nothing when {@code golem.provider.discovery-url} is empty; when the
 * free capacity is below {@code advertise.min-cpu / min-memory-gib / min-storage-gib} (each at least 1, discovery
 * refuses 0), the provider's own advertisement is deleted once so requestors stop seeing a full provider; nothing,
 * with a warning, when no IPv4 address can be found for {@code golem.provider.public-host} (no address is ever
 * made up: discovery accepts IPv4 only). Otherwise a signed {@code POST /api/v1/advertisements} with the free
 * capacity, the advertised prices, name, API port, networks, StreamPayment contract (the zero address when not
 * configured), token and the VM offer ({@link VmOffer}: the ready images).
 *
 * <p>A failed publication changes nothing here; it is counted ({@link #task()}) and retried on the next tick.
 */
@Singleton
@Startup
@DependsOn("ProviderStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class Advertiser {
    private static final Logger LOG = Logger.getLogger(Advertiser.class.getName());

    /** Most advertisements one tick makes when changes keep arriving while it runs. */
    private static final int MAX_ROUNDS = 3;

    @Resource
    TimerService timers;

    @Inject
    ProviderSettings settings;

    @Inject
    VmService vms;

    @Inject
    PricingService pricing;

    @Inject
    PaymentsChain chain;

    @Inject
    Advertising advertising;

    @Inject
    Clock clock;

    @Inject
    VmOffer offer;

    private PeriodicTask task;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastPublishedAt;
    /** Whether our advertisement is known to be absent from discovery (deleted while full). */
    private volatile boolean withdrawn;
    /** Why the last advertisement was skipped (logged when it changes), null after a publication. */
    private volatile String lastSkip;

    @PostConstruct
    void init() {
        task = new PeriodicTask("advertiser", () -> settings.advertiseIntervalSeconds(), clock);
        task.schedule(timers);
        // the first advertisement without waiting a whole interval, on a timer thread (not during deployment)
        timers.createSingleActionTimer(2_000, new TimerConfig("advertiser-first", false));
    }

    @Timeout
    void tick() {
        run();
    }

    /**
     * Advertises at once after a change of capacity or prices (unless a tick is running: that tick then advertises
     * again when it ends).
     *
     * @param event what changed
     */
    public void onChange(@ObservesAsync ProviderChanged event) {
        if (task == null) {
            return;
        }
        LOG.fine(() -> "advertiser: re-advertising after " + (event == null ? "a change" : event.what()));
        pending.set(true);
        run();
    }

    private void run() {
        task.tick(timers, () -> {
            int round = 0;
            do {
                pending.set(false);
                advertise();
            } while (pending.get() && ++round < MAX_ROUNDS);
        });
    }

    /** @return run and failure counters of the timer (and of re-advertisements after changes) */
    public PeriodicTask task() {
        return task;
    }

    /** Re-reads the interval. */
    public void reschedule() {
        task.schedule(timers);
    }

    /** @return epoch ms of the last advertisement discovery accepted, empty before the first */
    public Optional<Long> lastPublishedAt() {
        long at = lastPublishedAt;
        return at == 0 ? Optional.empty() : Optional.of(at);
    }

    /** @return why the latest attempt did not advertise (no discovery URL, full, no IPv4), empty after a success */
    public Optional<String> lastSkip() {
        return Optional.ofNullable(lastSkip);
    }

    /**
     * Publishes the advertisement once (or deletes it when the provider is full), as described in the class
     * comment. Not to be called concurrently with itself; the timer and {@link #onChange} serialise their calls.
     *
     * @throws IOException              when discovery cannot be reached or refuses the advertisement or deletion
     * @throws IllegalArgumentException when {@code golem.provider.discovery-url} is not an http(s) URL
     * @throws IllegalStateException    when a setting needed for the advertisement is missing or malformed
     */
    public void advertise() throws IOException {
        if (!advertising.configured()) {
            skip(Level.INFO, "golem.provider.discovery-url is not set: not advertising");
            return;
        }
        Resources free = vms.free();
        long[] min = settings.advertiseMinimum();
        if (free.cpu() < Math.max(1, min[0]) || free.memoryGib() < Math.max(1, min[1])
                || free.storageGib() < Math.max(1, min[2])) {
            if (!withdrawn) {
                boolean deleted = advertising.withdraw(chain.providerId());
                withdrawn = true;
                if (deleted) {
                    LOG.info("advertiser: advertisement withdrawn from " + advertising.destination()
                            + " (provider full)");
                }
            }
            skip(Level.INFO, "free capacity " + free.cpu() + " cores, " + free.memoryGib() + " GiB RAM, "
                    + free.storageGib() + " GiB disk is below the advertising minimum " + min[0] + " / " + min[1]
                    + " / " + min[2] + ": not advertised");
            return;
        }
        Optional<String> host = settings.publicHost();
        String ip = advertising.ipv4For(host.orElse(null)).orElse(null);
        if (ip == null) {
            skip(Level.WARNING, host.isEmpty()
                    ? "golem.provider.public-host is not set: not advertising (discovery needs the provider's public "
                            + "IPv4 address; set it to that address or to a host name that resolves to one)"
                    : "no IPv4 address for golem.provider.public-host=" + host.get()
                            + ": not advertising (discovery accepts IPv4 addresses only)");
            return;
        }
        PaymentsChain.Contracts contracts = chain.contracts();
        AdvertisementRequest ad = offer.addTo(new AdvertisementRequest(ip, settings.country(),
                advertising.platform(), free, pricing.advertised(), settings.providerName(), settings.apiPort(),
                settings.network(), settings.paymentsNetwork(), contracts.contractOrZero(), contracts.token()));
        advertising.publish(ad);
        lastPublishedAt = clock.millis();
        withdrawn = false;
        if (lastSkip != null || task.lastSuccessAt() == 0) {
            LOG.info(() -> "advertiser: advertised " + ip + " with " + free.cpu() + " cores, " + free.memoryGib()
                    + " GiB RAM, " + free.storageGib() + " GiB disk free to " + advertising.destination());
        } else {
            LOG.fine(() -> "advertiser: advertised " + free + " to " + advertising.destination());
        }
        lastSkip = null;
    }

    /** Logs a skip at {@code level} when its reason changed since the last attempt, else at FINE. */
    private void skip(Level level, String reason) {
        if (!reason.equals(lastSkip)) {
            LOG.log(level, "advertiser: " + reason);
        } else {
            LOG.fine(() -> "advertiser: " + reason);
        }
        lastSkip = reason;
    }
}
