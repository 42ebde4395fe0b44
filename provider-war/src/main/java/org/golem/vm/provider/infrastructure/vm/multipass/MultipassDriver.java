package org.golem.vm.provider.infrastructure.vm.multipass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.wire.UserData;
import org.golem.vm.provider.application.port.DriverCapabilities;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException.Code;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.Hostfwd;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmState;
import org.golem.vm.provider.domain.vm.VmUsage;
import org.golem.vm.provider.infrastructure.net.TcpForwarder;
import org.golem.vm.provider.infrastructure.vm.toolkit.CloudInit;
import org.golem.vm.provider.infrastructure.vm.toolkit.Deadline;
import org.golem.vm.provider.infrastructure.vm.toolkit.ProcessRunner;
import org.golem.vm.provider.infrastructure.vm.toolkit.SshBanner;
import org.golem.vm.provider.infrastructure.vm.toolkit.VmFiles;
import org.golem.vm.provider.infrastructure.vm.toolkit.VmLocks;

/**
 * The original Python provider's hypervisor path: drives the {@code multipass} CLI and exposes each VM's SSH port
 * through our own {@link TcpForwarder} from the VM's host SSH port ({@link VmSpec#sshPort()}) to
 * {@code <VM IPv4>:22}.
 *
 * <p>Commands: {@code launch --name <id> --cpus <n> --memory <n>G --disk <n>G --cloud-init <file> --timeout <s>
 * <image>}, {@code info <id> --format json}, {@code list --format json}, {@code start}, {@code stop},
 * {@code delete --purge}. Every call runs through {@link ProcessRunner} (no shell) with a timeout; stdout and
 * stderr are captured; JSON is parsed with Jackson. Errors map to {@link VmDriverException} codes: "does not
 * exist" → {@code VM_NOT_FOUND}, "already exists" → {@code VM_EXISTS}, an unknown image → {@code IMAGE_NOT_FOUND},
 * anything else (non-zero exit, timeout, executable missing, unparsable output) → {@code HYPERVISOR_ERROR}.
 *
 * <p>Cloud-init gives the requestor's key to the image's default user (top-level {@code ssh_authorized_keys};
 * {@code ubuntu} on Ubuntu images), password login off and root login off ({@link CloudInit}), unlike the original,
 * which let the requestor in as root.
 *
 * <p>Ownership: a VM is this driver's when it has a record in {@code <stateDir>/vms/<id>.json}, written before
 * {@code launch}; {@link #list} and every other method ignore Multipass instances without one, and never delete
 * them. The Multipass instance name is the VM id, so the id must also be a valid Multipass name (start with a
 * letter, end with a letter or digit).
 *
 * <p>Restart: a new driver on the same state directory restarts the SSH forward of every recorded VM that
 * Multipass reports running (the original never did, so its VMs lost SSH when the provider restarted).
 * {@link #close} stops the forwards; the VMs keep running. Forwards are also stopped on {@link #stop} and
 * {@link #delete} (the original left them listening).
 *
 * <p>Thread-safe: operations on one VM are serialized, operations on different VMs run in parallel.
 */
public final class MultipassDriver implements VmDriver {

    /**
     * Driver settings.
     *
     * @param executable         the {@code multipass} executable: a path, or a bare name looked up on {@code PATH}
     * @param stateDir           where the driver keeps VM records and cloud-init files, e.g.
     *                           {@code ~/.golem/provider/multipass}
     * @param forwardBindAddress the address SSH forwards listen on ({@code 0.0.0.0}: all)
     * @param guestSshPort       the guest's SSH port the forwards connect to, normally 22
     * @param sshUser            the login user of the images' default user, e.g. {@code ubuntu}
     * @param commandTimeout     timeout of short commands ({@code info}, {@code list}, {@code delete})
     * @param stopTimeout        how long {@code multipass stop} may take before {@code stop --force}
     * @param pollInterval       pause between readiness checks (state/IPv4 and SSH banner)
     * @param imageAliases       catalog name → Multipass image (e.g. {@code ubuntu-22.04 → 22.04}); names not in the
     *                           map are passed to Multipass as they are
     * @param forwarderOptions   buffer sizes and timeouts of the SSH forwards
     */
    public record Config(String executable, Path stateDir, InetAddress forwardBindAddress, int guestSshPort,
                         String sshUser, Duration commandTimeout, Duration stopTimeout, Duration pollInterval,
                         Map<String, String> imageAliases, TcpForwarder.Options forwarderOptions) {
        /** @throws IllegalArgumentException for a guest port outside 1..65535 (null fields: NullPointerException) */
        public Config {
            Objects.requireNonNull(executable, "executable");
            Objects.requireNonNull(stateDir, "stateDir");
            Objects.requireNonNull(forwardBindAddress, "forwardBindAddress");
            Objects.requireNonNull(sshUser, "sshUser");
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(forwarderOptions, "forwarderOptions");
            imageAliases = Map.copyOf(imageAliases);
            if (guestSshPort < 1 || guestSshPort > 65535) {
                throw new IllegalArgumentException("guestSshPort must be 1..65535");
            }
        }

        /**
         * Production defaults: {@code multipass} from {@code PATH}, state in {@code <dataDir>/multipass}, forwards
         * on all addresses to port 22, user {@code ubuntu}, 60 s commands, 120 s stop, 1 s polls, no aliases.
         *
         * @param dataDir the provider's data directory
         * @return the settings
         */
        public static Config defaults(Path dataDir) {
            try {
                return new Config("multipass", dataDir.resolve("multipass"), InetAddress.getByName("0.0.0.0"), 22,
                        "ubuntu", Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(1), Map.of(),
                        TcpForwarder.Options.DEFAULT);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * What the driver remembers of a VM it created (JSON in {@code <stateDir>/vms/<id>.json}); {@code ports} are the
     * guest TCP ports forwarded besides SSH (absent in records written before ports existed: none).
     */
    record VmRecord(String vmId, int cpu, int memoryGib, int storageGib, String image, int sshPort, String sshUser,
                    long bootTimeoutSeconds, long startedAtEpochSeconds, List<Hostfwd> ports) {
        VmRecord {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }

        VmRecord withStartedAt(long epochSeconds) {
            return new VmRecord(vmId, cpu, memoryGib, storageGib, image, sshPort, sshUser, bootTimeoutSeconds,
                    epochSeconds, ports);
        }
    }

    /** Parsed {@code multipass info}: state as Multipass spells it, first IPv4 or null, used bytes. */
    private record Instance(String state, String ipv4, long memoryUsed, long diskUsed) {
    }

    private static final Logger LOG = Logger.getLogger(MultipassDriver.class.getName());
    /** Reads Multipass's JSON output. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 500;

    private final Config config;
    private final Path vmsDir;
    private final Path cloudInitDir;
    private final Path tmpDir;
    private final ProcessRunner runner;
    private final VmLocks locks = new VmLocks();
    private final Map<String, TcpForwarder> forwards = new ConcurrentHashMap<>();
    /** The forwards of the guest ports besides SSH, per VM id. */
    private final Map<String, List<TcpForwarder>> portForwards = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Opens the state directory and restarts the SSH forwards of recorded VMs that Multipass reports running.
     * Multipass failures while re-adopting are logged, not thrown (the VMs show up in {@link #list} with their
     * state).
     *
     * @param config the settings
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when the state directory cannot be created
     */
    public MultipassDriver(Config config) throws VmDriverException {
        this.config = Objects.requireNonNull(config, "config");
        this.vmsDir = config.stateDir().resolve("vms");
        this.cloudInitDir = config.stateDir().resolve("cloud-init");
        this.tmpDir = config.stateDir().resolve("tmp");
        this.runner = new ProcessRunner(tmpDir);
        try {
            Files.createDirectories(vmsDir);
            Files.createDirectories(cloudInitDir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "cannot create " + config.stateDir(), e);
        }
        readopt();
    }

    @Override
    public String name() {
        return "multipass";
    }

    /**
     * @return accelerator {@code multipass} (it picks its own hypervisor), images named the Multipass way, no
     *         user-data: Multipass takes a single cloud-init file, which must be {@code #cloud-config} YAML it parses
     *         and rewrites, and no meta-data, so a requestor's user-data could not reach the guest as is (a script or
     *         MIME multi-part would be refused) next to the key injection; the provider refuses it with
     *         {@code USER_DATA_NOT_SUPPORTED}
     */
    @Override
    public DriverCapabilities capabilities() {
        return new DriverCapabilities(name(), Optional.of(name()), DriverCapabilities.MULTIPASS_IMAGES);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Writes the record and the cloud-init file, runs {@code multipass launch} (timeout: the VmSpec's boot
     * timeout), waits for state {@code Running} with an IPv4, starts the forward from {@code spec.sshPort()} to
     * {@code <IPv4>:22} and waits for the {@code SSH-} banner through it. On any failure the forward is stopped, the
     * instance purged (unless Multipass said it already existed: then it is not ours) and the record removed. The
     * cloud-init file is removed in every case.
     *
     * @throws IllegalArgumentException when the key is not one line or the spec carries user-data
     * @throws VmDriverException also {@code HYPERVISOR_ERROR} when the id is not a valid Multipass instance name or
     *                           the SSH port cannot be bound
     */
    @Override
    public DriverVm create(VmSpec spec) throws VmDriverException {
        Objects.requireNonNull(spec, "spec");
        ensureOpen();
        String id = spec.vmId();
        if (!id.matches("[a-z][a-z0-9-]*[a-z0-9]")) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "VM id " + id + " is not a valid Multipass instance "
                    + "name (it must start with a letter and end with a letter or digit)");
        }
        String key = spec.sshPublicKey().strip();
        if (key.isEmpty() || key.chars().anyMatch(ch -> ch < 0x20)) {
            throw new IllegalArgumentException("the SSH public key must be one non-empty line");
        }
        if (UserData.given(spec.userData())) {
            throw new IllegalArgumentException("the multipass driver takes no user-data (see capabilities())");
        }
        Deadline deadline = Deadline.in(spec.bootTimeout());
        try (VmLocks.Held held = locks.hold(id)) {
            if (Files.exists(recordFile(id))) {
                throw new VmDriverException(Code.VM_EXISTS, "VM " + id + " exists");
            }
            VmRecord record = new VmRecord(id, spec.cpu(), spec.memoryGib(), spec.storageGib(), spec.image(),
                    spec.sshPort(), config.sshUser(), Math.max(1, spec.bootTimeout().toSeconds()), 0, spec.ports());
            saveRecord(record);
            Path cloudInit = cloudInitDir.resolve(id + ".yaml");
            boolean purge = true;
            try {
                Files.writeString(cloudInit, CloudInit.multipassUserData(id, key));
                String image = config.imageAliases().getOrDefault(spec.image(), spec.image());
                Duration left = deadline.remaining();
                ProcessRunner.Result r = run(left, "launch", "--name", id, "--cpus", String.valueOf(spec.cpu()),
                        "--memory", spec.memoryGib() + "G", "--disk", spec.storageGib() + "G",
                        "--cloud-init", cloudInit.toString(), "--timeout", String.valueOf(Math.max(1, left.toSeconds())),
                        image);
                if (r.timedOut()) {
                    throw new VmDriverException(Code.BOOT_TIMEOUT,
                            "multipass launch of " + id + " did not finish within " + spec.bootTimeout().toSeconds() + " s");
                }
                try {
                    check(r, "launch");
                } catch (VmDriverException e) {
                    if (e.code() == Code.VM_EXISTS) {
                        purge = false; // a Multipass instance of that name that is not ours: leave it alone
                    }
                    throw e;
                }
                Files.deleteIfExists(cloudInit);
                Instance instance = waitRunning(id, deadline);
                startForwards(record, instance.ipv4());
                waitForBanner(id, spec.sshPort(), deadline);
                record = record.withStartedAt(Instant.now().getEpochSecond());
                saveRecord(record);
                LOG.info(() -> "VM " + id + " running at " + instance.ipv4() + ", SSH on port " + spec.sshPort());
                return toInfo(record, instance);
            } catch (VmDriverException | IOException | RuntimeException e) {
                cleanUpFailedCreate(id, purge, e);
                if (e instanceof VmDriverException vde) {
                    throw vde;
                }
                if (e instanceof IOException io) {
                    throw new VmDriverException(Code.HYPERVISOR_ERROR, "cannot create VM " + id + ": " + io.getMessage(), io);
                }
                throw (RuntimeException) e;
            } finally {
                VmFiles.deleteQuietly(cloudInit);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs {@code multipass start} (unless running), waits for {@code Running} with an IPv4 (which may differ
     * from before), (re)starts the forward on the VM's port and waits for the SSH banner, all within the boot
     * timeout the VM was created with.
     *
     * @throws VmDriverException {@code VM_NOT_FOUND} when the driver has no such VM or Multipass lost it,
     *                           {@code BOOT_TIMEOUT}, {@code HYPERVISOR_ERROR}
     */
    @Override
    public DriverVm start(String vmId) throws VmDriverException {
        ensureOpen();
        try (VmLocks.Held held = locks.hold(vmId)) {
            VmRecord record = requireRecord(vmId);
            Deadline deadline = Deadline.in(Duration.ofSeconds(record.bootTimeoutSeconds()));
            Instance instance = instance(vmId);
            TcpForwarder fw = forwards.get(vmId);
            if ("Running".equals(instance.state()) && instance.ipv4() != null && fw != null && fw.isRunning()
                    && fw.target().getAddress().getHostAddress().equals(instance.ipv4())) {
                return toInfo(record, instance);
            }
            if (!"Running".equals(instance.state())) {
                ProcessRunner.Result r = run(deadline.remaining(), "start", vmId);
                if (r.timedOut()) {
                    throw new VmDriverException(Code.BOOT_TIMEOUT, "multipass start " + vmId + " timed out");
                }
                check(r, "start");
                record = record.withStartedAt(Instant.now().getEpochSecond());
                saveRecord(record);
            }
            instance = waitRunning(vmId, deadline);
            startForwards(record, instance.ipv4());
            waitForBanner(vmId, record.sshPort(), deadline);
            return toInfo(record, instance);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Stops the forward (the port is free afterwards, but stays the VM's), then {@code multipass stop}; when
     * that does not finish within {@link Config#stopTimeout}, {@code multipass stop --force}.
     *
     * @throws VmDriverException {@code VM_NOT_FOUND}, {@code HYPERVISOR_ERROR}
     */
    @Override
    public DriverVm stop(String vmId) throws VmDriverException {
        ensureOpen();
        try (VmLocks.Held held = locks.hold(vmId)) {
            VmRecord record = requireRecord(vmId);
            stopForward(vmId);
            ProcessRunner.Result r = run(config.stopTimeout(), "stop", vmId);
            if (r.timedOut()) {
                LOG.warning(() -> "multipass stop " + vmId + " timed out; forcing");
                r = run(config.commandTimeout(), "stop", "--force", vmId);
                if (r.timedOut()) {
                    throw new VmDriverException(Code.HYPERVISOR_ERROR, "multipass stop --force " + vmId + " timed out");
                }
            }
            check(r, "stop");
            return toInfo(record, instance(vmId));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Stops the forward and runs {@code multipass delete --purge}; an instance Multipass no longer knows counts
     * as deleted. Ids the driver has no record of are ignored (never deletes what is not its own).
     *
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when Multipass fails (the record stays, so a retry works)
     */
    @Override
    public void delete(String vmId) throws VmDriverException {
        ensureOpen();
        try (VmLocks.Held held = locks.hold(vmId)) {
            if (loadRecord(vmId).isEmpty()) {
                stopForward(vmId);
                return;
            }
            stopForward(vmId);
            purge(vmId);
            Files.deleteIfExists(recordFile(vmId));
            LOG.info(() -> "VM " + vmId + " deleted");
        } catch (IOException e) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "cannot remove the record of " + vmId, e);
        }
    }

    @Override
    public Optional<DriverVm> find(String vmId) throws VmDriverException {
        try {
            return Optional.of(info(vmId));
        } catch (VmDriverException e) {
            if (e.code() == Code.VM_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The VM as Multipass reports it now ({@code multipass info <id> --format json}), with the size, image and
     * port it was created with.
     *
     * @param vmId the VM's id
     * @return the VM
     * @throws VmDriverException {@code VM_NOT_FOUND} when the driver has no record of it or Multipass does not know
     *                           it (deleted outside the provider), {@code HYPERVISOR_ERROR}
     */
    public DriverVm info(String vmId) throws VmDriverException {
        ensureOpen();
        VmRecord record = requireRecord(vmId);
        return toInfo(record, instance(vmId));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code multipass list --format json}; recorded VMs Multipass does not list (deleted outside the
     * provider) are left out, instances without a record are ignored.
     */
    @Override
    public List<DriverVm> list() throws VmDriverException {
        ensureOpen();
        ProcessRunner.Result r = run(config.commandTimeout(), "list", "--format", "json");
        if (r.timedOut()) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "multipass list timed out");
        }
        check(r, "list");
        JsonNode root = parse(r.out(), "list");
        List<DriverVm> result = new ArrayList<>();
        for (JsonNode entry : root.path("list")) {
            String name = entry.path("name").asText("");
            if (name.isEmpty()) {
                continue;
            }
            Optional<VmRecord> record = loadRecord(name);
            if (record.isPresent()) {
                result.add(toInfo(record.get(), new Instance(entry.path("state").asText("Unknown"),
                        firstIpv4(entry.path("ipv4")), 0, 0)));
            }
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>From {@code multipass info}: memory used by the guest (as {@code rssBytes}), bytes used on the guest's
     * disks (as {@code diskBytes}), seconds since the driver last booted it (as {@code uptimeSeconds}). Multipass
     * does not report CPU time: {@code cpuSeconds} is always 0.
     *
     * @throws VmDriverException {@code VM_NOT_FOUND}, {@code HYPERVISOR_ERROR}
     */
    @Override
    public Optional<VmUsage> stats(String vmId) throws VmDriverException {
        ensureOpen();
        VmRecord record = requireRecord(vmId);
        Instance instance = instance(vmId);
        if (!"Running".equals(instance.state())) {
            return Optional.empty();
        }
        long uptime = record.startedAtEpochSeconds() == 0 ? 0
                : Math.max(0, Instant.now().getEpochSecond() - record.startedAtEpochSeconds());
        return Optional.of(new VmUsage(0, instance.memoryUsed(), instance.diskUsed(), uptime));
    }

    /** Stops every SSH forward; the VMs keep running and a new driver re-adopts them. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (String id : new ArrayList<>(forwards.keySet())) {
            stopForward(id);
        }
    }

    /**
     * @param vmId a VM id
     * @return the running SSH forward of the VM, if any (for health checks and tests)
     */
    public Optional<TcpForwarder> forward(String vmId) {
        return Optional.ofNullable(forwards.get(vmId));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void readopt() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(vmsDir, "*.json")) {
            for (Path file : files) {
                String id = file.getFileName().toString().replaceFirst("\\.json$", "");
                Optional<VmRecord> record = loadRecord(id);
                if (record.isEmpty()) {
                    continue;
                }
                try {
                    Instance instance = instance(id);
                    if ("Running".equals(instance.state()) && instance.ipv4() != null) {
                        startForwards(record.get(), instance.ipv4());
                        LOG.info(() -> "re-adopted running VM " + id + " (SSH port " + record.get().sshPort() + ")");
                    } else {
                        LOG.info(() -> "VM " + id + " is " + instance.state() + "; no forward started");
                    }
                } catch (VmDriverException e) {
                    LOG.warning(() -> "cannot re-adopt VM " + id + ": " + e.code() + " " + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list " + vmsDir, e);
        }
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(cloudInitDir)) {
            stale.forEach(VmFiles::deleteQuietly); // left by a crash during launch
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot clean " + cloudInitDir, e);
        }
    }

    private void cleanUpFailedCreate(String id, boolean purge, Exception cause) {
        LOG.warning(() -> "creating VM " + id + " failed (" + cause.getMessage() + "); cleaning up");
        stopForward(id);
        if (purge) {
            try {
                purge(id);
            } catch (VmDriverException e) {
                LOG.warning(() -> "cannot purge failed VM " + id + ": " + e.getMessage());
            }
        }
        VmFiles.deleteQuietly(recordFile(id));
    }

    private void purge(String id) throws VmDriverException {
        ProcessRunner.Result r = run(config.commandTimeout(), "delete", "--purge", id);
        if (r.timedOut()) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "multipass delete --purge " + id + " timed out");
        }
        try {
            check(r, "delete");
        } catch (VmDriverException e) {
            if (e.code() != Code.VM_NOT_FOUND) {
                throw e;
            }
        }
    }

    private Instance waitRunning(String id, Deadline deadline) throws VmDriverException {
        Instance last;
        while (true) {
            last = instance(id);
            if ("Running".equals(last.state()) && last.ipv4() != null) {
                return last;
            }
            if (deadline.expired()) {
                throw new VmDriverException(Code.BOOT_TIMEOUT,
                        "VM " + id + " did not reach Running with an IPv4 address in time (last state " + last.state() + ")");
            }
            Deadline.pause(config.pollInterval());
        }
    }

    private void waitForBanner(String id, int port, Deadline deadline) throws VmDriverException {
        InetAddress host = SshBanner.connectable(config.forwardBindAddress());
        SshBanner.await(new InetSocketAddress(host, port), deadline, Duration.ofSeconds(5), config.pollInterval(),
                () -> { }, last -> "VM " + id + ": no SSH banner on port " + port + " in time (" + last + ")");
    }

    /** (Re)starts the VM's forwards: its SSH port to the guest's SSH, then one per guest port besides SSH. */
    private void startForwards(VmRecord record, String ipv4) throws VmDriverException {
        String id = record.vmId();
        stopForward(id);
        forwards.put(id, forward(id, record.sshPort(), ipv4, config.guestSshPort()));
        List<TcpForwarder> extra = new ArrayList<>();
        portForwards.put(id, extra);
        for (Hostfwd f : record.ports()) {
            extra.add(forward(id, f.hostPort(), ipv4, f.guestPort()));
        }
    }

    private TcpForwarder forward(String id, int port, String ipv4, int guestPort) throws VmDriverException {
        try {
            return TcpForwarder.start(new InetSocketAddress(config.forwardBindAddress(), port),
                    new InetSocketAddress(InetAddress.getByName(ipv4), guestPort), config.forwarderOptions());
        } catch (BindException e) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "port " + port + " of VM " + id + " is taken", e);
        } catch (IOException e) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "cannot forward port " + port + " to " + ipv4 + ":"
                    + guestPort, e);
        }
    }

    private void stopForward(String id) {
        TcpForwarder fw = forwards.remove(id);
        if (fw != null) {
            fw.stop();
        }
        List<TcpForwarder> extra = portForwards.remove(id);
        if (extra != null) {
            extra.forEach(TcpForwarder::stop);
        }
    }

    private Instance instance(String id) throws VmDriverException {
        ProcessRunner.Result r = run(config.commandTimeout(), "info", id, "--format", "json");
        if (r.timedOut()) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "multipass info " + id + " timed out");
        }
        check(r, "info");
        JsonNode info = parse(r.out(), "info").path("info").path(id);
        if (info.isMissingNode() || !info.isObject()) {
            throw new VmDriverException(Code.VM_NOT_FOUND, "multipass info has no entry for " + id);
        }
        long diskUsed = 0;
        for (JsonNode disk : info.path("disks")) {
            diskUsed += asLong(disk.path("used"));
        }
        return new Instance(info.path("state").asText("Unknown"), firstIpv4(info.path("ipv4")),
                asLong(info.path("memory").path("used")), diskUsed);
    }

    private static String firstIpv4(JsonNode ipv4) {
        for (JsonNode ip : ipv4) {
            String s = ip.asText("");
            if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return s;
            }
        }
        return null;
    }

    /** Multipass writes some numbers as JSON strings ({@code "total": "5019643904"}) and blanks when unknown. */
    private static long asLong(JsonNode n) {
        if (n.isNumber()) {
            return n.asLong();
        }
        try {
            return Long.parseLong(n.asText("").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private DriverVm toInfo(VmRecord r, Instance instance) {
        return new DriverVm(r.vmId(), state(instance.state()), r.cpu(), r.memoryGib(), r.storageGib(), r.image(),
                r.sshPort(), r.sshUser(), instance.ipv4());
    }

    /** Maps every Multipass state (the original Python provider raised an error on most of them). */
    static VmState state(String multipassState) {
        switch (multipassState.toLowerCase(java.util.Locale.ROOT)) {
            case "running":
            case "delayed shutdown":
                return VmState.RUNNING;
            case "starting":
            case "restarting":
                return VmState.STARTING;
            case "stopped":
            case "suspending":
            case "suspended":
            case "off":
                return VmState.STOPPED;
            default: // deleted (not purged), unknown, anything newer
                return VmState.ERROR;
        }
    }

    private void check(ProcessRunner.Result r, String command) throws VmDriverException {
        if (r.exit() == 0) {
            return;
        }
        String msg = (r.err().isBlank() ? r.out() : r.err()).strip();
        if (msg.length() > MAX_ERROR_CHARS) {
            msg = msg.substring(0, MAX_ERROR_CHARS) + "…";
        }
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        String text = "multipass " + command + " failed (exit " + r.exit() + "): " + msg;
        if (lower.contains("does not exist")) {
            throw new VmDriverException(Code.VM_NOT_FOUND, text);
        }
        if (lower.contains("already exists")) {
            throw new VmDriverException(Code.VM_EXISTS, text);
        }
        if ("launch".equals(command) && (lower.contains("unable to find an image") || lower.contains("invalid image")
                || lower.contains("unknown image"))) {
            throw new VmDriverException(Code.IMAGE_NOT_FOUND, text);
        }
        throw new VmDriverException(Code.HYPERVISOR_ERROR, text);
    }

    private static JsonNode parse(String out, String command) throws VmDriverException {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "multipass " + command + " printed no valid JSON", e);
        }
    }

    /** Runs {@code <executable> args…} without a shell (stdout/stderr through files in {@code <stateDir>/tmp}). */
    private ProcessRunner.Result run(Duration timeout, String... args) throws VmDriverException {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(config.executable());
        command.addAll(List.of(args));
        return runner.run(command, null, timeout);
    }

    private VmRecord requireRecord(String vmId) throws VmDriverException {
        return loadRecord(vmId).orElseThrow(() -> new VmDriverException(Code.VM_NOT_FOUND, "no VM " + vmId));
    }

    private Optional<VmRecord> loadRecord(String vmId) {
        if (!vmId.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            return Optional.empty();
        }
        Path file = recordFile(vmId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(VmFiles.readJson(file, VmRecord.class));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "unreadable VM record " + file, e);
            return Optional.empty();
        }
    }

    private void saveRecord(VmRecord record) throws VmDriverException {
        Path file = recordFile(record.vmId());
        try {
            VmFiles.writeJsonAtomically(file, record);
        } catch (IOException e) {
            throw new VmDriverException(Code.HYPERVISOR_ERROR, "cannot write " + file, e);
        }
    }

    private Path recordFile(String vmId) {
        return vmsDir.resolve(vmId + ".json");
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("driver closed");
        }
    }
}
