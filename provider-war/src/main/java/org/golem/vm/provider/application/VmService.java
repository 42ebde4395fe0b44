package org.golem.vm.provider.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.auth.AuthError;
import org.golem.vm.common.auth.AuthException;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.wire.UserData;
import org.golem.vm.common.wire.VmInfo;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.application.port.SshPorts;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.application.port.VmHost;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.Capacity;
import org.golem.vm.provider.domain.CreationJob;
import org.golem.vm.provider.domain.StreamBinding;
import org.golem.vm.provider.domain.StreamPolicy;
import org.golem.vm.provider.domain.VmRecord;
import org.golem.vm.provider.domain.vm.VmSpec;

/**
 * The VM use cases of the provider API: create (gated on a stream), list, get, stop, start, delete. Every refusal
 * is an {@link DomainException} with a code; no refusal changes anything.
 *
 * <p>Creation: validate → check the stream (sender = signer, {@link StreamPolicy}, not bound yet) → reserve under
 * the reservation lock (name free, capacity, max VMs; VM row + binding + job in one transaction) → lease an SSH
 * port and one port per guest port besides SSH (all or nothing) → boot (in the request, or in the background for {@code ?async=true}) → running. A failed boot releases the
 * ports, the reservation and the binding (the stream may be used for a retry) and leaves no VM behind.
 *
 * <p>Only the owner (the signer who created it) sees or controls a VM (docs/auth.md).
 */
@ApplicationScoped
public class VmService {
    private static final Logger LOG = Logger.getLogger(VmService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    VmRepository store;

    @Inject
    VmHost hypervisor;

    @Inject
    PaymentsChain chain;

    @Inject
    SshPorts ports;

    @Inject
    Clock clock;

    @Inject
    PricingService pricing;

    @Inject
    ProviderSettings settings;

    @Inject
    Event<ProviderChanged> changed;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    private final ReentrantLock reservations = new ReentrantLock();
    /** VM names with a lifecycle operation in flight (create, stop, start, delete). */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /** Result of a creation: the VM, and the job when it boots in the background. */
    public record Created(VmRecord vm, CreationJob job) {
    }

    /** @return the provider's stream rules with the current settings */
    public StreamPolicy policy() {
        return new StreamPolicy(chain.providerId(), chain.contracts().token(), settings.minRunwaySeconds());
    }

    /** @return what the provider offers */
    public Capacity capacity() {
        return new Capacity(hypervisor.capacity(), settings.maxVms());
    }

    /** @return free capacity now */
    public Resources free() {
        return capacity().free(store.reserved());
    }

    /**
     * Creates a VM for {@code signer}.
     *
     * @param signer  the authenticated requestor (EIP-55)
     * @param request the body
     * @param async   true: return at once with a job, boot in the background
     * @return the VM (running when synchronous) and the job (async only)
     * @throws DomainException 422 invalid body / unknown image, 400 INVALID_PORT / TOO_MANY_PORTS, 413
     *                      USER_DATA_TOO_LARGE (over 64 KiB of UTF-8), 422 USER_DATA_NOT_SUPPORTED (user-data for an
     *                      image that runs no cloud-init), 409 RESIZE_NOT_SUPPORTED (the signer's VM of that name has
     *                      other resources), 400 STREAM_REQUIRED, 402 STREAM_* (stream not acceptable; its rate must
     *                      cover the guest ports' price too), 409 VM_NAME_TAKEN / STREAM_ALREADY_BOUND, 503
     *                      CAPACITY_EXHAUSTED / SSH_PORTS_EXHAUSTED / PORTS_EXHAUSTED / CHAIN_UNAVAILABLE /
     *                      PAYMENTS_UNCONFIGURED, 503 BOOT_FAILED, 503 HYPERVISOR_ERROR (the image's files cannot be
     *                      read to tell whether it takes user-data)
     * @throws AuthException 403 when the signer is not the stream's sender
     */
    public Created create(String signer, CreateVmRequest request, boolean async) {
        var violations = WireValidation.createVmRequest(request);
        if (!violations.isEmpty()) {
            throw Refusals.validation(violations);
        }
        List<Integer> guestPorts = validPorts(request.ports());
        String image = imageFor(request.image());
        Resources resources = request.resolvedResources();
        String userData = userDataFor(image, request.userData());
        refuseResize(signer, request.name(), resources);
        StreamBinding binding = null;
        BigInteger streamId = null;
        long now = clock.millis();
        if (chain.paymentsEnabled()) {
            streamId = request.streamId();
            if (streamId == null) {
                throw new DomainException(Refusal.INVALID, "STREAM_REQUIRED",
                        "stream_id required when payments are enabled");
            }
            StreamState state = checkStreamForCreation(signer, streamId, resources, guestPorts.size());
            binding = new StreamBinding(streamId, request.name(), signer, state.ratePerSecond(), now);
        }
        String driverId = "vm-" + HexFormat.of().formatHex(bytes(6));
        VmRecord vm = new VmRecord(request.name(), signer, driverId, resources, image, request.sshKey(), streamId,
                now);
        CreationJob job = async ? new CreationJob(UUID.randomUUID().toString(), request.name(), signer, now) : null;
        reserve(vm, binding, job);
        SshPorts.Lease lease;
        try {
            lease = ports.lease(driverId, guestPorts);
        } catch (SshPorts.Exhausted e) {
            store.remove(vm.name(), true, now);
            if (e.forExtraPorts()) {
                throw new DomainException(Refusal.UNAVAILABLE, "PORTS_EXHAUSTED", "this provider has no free port "
                        + "for " + guestPorts.size() + " guest port(s) besides SSH; try later or ask for fewer");
            }
            throw new DomainException(Refusal.UNAVAILABLE, "SSH_PORTS_EXHAUSTED",
                    "no free SSH port on this provider; try later");
        } catch (RuntimeException e) {
            store.remove(vm.name(), true, now);
            throw e;
        }
        busy.add(vm.name());
        changed.fireAsync(new ProviderChanged("vm reserved"));
        if (async) {
            try {
                executor.submit(() -> boot(vm, lease, job, userData));
            } catch (RuntimeException e) {
                abandon(vm, lease, job, "could not schedule the boot: " + e.getMessage());
                throw new DomainException(Refusal.UNAVAILABLE, "BOOT_FAILED",
                        "the provider could not start the creation; try again");
            }
            return new Created(vm, job);
        }
        return new Created(boot(vm, lease, null, userData), null);
    }

    /**
     * The guest TCP ports a creation asks to forward besides SSH.
     *
     * @param requested the request's {@code ports} (empty for none)
     * @return them, in the requestor's order
     * @throws DomainException 400 INVALID_PORT (outside 1..65535, 22, or twice), 400 TOO_MANY_PORTS (more than
     *                         {@code GOLEM_PROVIDER_MAX_PORTS})
     */
    private List<Integer> validPorts(List<Integer> requested) {
        Set<Integer> seen = new java.util.HashSet<>();
        for (Integer port : requested) {
            if (port == null || port < 1 || port > 65535) {
                throw new DomainException(Refusal.INVALID, "INVALID_PORT", "port " + port + " is not a TCP port "
                        + "(1..65535)");
            }
            if (port == 22) {
                throw new DomainException(Refusal.INVALID, "INVALID_PORT",
                        "port 22 is the VM's SSH, which is always forwarded; ask only for other ports");
            }
            if (!seen.add(port)) {
                throw new DomainException(Refusal.INVALID, "INVALID_PORT", "port " + port + " is asked for twice");
            }
        }
        int max = settings.maxPorts();
        if (requested.size() > max) {
            throw new DomainException(Refusal.INVALID, "TOO_MANY_PORTS", requested.size() + " ports asked for; this "
                    + "provider forwards at most " + max + " per VM besides SSH");
        }
        return List.copyOf(requested);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private StreamState checkStreamForCreation(String signer, BigInteger streamId, Resources resources, int ports) {
        if (chain.contracts().contract() == null) {
            throw new DomainException(Refusal.UNAVAILABLE, "PAYMENTS_UNCONFIGURED",
                    "this provider has no StreamPayment contract configured and cannot take payments");
        }
        StreamPaymentClient.StreamBatch batch = readStream(streamId);
        StreamState state = batch.streams().get(streamId);
        if (!state.nonexistent() && !state.sender().equalsIgnoreCase(signer)) {
            throw new AuthException(AuthError.AUTH_FORBIDDEN,
                    "only the stream's sender may create a VM paid by stream " + streamId);
        }
        policy().acceptForCreation(state, batch.blockTimestamp(), pricing.requiredRateWei(resources, ports))
                .ifPresent(r -> {
                    throw new DomainException(Refusal.PAYMENT_REQUIRED, r.code(), "invalid stream: " + r.reason());
                });
        if (store.streamBound(streamId)) {
            throw new DomainException(Refusal.CONFLICT, "STREAM_ALREADY_BOUND",
                    "invalid stream: stream " + streamId + " already pays for a VM (one stream per VM)");
        }
        return state;
    }

    /**
     * @param streamId stream
     * @return the stream and chain time
     * @throws DomainException 503 CHAIN_UNAVAILABLE when the node cannot be read
     */
    public StreamPaymentClient.StreamBatch readStream(BigInteger streamId) {
        try {
            return chain.read(streamId);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "stream " + streamId + " could not be read: " + e.getMessage());
            throw Refusals.chainUnavailable("stream lookup failed: the payments chain cannot be reached; try again");
        }
    }

    private void reserve(VmRecord vm, StreamBinding binding, CreationJob job) {
        reservations.lock();
        try {
            if (store.find(vm.name()).isPresent()) {
                throw new DomainException(Refusal.CONFLICT, "VM_NAME_TAKEN",
                        "a VM named '" + vm.name() + "' already exists");
            }
            String refusal = capacity().refusal(store.reserved(), vm.resources());
            if (refusal != null) {
                throw new DomainException(Refusal.UNAVAILABLE, "CAPACITY_EXHAUSTED", refusal);
            }
            try {
                store.reserve(vm, binding, job);
            } catch (VmRepository.ReservationConflict e) {
                throw new DomainException(Refusal.CONFLICT, "CONFLICT",
                        "the VM name or the stream was taken concurrently");
            }
        } finally {
            reservations.unlock();
        }
    }

    private VmRecord boot(VmRecord vm, SshPorts.Lease lease, CreationJob job, String userData) {
        try {
            var info = hypervisor.driver().create(new VmSpec(vm.driverId(), vm.resources().cpu(),
                    vm.resources().memoryGib(), vm.resources().storageGib(), vm.image(), vm.sshKey(), lease.port(),
                    Duration.ofSeconds(settings.bootTimeoutSeconds()), userData, lease.forwards()));
            lease.keep();
            String fingerprint = ports.hostKeyFingerprint(probeHost(), lease.port(), Duration.ofSeconds(10))
                    .orElse(null);
            long now = clock.millis();
            VmRecord running = store.update(vm.name(), v -> {
                v.running(lease.port(), info.sshUser(), fingerprint, now);
                v.forwarding(lease.forwards());
            }).orElseThrow();
            if (job != null) {
                store.updateJob(job.jobId(), j -> j.ready(now));
            }
            LOG.info(() -> "VM " + vm.name() + " (" + vm.driverId() + ") running for " + vm.owner() + ", ssh port "
                    + lease.port() + (lease.forwards().isEmpty() ? "" : ", ports " + lease.forwards()));
            return running;
        } catch (VmDriverException | RuntimeException e) {
            LOG.log(Level.WARNING, "creating VM " + vm.name() + " failed", e);
            String why = e instanceof VmDriverException d ? d.code() + ": " + d.getMessage() : "internal error";
            abandon(vm, lease, job, why);
            throw new DomainException(Refusal.UNAVAILABLE, "BOOT_FAILED", "VM creation failed: " + why);
        } finally {
            busy.remove(vm.name());
        }
    }

    private void abandon(VmRecord vm, SshPorts.Lease lease, CreationJob job, String why) {
        try {
            hypervisor.driver().delete(vm.driverId());
        } catch (VmDriverException | RuntimeException e) {
            LOG.log(Level.WARNING, "cleanup of failed VM " + vm.driverId() + " failed", e);
        }
        lease.close();
        long now = clock.millis();
        store.remove(vm.name(), true, now);
        if (job != null) {
            store.updateJob(job.jobId(), j -> j.failed(why, now));
        }
        busy.remove(vm.name());
        changed.fireAsync(new ProviderChanged("vm creation failed"));
    }

    private String probeHost() {
        String bind = settings.sshBindAddress();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    /**
     * The requestor's user-data for a VM of {@code image}, checked before anything is reserved or paid: at most
     * {@link UserData#MAX_BYTES} UTF-8 bytes, and only for an image whose VMs run cloud-init
     * ({@link VmHost#acceptsUserData}). It is not stored: it reaches the VM once, in its NoCloud seed.
     *
     * @return the user-data to hand to the driver, or null when none was given (null or empty)
     */
    private String userDataFor(String image, String userData) {
        if (!UserData.given(userData)) {
            return null;
        }
        String tooLarge = UserData.tooLarge(userData);
        if (tooLarge != null) {
            throw new DomainException(Refusal.TOO_LARGE, UserData.TOO_LARGE, tooLarge);
        }
        if (!driver(d -> hypervisor.acceptsUserData(image))) {
            throw new DomainException(Refusal.UNPROCESSABLE, UserData.NOT_SUPPORTED, UserData.notSupported(image));
        }
        return userData;
    }

    /**
     * A resize in this API is a creation naming the signer's existing VM with other resources: refused, so no disk is
     * ever grown, shrunk or replaced under a VM (its qcow2 overlay keeps its size for the VM's life).
     *
     * @throws DomainException 409 RESIZE_NOT_SUPPORTED
     */
    private void refuseResize(String signer, String name, Resources asked) {
        store.find(name).filter(v -> v.owner().equalsIgnoreCase(signer) && !v.resources().equals(asked))
                .ifPresent(v -> {
                    Resources r = v.resources();
                    throw new DomainException(Refusal.CONFLICT, "RESIZE_NOT_SUPPORTED", "VM '" + name + "' exists "
                            + "with " + r.cpu() + " cores / " + r.memoryGib() + " GiB RAM / " + r.storageGib()
                            + " GiB disk; a VM's resources are fixed when it is created and its disk is never "
                            + "resized: nothing was changed (to change them, delete the VM, and its disk with it, "
                            + "and create a new one)");
                });
    }

    private String imageFor(String requested) {
        if (CreateVmRequest.meansDefaultImage(requested)) {
            return settings.defaultImage();
        }
        String name = requested.strip();
        List<String> offered = hypervisor.offeredImages().stream().map(ImageInfo::name).toList();
        if (!offered.contains(name)) {
            throw new DomainException(Refusal.UNPROCESSABLE, "UNKNOWN_IMAGE",
                    "unknown image '" + name + "'; this provider offers: "
                    + (offered.isEmpty() ? "no image" : String.join(", ", offered)));
        }
        return name;
    }

    /**
     * @return the signer's VM
     * @throws DomainException  404 VM_NOT_FOUND
     * @throws AuthException 403 AUTH_FORBIDDEN when another requestor owns it
     */
    public VmRecord owned(String signer, String name) {
        VmRecord vm = store.find(name).orElseThrow(() -> new DomainException(Refusal.NOT_FOUND, "VM_NOT_FOUND",
                "VM not found"));
        if (!vm.owner().equalsIgnoreCase(signer)) {
            throw new AuthException(AuthError.AUTH_FORBIDDEN, "VM '" + name + "' belongs to another requestor");
        }
        return vm;
    }

    /** @return the signer's VMs */
    public List<VmRecord> list(String signer) {
        return store.ownedBy(signer);
    }

    /**
     * Stops the signer's running VM (disk, port and payment stay).
     *
     * @throws DomainException 409 VM_NOT_RUNNING / VM_BUSY, 503 HYPERVISOR_ERROR
     */
    public VmRecord stop(String signer, String name) {
        VmRecord vm = owned(signer, name);
        return exclusive(vm, () -> {
            VmRecord current = store.find(name).orElseThrow();
            if (current.status() == VmStatus.STOPPED) {
                return current;
            }
            if (current.status() != VmStatus.RUNNING) {
                throw new DomainException(Refusal.CONFLICT, "VM_NOT_RUNNING", "VM is " + current.status().wire());
            }
            driverStop(current);
            long now = clock.millis();
            return store.update(name, v -> v.stopped("stopped by its owner", false, now)).orElseThrow();
        });
    }

    /**
     * Starts the signer's stopped VM again, if its stream still pays.
     *
     * @throws DomainException 402 STREAM_* when the stream no longer pays, 409 VM_BUSY, 503 HYPERVISOR_ERROR /
     *                      CHAIN_UNAVAILABLE
     */
    public VmRecord start(String signer, String name) {
        VmRecord vm = owned(signer, name);
        return exclusive(vm, () -> {
            VmRecord current = store.find(name).orElseThrow();
            if (current.status() == VmStatus.RUNNING) {
                return current;
            }
            if (current.status() != VmStatus.STOPPED && current.status() != VmStatus.ERROR) {
                throw new DomainException(Refusal.CONFLICT, "VM_BUSY", "VM is " + current.status().wire());
            }
            if (chain.paymentsEnabled() && current.streamId() != null) {
                var batch = readStream(current.streamId());
                policy().acceptForStart(batch.streams().get(current.streamId()), batch.blockTimestamp())
                        .ifPresent(r -> {
                            throw new DomainException(Refusal.PAYMENT_REQUIRED, r.code(),
                                    "invalid stream: " + r.reason());
                        });
            }
            var info = driver(d -> d.start(current.driverId()));
            long now = clock.millis();
            return store.update(name, v -> v.running(info.sshPort(), info.sshUser(), null, now)).orElseThrow();
        });
    }

    /**
     * Deletes the signer's VM: the VM, its disk and its port are gone; its stream keeps being collected until
     * settled.
     *
     * @throws DomainException 404, 409 VM_BUSY while it is being created, 503 HYPERVISOR_ERROR (nothing changed)
     */
    public VmRecord delete(String signer, String name) {
        VmRecord vm = owned(signer, name);
        return exclusive(vm, () -> destroy(store.find(name).orElseThrow(), "deleted by its owner"));
    }

    /**
     * Deletes a VM whatever its owner (the monitor's retention rule, the operator).
     *
     * @return the VM as it was
     */
    public VmRecord destroy(VmRecord vm, String why) {
        if (vm.status() == VmStatus.CREATING) {
            throw new DomainException(Refusal.CONFLICT, "VM_BUSY",
                    "VM is being created; delete it once creation has finished");
        }
        driver(d -> {
            d.delete(vm.driverId());
            return null;
        });
        ports.release(vm.driverId());
        store.remove(vm.name(), false, clock.millis());
        LOG.info(() -> "VM " + vm.name() + " (" + vm.driverId() + ") deleted: " + why);
        changed.fireAsync(new ProviderChanged("vm deleted"));
        return vm;
    }

    /**
     * Stops a running VM because its stream no longer pays (the monitor). Hypervisor errors propagate (the
     * monitor retries next tick).
     */
    public void stopUnpaid(VmRecord vm, String reason) throws VmDriverException {
        if (!busy.add(vm.name())) {
            return;
        }
        try {
            try {
                hypervisor.driver().stop(vm.driverId());
            } catch (VmDriverException e) {
                if (e.code() != VmDriverException.Code.VM_NOT_FOUND) {
                    throw e;
                }
            }
            long now = clock.millis();
            store.update(vm.name(), v -> v.stopped("stopped: " + reason, true, now));
            LOG.info(() -> "VM " + vm.name() + " stopped: " + reason);
        } finally {
            busy.remove(vm.name());
        }
    }

    /**
     * Stops every running VM at once, for a graceful stop of the provider with
     * {@code golem.provider.stop-vms-on-exit}: the hypervisor stops them in parallel (each waits up to
     * {@code qemu.acpi-grace-seconds} for its guest to power off before it is quit), then each is recorded
     * {@code stopped} with {@code reason}. Disk, SSH port and stream binding stay, so the owner can start it again
     * (paying through the same stream). A VM with another operation in flight (being created, started, stopped or
     * deleted) is left alone.
     *
     * @param reason why, shown to the owner as the VM's {@code error_message}
     * @return the names of the VMs stopped; a VM the hypervisor failed to stop is logged and left as it was
     * @throws VmDriverException when the hypervisor cannot be set up (nothing was stopped)
     */
    public List<String> stopAll(String reason) throws VmDriverException {
        VmDriver driver = hypervisor.driver();
        List<VmRecord> running = store.all().stream()
                .filter(v -> v.status() == VmStatus.RUNNING && busy.add(v.name())).toList();
        if (running.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(running.size(), threads);
        try {
            List<CompletableFuture<VmRecord>> stops = running.stream().map(vm -> CompletableFuture.supplyAsync(() -> {
                try {
                    driver.stop(vm.driverId());
                } catch (VmDriverException e) {
                    if (e.code() != VmDriverException.Code.VM_NOT_FOUND) {
                        throw new CompletionException(e);
                    }
                }
                return vm;
            }, pool)).toList();
            List<String> stopped = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                VmRecord vm = running.get(i);
                try {
                    stops.get(i).join();
                } catch (CompletionException e) {
                    LOG.log(Level.WARNING, "VM " + vm.name() + " could not be stopped: " + e.getCause().getMessage(),
                            e.getCause());
                    continue;
                }
                long now = clock.millis();
                store.update(vm.name(), v -> v.stopped(reason, false, now));
                stopped.add(vm.name());
                LOG.info(() -> "VM " + vm.name() + " (" + vm.driverId() + ") stopped: " + reason);
            }
            return stopped;
        } finally {
            pool.shutdown();
            running.forEach(vm -> busy.remove(vm.name()));
        }
    }

    /** @return true when a lifecycle operation on the VM is in flight */
    public boolean isBusy(String name) {
        return busy.contains(name);
    }

    private void driverStop(VmRecord vm) {
        driver(d -> d.stop(vm.driverId()));
    }

    private interface DriverCall<T> {
        T call(VmDriver d) throws VmDriverException;
    }

    private <T> T driver(DriverCall<T> call) {
        try {
            return call.call(hypervisor.driver());
        } catch (VmDriverException e) {
            LOG.log(Level.WARNING, "hypervisor: " + e.getMessage(), e);
            throw new DomainException(Refusal.UNAVAILABLE, "HYPERVISOR_ERROR", "the hypervisor failed (" + e.code()
                    + "); nothing was changed, try again");
        }
    }

    private <T> T exclusive(VmRecord vm, java.util.function.Supplier<T> action) {
        if (!busy.add(vm.name())) {
            throw new DomainException(Refusal.CONFLICT, "VM_BUSY",
                    "another operation on VM '" + vm.name() + "' is in progress");
        }
        try {
            return action.get();
        } finally {
            busy.remove(vm.name());
        }
    }

    /**
     * @param vm a VM record
     * @return the API shape; {@code error_message} carries why it is stopped or failed
     */
    public static VmInfo info(VmRecord vm) {
        return new VmInfo(vm.name(), vm.name(), vm.status(), vm.resources(), null, vm.sshPort(),
                WireTime.format(Instant.ofEpochMilli(vm.createdAt())),
                WireTime.format(Instant.ofEpochMilli(vm.updatedAt())), vm.statusReason());
    }

    /**
     * @param vm a VM record
     * @return its forwarded guest TCP ports besides SSH, in the API's shape ({@code guest_port}, {@code host_port})
     */
    public static List<PortForward> forwards(VmRecord vm) {
        return vm.ports().stream().map(f -> new PortForward(f.guestPort(), f.hostPort())).toList();
    }

    /** @return a creation job */
    public Optional<CreationJob> job(String jobId) {
        return store.job(jobId);
    }

    /**
     * @param signer the authenticated requestor
     * @param jobId  a creation job
     * @return the signer's job
     * @throws DomainException 404 JOB_NOT_FOUND
     * @throws AuthException   403 AUTH_FORBIDDEN when another requestor created it
     */
    public CreationJob ownedJob(String signer, String jobId) {
        CreationJob job = store.job(jobId)
                .orElseThrow(() -> new DomainException(Refusal.NOT_FOUND, "JOB_NOT_FOUND", "job not found"));
        if (!job.owner().equalsIgnoreCase(signer)) {
            throw new AuthException(AuthError.AUTH_FORBIDDEN, "the job belongs to another requestor");
        }
        return job;
    }

    /**
     * The signer's VM for SSH access: running with a port, or still being created (the caller answers 202).
     *
     * @return the VM, {@code creating} or {@code running}
     * @throws DomainException 404 VM_NOT_FOUND, 409 VM_NOT_RUNNING (with why it is stopped, when known)
     * @throws AuthException   403 AUTH_FORBIDDEN when another requestor owns it
     */
    public VmRecord forAccess(String signer, String name) {
        VmRecord vm = owned(signer, name);
        if (vm.status() != VmStatus.CREATING && (vm.status() != VmStatus.RUNNING || vm.sshPort() == null)) {
            throw new DomainException(Refusal.CONFLICT, "VM_NOT_RUNNING", "VM is " + vm.status().wire()
                    + (vm.statusReason() == null ? "" : " (" + vm.statusReason() + ")"));
        }
        return vm;
    }
}
