package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.common.wire.UserData;
import org.golem.vm.common.wire.requestor.ProviderImages;
import org.golem.vm.common.wire.VmAccessInfo;
import org.golem.vm.common.wire.VmInfo;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.requestor.CreationStarted;
import org.golem.vm.common.wire.requestor.JobError;
import org.golem.vm.common.wire.requestor.JobView;
import org.golem.vm.common.wire.requestor.RentVmRequest;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.application.port.JobRunner;
import org.golem.vm.requestor.application.port.Payments;
import org.golem.vm.requestor.application.port.ProviderApi;
import org.golem.vm.requestor.application.port.ProviderRefusedException;
import org.golem.vm.requestor.application.port.RequestorStore;
import org.golem.vm.requestor.application.port.SshKeys;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.domain.CreationJob;
import org.golem.vm.requestor.domain.RentedVm;

/**
 * Creating a VM on a provider, paid by a stream. Unlike the original Python requestor (which opened the stream
 * first and left it paying when the provider then refused), everything that can be checked is checked BEFORE money
 * moves — the name (rules and not used locally), the provider (listed by
 * discovery, reachable, advertising enough capacity, its {@code /provider/info} contract and token equal to OUR
 * deployment and its id equal to the advertised one), the runway it requires and the wallet's balance. Only then is
 * the stream opened and the VM created on the provider. If anything fails after the stream was opened here, the
 * stream is terminated (the unvested deposit comes back) and the local record removed; every transaction's receipt
 * is checked; the VM is stored once.
 */
@ApplicationScoped
public class VmCreation {
    private static final Logger LOG = Logger.getLogger(VmCreation.class.getName());
    /** Gas reserved for the createStream transaction (and a terminate on failure), in gas units. */
    private static final BigInteger GAS_RESERVE_UNITS = BigInteger.valueOf(600_000);

    @Inject
    RequestorStore store;

    @Inject
    Providers providers;

    @Inject
    Payments payments;

    @Inject
    RequestorSettings settings;

    @Inject
    ProviderApi provider;

    @Inject
    SshKeys sshKeys;

    @Inject
    JobRunner jobs;

    @Inject
    Clock clock;

    /** How long the provider is given between two polls of a booting VM, in milliseconds. */
    long pollMillis = 2000;

    /** What was checked before the job starts. */
    private record Plan(RentVmRequest command, Resources resources, String providerId, String providerUrl,
                        BigInteger rate, BigInteger deposit) {
    }

    /**
     * Validates ({@link RentVmRequest#violations()}), checks the provider and the wallet, records the VM as {@code creating} and starts the creation in
     * the background.
     *
     * @return the job (poll it for progress)
     * @throws DomainException 422 VALIDATION_ERROR / UNKNOWN_IMAGE (not in the provider's catalogue), 413
     *                      USER_DATA_TOO_LARGE (over 64 KiB of UTF-8), 422 USER_DATA_NOT_SUPPORTED (the provider's
     *                      catalogue says the image takes none), 409 VM_EXISTS / INSUFFICIENT_CAPACITY /
     *                      CONTRACT_MISMATCH / TOO_MANY_PORTS,
     *                      404 PROVIDER_NOT_FOUND, 402 INSUFFICIENT_FUNDS, 503 *_UNREACHABLE / CHAIN_UNAVAILABLE
     */
    public CreationStarted start(RentVmRequest command) {
        Plan plan = plan(command);
        long now = clock.millis();
        RentedVm vm = new RentedVm(command.name(), plan.providerId(), plan.providerUrl(), plan.resources(),
                command.image(), now);
        CreationJob job = new CreationJob(UUID.randomUUID().toString(), command.name(), now);
        try {
            store.insert(vm, job);
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            throw vmExists(command.name());
        }
        jobs.submit(() -> run(plan, job.jobId()));
        return new CreationStarted(job.jobId(), job.name(), job.status());
    }

    private Plan plan(RentVmRequest c) {
        if (c == null) {
            throw Refusals.validation(List.of(new Violation("body", Violation.REQUIRED, "is required")));
        }
        List<Violation> v = c.violations();
        if (!v.isEmpty()) {
            throw Refusals.validation(v);
        }
        String tooLarge = UserData.tooLarge(c.userData());
        if (tooLarge != null) {
            throw new DomainException(Refusal.TOO_LARGE, UserData.TOO_LARGE, tooLarge);
        }
        if (store.find(c.name()).isPresent()) {
            throw vmExists(c.name());
        }
        long hours = c.stream().hoursOrDefault();
        Resources resources = c.stream().resources();
        Quote q = quote(c.providerId(), resources, c.ports().size());
        BigInteger rate = q.rate();
        String url = q.providerUrl();
        ProviderInfo info = q.info();
        requireOfferedImage(info, c.image());
        refuseUserDataTheImageTakesNot(c, info);
        long minRunway = q.minRunwaySeconds();
        BigInteger deposit;
        if (c.streamId() != null) {
            checkOwnStream(c.streamId(), info.providerId(), minRunway);
            deposit = BigInteger.ZERO;
        } else {
            if (hours * 3600 < minRunway + 60) {
                throw Refusals.invalid("hours: the provider requires at least " + minRunway
                        + " s of paid time; pay for more hours");
            }
            deposit = rate.multiply(BigInteger.valueOf(hours * 3600));
            requireFunds(payments.contracts().token(), deposit);
        }
        return new Plan(c, resources, info.providerId(), url, rate, deposit);
    }

    /**
     * User-data for an image the provider's catalogue ({@link ProviderInfo#images()}) says takes none is refused
     * before money moves: a named image whose entry has {@code user_data: false}, or, with no image named (the
     * provider's default, which the catalogue does not mark), a catalogue in which no image takes user-data. A
     * provider that sends no catalogue, an image it does not list, and the unnamed default of a catalogue with
     * images of both kinds are left to the provider, which refuses with the same code (then the stream is terminated
     * and its deposit refunded).
     *
     * @throws DomainException 422 USER_DATA_NOT_SUPPORTED
     */
    private static void refuseUserDataTheImageTakesNot(RentVmRequest c, ProviderInfo info) {
        if (!UserData.given(c.userData()) || info.images().isEmpty()) {
            return;
        }
        String image = c.image() == null || c.image().isBlank() ? null : c.image().strip();
        if (image == null) {
            if (info.images().stream().noneMatch(ImageInfo::userData)) {
                throw new DomainException(Refusal.UNPROCESSABLE, UserData.NOT_SUPPORTED, "no image of provider "
                        + info.providerId() + " takes user-data (it offers " + info.images().stream()
                        .map(ImageInfo::name).collect(Collectors.joining(", ")) + "); nothing was paid");
            }
            return;
        }
        info.images().stream().filter(i -> image.equals(i.name()) && !i.userData()).findFirst().ifPresent(i -> {
            throw new DomainException(Refusal.UNPROCESSABLE, UserData.NOT_SUPPORTED, UserData.notSupported(image)
                    + "; nothing was paid");
        });
    }

    /**
     * Refuses an image the provider does not offer, before a stream is opened: the provider's
     * {@code /provider/info} lists its ready images ({@code images}); a name that means the provider's default
     * ({@link CreateVmRequest#meansDefaultImage}) is left to the provider.
     *
     * @throws DomainException 422 UNKNOWN_IMAGE naming the offered images
     */
    static void requireOfferedImage(ProviderInfo info, String image) {
        if (CreateVmRequest.meansDefaultImage(image)) {
            return;
        }
        List<String> offered = info.images().stream().map(ImageInfo::name).toList();
        if (!offered.contains(image.strip())) {
            throw new DomainException(Refusal.UNPROCESSABLE, "UNKNOWN_IMAGE", "the provider does not offer image '"
                    + image.strip() + "'; it offers: " + (offered.isEmpty() ? "no image" : String.join(", ", offered))
                    + " (golem vm images --provider-id " + info.providerId() + "); nothing was paid");
        }
    }

    private static DomainException vmExists(String name) {
        return new DomainException(Refusal.CONFLICT, "VM_EXISTS", "a VM named '" + name + "' already exists");
    }

    /**
     * A provider checked for payment: reachable, its contract and token ours, its id the advertised one.
     *
     * @param info        its {@code /provider/info}
     * @param providerUrl its API base URL
     * @param rate        the stream rate for the resources, wei per second (rounded up)
     */
    public record Quote(ProviderInfo info, String providerUrl, BigInteger rate) {
        /** @return the provider's minimum runway, seconds (0 when it does not say) */
        public long minRunwaySeconds() {
            return info.minRunwaySeconds() == null ? 0 : info.minRunwaySeconds();
        }
    }

    /**
     * Checks a provider before paying it (see the class comment).
     *
     * @throws DomainException 404 PROVIDER_NOT_FOUND, 409 INSUFFICIENT_CAPACITY / CONTRACT_MISMATCH / PRICING_UNKNOWN,
     *                      503 PROVIDER_UNREACHABLE / DISCOVERY_UNREACHABLE / CHAIN_UNAVAILABLE
     */
    public Quote quote(String providerId, Resources resources) {
        return quote(providerId, resources, 0);
    }

    /**
     * Checks a provider before paying it for a VM with forwarded guest ports besides SSH: as
     * {@link #quote(String, Resources)}, the rate includes the provider's price per port, and more ports than the
     * provider forwards per VM ({@code max_ports} of its {@code /provider/info}; none when it does not say) are
     * refused.
     *
     * @param ports guest TCP ports to forward besides SSH
     * @throws DomainException as {@link #quote(String, Resources)}, and 409 TOO_MANY_PORTS
     */
    public Quote quote(String providerId, Resources resources, int ports) {
        Advertisement ad = providers.find(providerId);
        Resources free = ad.resources();
        if (free == null || free.cpu() < resources.cpu() || free.memoryGib() < resources.memoryGib()
                || free.storageGib() < resources.storageGib()) {
            throw new DomainException(Refusal.CONFLICT, "INSUFFICIENT_CAPACITY", "the provider advertises " + (free == null ? "nothing"
                    : free.cpu() + " cores / " + free.memoryGib() + " GiB RAM / " + free.storageGib() + " GiB disk")
                    + " free");
        }
        String url = urlOf(ad);
        ProviderInfo info = providerInfo(url);
        Payments.Contracts ours = payments.contracts();
        if (ours.contract() == null) {
            throw Refusals.chainUnavailable("no StreamPayment contract is configured for payments "
                    + "network " + settings.paymentsNetwork());
        }
        if (!ad.providerId().equalsIgnoreCase(info.providerId())) {
            throw new DomainException(Refusal.CONFLICT, "CONTRACT_MISMATCH", "the provider at " + url + " is " + info.providerId()
                    + ", not the advertised " + ad.providerId());
        }
        if (!ours.contract().equalsIgnoreCase(String.valueOf(info.streamPaymentAddress()))
                || !ours.token().equalsIgnoreCase(String.valueOf(info.glmTokenAddress()))) {
            throw new DomainException(Refusal.CONFLICT, "CONTRACT_MISMATCH", "the provider takes payments on contract "
                    + info.streamPaymentAddress() + " in token " + info.glmTokenAddress() + "; ours for "
                    + settings.paymentsNetwork() + " are " + ours.contract() + " and " + ours.token()
                    + ": refusing to pay it");
        }
        int maxPorts = info.maxPorts() == null ? 0 : info.maxPorts();
        if (ports > maxPorts) {
            throw new DomainException(Refusal.CONFLICT, "TOO_MANY_PORTS", ports + " port(s) asked for; the provider "
                    + "forwards at most " + maxPorts + " per VM besides SSH" + (info.maxPorts() == null
                    ? " (it does not advertise max_ports)" : "") + "; nothing was paid");
        }
        AdvertisedPricing pricing = info.pricing() != null ? info.pricing() : ad.pricing();
        BigInteger rate = Providers.estimate(pricing, resources, ports).ratePerSecondWei();
        if (rate == null || rate.signum() <= 0) {
            throw new DomainException(Refusal.CONFLICT, "PRICING_UNKNOWN", "the provider does not publish prices a stream rate can be "
                    + "computed from");
        }
        return new Quote(info, url, rate);
    }

    /**
     * The images a provider offers now (its own {@code /provider/info}, which creation checks against).
     *
     * @param providerId the provider's address (any case)
     * @return its id (EIP-55, as advertised) and ready images
     * @throws DomainException 404 PROVIDER_NOT_FOUND, 503 PROVIDER_UNREACHABLE / DISCOVERY_UNREACHABLE
     */
    public ProviderImages images(String providerId) {
        Advertisement ad = providers.find(providerId);
        return new ProviderImages(ad.providerId(), providerInfo(urlOf(ad)).images());
    }

    private String urlOf(Advertisement ad) {
        return "http://" + ad.ipAddress() + ":" + (ad.apiPort() == null ? settings.providerPort() : ad.apiPort());
    }

    private ProviderInfo providerInfo(String url) {
        try {
            return provider.info(url);
        } catch (IOException e) {
            throw new DomainException(Refusal.UNAVAILABLE, "PROVIDER_UNREACHABLE", "the provider at " + url + " does not answer ("
                    + IoFailures.describe(e) + "); nothing was paid: retry later or pick another provider");
        }
    }

    private void checkOwnStream(BigInteger streamId, String provider, long minRunway) {
        StreamState s;
        long now;
        try {
            Payments.Reading r = payments.read(streamId);
            s = r.state();
            now = r.chainNow();
        } catch (IOException e) {
            throw Refusals.chainUnavailable(payments.unreachable(e));
        }
        if (s.nonexistent() || !s.sender().equalsIgnoreCase(payments.address())
                || !s.recipient().equalsIgnoreCase(provider) || s.halted()
                || StreamMath.remainingSeconds(s, now) < minRunway) {
            throw new DomainException(Refusal.UNPROCESSABLE, "STREAM_UNUSABLE", "stream " + streamId + " must be ours, pay provider "
                    + provider + ", be running and have at least " + minRunway + " s paid");
        }
    }

    /**
     * @param token  the stream's token (the zero address: native ETH)
     * @param amount what goes into the stream: wei, or the token's base units
     * @throws DomainException 402 INSUFFICIENT_FUNDS when the wallet cannot pay it (in native mode plus gas; in ERC-20
     *                      mode the token amount and ETH for the approve and the call), 503 CHAIN_UNAVAILABLE
     */
    public void requireFunds(String token, BigInteger amount) {
        try {
            String shortfall = payments.funds(token).shortfall(amount,
                    GAS_RESERVE_UNITS.multiply(BigInteger.valueOf(2_000_000_000L)));
            if (shortfall != null) {
                throw new DomainException(Refusal.PAYMENT_REQUIRED, "INSUFFICIENT_FUNDS", shortfall);
            }
        } catch (IOException e) {
            throw Refusals.chainUnavailable(payments.unreachable(e));
        }
    }

    private void step(String jobId, String step, String line) {
        store.updateJob(jobId, j -> j.step(step, line, clock.millis()));
        LOG.info(() -> "create: " + line);
    }

    private void run(Plan p, String jobId) {
        RentVmRequest c = p.command();
        String url = p.providerUrl();
        BigInteger opened = null;
        BigInteger stream = c.streamId();
        try {
            if (stream == null) {
                step(jobId, "opening_stream", "opening a stream of " + p.deposit() + " wei at " + p.rate()
                        + " wei/s to " + p.providerId());
                stream = payments.open(p.providerId(), p.deposit(), p.rate());
                opened = stream;
            }
            BigInteger paying = stream;
            store.updateJob(jobId, j -> j.stream(paying));
            store.update(c.name(), v -> v.paidBy(paying, clock.millis()));
            step(jobId, "creating_vm", "stream " + stream + " open; asking the provider for the VM");
            SshKeys.Identity key = sshKeys.identity();
            provider.create(url, new CreateVmRequest(c.name(), null, p.resources(), c.image(), key.publicKey(),
                    stream, UserData.given(c.userData()) ? c.userData() : null, c.ports()));
            step(jobId, "booting", "the provider is booting the VM");
            VmInfo vm = waitRunning(url, c.name());
            VmAccessInfo access = provider.access(url, c.name());
            long now = clock.millis();
            store.update(c.name(), r -> {
                r.reachable(access.sshHost(), access.sshPort(), access.sshUser() == null ? "root" : access.sshUser(),
                        access.sshHostKeyFingerprint(), now);
                r.forwarding(access.ports());
            });
            store.updateJob(jobId, j -> j.ready(clock.millis()));
            LOG.info(() -> "VM " + c.name() + " running on " + url + " (" + vm.status().wire() + ")");
        } catch (Exception e) {
            fail(p, jobId, opened, e);
        }
    }

    private VmInfo waitRunning(String url, String name) throws IOException, InterruptedException {
        long deadline = clock.millis() + settings.createTimeoutSeconds() * 1000;
        while (true) {
            VmInfo vm = provider.vm(url, name);
            if (vm.status() == VmStatus.RUNNING) {
                return vm;
            }
            if (vm.status() == VmStatus.ERROR || vm.status() == VmStatus.DELETED) {
                throw new IOException("the provider reports the VM as " + vm.status().wire() + ": "
                        + (vm.errorMessage() == null ? "" : vm.errorMessage()));
            }
            if (clock.millis() > deadline) {
                throw new IOException("the VM did not start within " + settings.createTimeoutSeconds() + " s (status "
                        + vm.status().wire() + ")");
            }
            Thread.sleep(pollMillis);
        }
    }

    private void fail(Plan p, String jobId, BigInteger opened, Exception e) {
        String code = e instanceof ProviderRefusedException ? "PROVIDER_REFUSED"
                : e instanceof ContractRevertException ? "TX_FAILED" : "CREATE_FAILED";
        String why = e instanceof ProviderRefusedException pe
                ? "the provider refused (" + pe.status() + " " + pe.code() + "): " + pe.getMessage()
                : IoFailures.describe(e);
        LOG.log(Level.WARNING, "creating VM " + p.command().name() + " failed: " + why, e);
        try {
            provider.delete(p.providerUrl(), p.command().name());
        } catch (IOException ignored) {
            // nothing was created there, or it is unreachable: the stream's termination below stops payment anyway
        }
        String refund = "";
        if (opened != null) {
            step(jobId, "refunding", "terminating stream " + opened + " (refund of the unvested deposit)");
            try {
                Payments.Refund r = payments.terminate(opened);
                refund = "; stream " + opened + " terminated, " + r.refundWei() + " wei refunded (tx " + r.txHash()
                        + ")";
            } catch (Exception t) {
                refund = "; terminating stream " + opened + " FAILED (" + IoFailures.describe(t)
                        + "): terminate it with golem vm stream terminate --stream-id " + opened;
            }
        }
        store.remove(p.command().name());
        String message = why + refund;
        store.updateJob(jobId, j -> j.failed(code, message, clock.millis()));
    }

    /**
     * @param jobId a job id
     * @return the creation's progress, with the VM once it is ready
     * @throws DomainException 404 JOB_NOT_FOUND
     */
    public JobView progress(String jobId) {
        CreationJob j = store.job(jobId).orElseThrow(() -> new DomainException(Refusal.NOT_FOUND, "JOB_NOT_FOUND",
                "job not found"));
        RentedVmView vm = CreationJob.READY.equals(j.status()) ? store.find(j.name()).map(VmViews::of).orElse(null)
                : null;
        return new JobView(j.jobId(), j.name(), j.status(), j.step(), j.message(), j.streamId(), vm,
                j.errorCode() == null ? null : new JobError(j.errorCode(), String.valueOf(j.errorMessage())));
    }

    /** Marks jobs interrupted by a restart as failed (their VMs are reconciled by the operations). */
    public void failInterrupted() {
        for (CreationJob j : store.unfinishedJobs()) {
            store.updateJob(j.jobId(), x -> x.failed("INTERRUPTED", "the requestor service restarted during "
                    + "creation; check golem vm list and golem vm stream list", clock.millis()));
        }
    }
}
