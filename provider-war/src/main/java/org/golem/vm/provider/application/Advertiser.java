package org.golem.vm.provider.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.provider.application.port.Advertising;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * The advertiser (the provider side of docs/discovery-api.md and of the ProviderRegistry), an EJB interval timer
 * ({@code golem.provider.advertise.interval-seconds}, at least 5 s; first advertisement shortly after startup) that
 * also advertises at once on every {@link ProviderChanged} (capacity or prices changed). Ticks never overlap; a
 * change that arrives during a tick makes that tick advertise once more.
 *
 * <p>Destinations: every {@link Advertising} adapter ({@value Advertising#CENTRAL}: the discovery service,
 * {@value Advertising#CHAIN}: the ProviderRegistry contract) named by {@code golem.provider.advertise}, or, when that
 * is unset, every configured one. Each has its own outcome ({@link #destinations()}): one failing does not stop the
 * other, and a failed one is tried again on the next tick.
 *
 * <p>One advertisement ({@link #advertise()}): nothing when no destination is enabled; when the free capacity is
 * below {@code advertise.min-cpu / min-memory-gib / min-storage-gib} (each at least 1, discovery refuses 0), the
 * provider's own advertisement is withdrawn once from each destination so requestors stop seeing a full provider;
 * nothing, with a warning, when no IPv4 address can be found for {@code golem.provider.public-host} (no address is
 * ever made up: discovery accepts IPv4 only). Otherwise the same advertisement goes to every destination: the free
 * capacity, the advertised prices, name, API port, networks, StreamPayment contract (the zero address when not
 * configured), token and the VM offer ({@link VmOffer}: the ready images).
 *
 * <p>On a graceful stop ({@link #withdrawAll}) the advertisement is withdrawn from every destination, each bounded
 * by {@value #STOP_TIMEOUT_SECONDS} s.
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

    /** Longest wait for one destination's withdrawal on a graceful stop, seconds. */
    static final long STOP_TIMEOUT_SECONDS = 5;

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
    @Any
    Instance<Advertising> adapters;

    /** The adapters when wired by hand (tests); null in the container. */
    List<Advertising> fixedAdapters;

    @Inject
    Clock clock;

    @Inject
    VmOffer offer;

    private PeriodicTask task;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Map<String, Outcome> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    /** Why no destination was tried (none enabled, full, no IPv4, bad setting), null when one was. */
    private volatile String lastSkip;

    /**
     * What one destination's latest attempt gave.
     *
     * @param name            {@value Advertising#CENTRAL} or {@value Advertising#CHAIN}
     * @param target          where it goes (the discovery URL, the registry address)
     * @param lastPublishedAt epoch ms of the last accepted advertisement, null before the first
     * @param lastSkip        why the latest attempt did not advertise there (skipped, failed, withdrawn), null after
     *                        a success
     * @param lastCost        what its last write cost on chain, null when none
     */
    public record Destination(String name, String target, Long lastPublishedAt, String lastSkip,
                              Advertising.Cost lastCost) {
    }

    private static final class Outcome {
        volatile long publishedAt;
        volatile String skip;
        volatile boolean withdrawn;
    }

    @PostConstruct
    void init() {
        try {
            settings.advertiseDestinations();
        } catch (IllegalStateException e) {
            LOG.severe("advertiser: " + e.getMessage() + "; not advertising until it is fixed");
        }
        task = new PeriodicTask("advertiser", () -> settings.advertiseIntervalSeconds(), clock);
        task.schedule(timers);
        // the first advertisement without waiting a whole interval, on a timer thread (not during deployment)
        timers.createSingleActionTimer(2_000, new TimerConfig("advertiser-first", false));
    }

    /** The application stops: withdraws the advertisement everywhere (bounded, see {@link #withdrawAll}). */
    @PreDestroy
    void stop() {
        withdrawAll();
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
        if (stopped.get()) {
            return;
        }
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

    /** @return epoch ms of the last advertisement any destination accepted, empty before the first */
    public Optional<Long> lastPublishedAt() {
        long at = outcomes.values().stream().mapToLong(o -> o.publishedAt).max().orElse(0);
        return at == 0 ? Optional.empty() : Optional.of(at);
    }

    /**
     * @return why the latest attempt did not advertise (no destination, full, no IPv4, or each destination's
     *         {@code name: reason}, joined by {@code ; }), empty after a success everywhere
     */
    public Optional<String> lastSkip() {
        if (lastSkip != null) {
            return Optional.of(lastSkip);
        }
        List<String> parts = new ArrayList<>();
        outcomes.forEach((name, o) -> {
            if (o.skip != null) {
                parts.add(name + ": " + o.skip);
            }
        });
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /**
     * @return every enabled destination with its latest outcome, in the order of {@code golem.provider.advertise}
     *         (else {@code central}, {@code chain}); empty when the setting is malformed
     */
    public List<Destination> destinations() {
        List<Destination> out = new ArrayList<>();
        List<Advertising> enabled;
        try {
            enabled = enabled();
        } catch (IllegalStateException e) {
            return out;
        }
        for (Advertising a : enabled) {
            Outcome o = outcome(a);
            String target;
            try {
                target = a.configured() ? a.destination() : "(not configured)";
            } catch (RuntimeException e) {
                target = "(" + e.getMessage() + ")";
            }
            out.add(new Destination(a.name(), target, o.publishedAt == 0 ? null : o.publishedAt,
                    a.configured() ? o.skip : notConfigured(a), a.lastCost().orElse(null)));
        }
        return out;
    }

    /** @return the host platform as advertised ({@code x86_64}, {@code arm64}, ...) */
    public String platform() {
        return all().stream().findFirst().map(Advertising::platform).orElse(System.getProperty("os.arch"));
    }

    private List<Advertising> all() {
        List<Advertising> list = new ArrayList<>();
        if (fixedAdapters != null) {
            list.addAll(fixedAdapters);
        } else if (adapters != null) {
            adapters.forEach(list::add);
        }
        list.sort(java.util.Comparator.comparing(Advertising::name));
        return list;
    }

    /**
     * @return the destinations {@code golem.provider.advertise} names (configured or not: an unconfigured one is
     *         reported, not silently dropped), or, when unset, every configured one
     * @throws IllegalStateException when the setting names an unknown destination
     */
    private List<Advertising> enabled() {
        List<String> names = settings.advertiseDestinations();
        List<Advertising> all = all();
        if (names.isEmpty()) {
            return all.stream().filter(Advertising::configured).toList();
        }
        Map<String, Advertising> byName = new LinkedHashMap<>();
        all.forEach(a -> byName.put(a.name(), a));
        return names.stream().map(byName::get).filter(java.util.Objects::nonNull).toList();
    }

    private Outcome outcome(Advertising a) {
        return outcomes.computeIfAbsent(a.name(), n -> new Outcome());
    }

    private static String notConfigured(Advertising a) {
        return Advertising.CHAIN.equals(a.name())
                ? "no ProviderRegistry: set golem.provider.registry-address or deploy one (the deployment file names "
                        + "none)"
                : "golem.provider.discovery-url is not set";
    }

    /**
     * Publishes the advertisement once to every enabled destination (or withdraws it when the provider is full), as
     * described in the class comment. Not to be called concurrently with itself; the timer and {@link #onChange}
     * serialise their calls.
     *
     * @throws IOException           when a destination could not be reached or refused (the others were still
     *                               tried; the message names each failed destination and why)
     * @throws IllegalStateException when {@code golem.provider.advertise} names an unknown destination, or a setting
     *                               needed for the advertisement is missing or malformed
     */
    public void advertise() throws IOException {
        List<Advertising> targets;
        try {
            targets = enabled();
        } catch (IllegalStateException e) {
            skip(Level.SEVERE, e.getMessage() + ": not advertising");
            throw e;
        }
        List<Advertising> ready = new ArrayList<>();
        for (Advertising a : targets) {
            if (a.configured()) {
                ready.add(a);
            } else {
                note(a, Level.WARNING, notConfigured(a) + ": not advertising there");
            }
        }
        if (ready.isEmpty()) {
            skip(Level.INFO, targets.isEmpty()
                    ? "golem.provider.discovery-url is not set and no ProviderRegistry is known: not advertising"
                    : "no configured destination in golem.provider.advertise: not advertising");
            return;
        }
        Resources free = vms.free();
        long[] min = settings.advertiseMinimum();
        if (free.cpu() < Math.max(1, min[0]) || free.memoryGib() < Math.max(1, min[1])
                || free.storageGib() < Math.max(1, min[2])) {
            List<String> failures = new ArrayList<>();
            String reason = "free capacity " + free.cpu() + " cores, " + free.memoryGib() + " GiB RAM, "
                    + free.storageGib() + " GiB disk is below the advertising minimum " + min[0] + " / " + min[1]
                    + " / " + min[2] + ": not advertised";
            for (Advertising a : ready) {
                Outcome o = outcome(a);
                if (!o.withdrawn) {
                    try {
                        if (a.withdraw(chain.providerId())) {
                            LOG.info("advertiser: advertisement withdrawn from " + a.name() + " (" + a.destination()
                                    + ", provider full)");
                        }
                        o.withdrawn = true;
                        o.skip = reason;
                    } catch (IOException | RuntimeException e) {
                        failures.add(fail(a, "withdrawing failed: " + e.getMessage()));
                    }
                } else {
                    o.skip = reason;
                }
            }
            skip(Level.INFO, reason);
            throwIfAny(failures);
            return;
        }
        Optional<String> host = settings.publicHost();
        String ip = ready.get(0).ipv4For(host.orElse(null)).orElse(null);
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
                ready.get(0).platform(), free, pricing.advertised(), settings.providerName(), settings.apiPort(),
                settings.network(), settings.paymentsNetwork(), contracts.contractOrZero(), contracts.token()));
        boolean first = lastSkip != null || task == null || task.lastSuccessAt() == 0;
        lastSkip = null;
        List<String> failures = new ArrayList<>();
        for (Advertising a : ready) {
            if (stopped.get()) {
                return; // a graceful stop began while this tick ran: do not advertise again after the withdrawal
            }
            Outcome o = outcome(a);
            try {
                a.publish(ad);
            } catch (IOException | RuntimeException e) {
                failures.add(fail(a, e.getMessage()));
                continue;
            }
            o.publishedAt = clock.millis();
            o.withdrawn = false;
            if (first || o.skip != null) {
                LOG.info(() -> "advertiser: advertised " + ip + " with " + free.cpu() + " cores, " + free.memoryGib()
                        + " GiB RAM, " + free.storageGib() + " GiB disk free to " + a.name() + " ("
                        + a.destination() + ")");
            } else {
                LOG.fine(() -> "advertiser: advertised " + free + " to " + a.name());
            }
            o.skip = null;
        }
        throwIfAny(failures);
    }

    /**
     * Withdraws the advertisement from every enabled, configured destination (a graceful stop), each in its own
     * thread bounded by {@value #STOP_TIMEOUT_SECONDS} s; a failure or timeout is logged and never blocks the stop.
     * Later ticks do nothing. Runs once; later calls return at once.
     */
    public void withdrawAll() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        List<Advertising> targets;
        try {
            targets = enabled();
        } catch (RuntimeException e) {
            return;
        }
        String id;
        try {
            id = chain.providerId();
        } catch (RuntimeException e) {
            LOG.warning("advertiser: not withdrawing on stop, the provider's key cannot be read: " + e.getMessage());
            return;
        }
        for (Advertising a : targets) {
            FutureTask<Boolean> job = new FutureTask<>(() -> a.configured() && a.withdraw(id));
            Thread t = new Thread(job, "advertiser-withdraw-" + a.name());
            t.setDaemon(true);
            t.start();
            try {
                if (job.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    outcome(a).withdrawn = true;
                    LOG.info("advertiser: advertisement withdrawn from " + a.name() + " (the provider stops)");
                }
            } catch (TimeoutException e) {
                LOG.warning("advertiser: withdrawing from " + a.name() + " took over " + STOP_TIMEOUT_SECONDS
                        + " s; stopping without it");
            } catch (ExecutionException e) {
                LOG.warning("advertiser: withdrawing from " + a.name() + " failed on stop: "
                        + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String fail(Advertising a, String message) {
        note(a, Level.WARNING, message);
        return a.name() + ": " + message;
    }

    private static void throwIfAny(List<String> failures) throws IOException {
        if (!failures.isEmpty()) {
            throw new IOException("advertising failed: " + String.join("; ", failures));
        }
    }

    /** Records a destination's skip or failure, logged at {@code level} when its reason changed. */
    private void note(Advertising a, Level level, String reason) {
        Outcome o = outcome(a);
        if (!reason.equals(o.skip)) {
            LOG.log(level, "advertiser: " + a.name() + ": " + reason);
        }
        o.skip = reason;
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
