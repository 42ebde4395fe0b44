package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.golem.vm.provider.application.port.DriverCapabilities;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmState;
import org.golem.vm.provider.domain.vm.VmUsage;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.image.VmImage;
import org.golem.vm.provider.infrastructure.vm.toolkit.CloudInit;
import org.golem.vm.provider.infrastructure.vm.toolkit.ProcessRunner;
import org.golem.vm.provider.infrastructure.vm.toolkit.VmFiles;
import org.golem.vm.provider.infrastructure.vm.toolkit.VmLocks;

/**
 * {@link VmDriver} on QEMU: one VM = one {@code qemu-system-x86_64} child process (no shell), with its own directory
 * {@code <data-dir>/vms/<id>/} ({@link QemuVmDir}) holding the state file, the qcow2 disk, the serial log, the QMP
 * socket and the pid file.
 *
 * <p>Networking is QEMU user mode with {@code hostfwd=tcp:<bind>:<sshPort>-:22} ({@link QemuCommandLine}); under the
 * egress policy {@code none} with {@code restrict=on}, applied at each boot (a running VM keeps the policy it was
 * booted with until it is stopped and started again). Readiness
 * is the guest's {@code SSH-} banner read through that forward (QEMU accepts the TCP connection before the guest is
 * up). KVM is used only when a probe boot proves it works within a timeout ({@link KvmProbe}); otherwise TCG.
 *
 * <p>VMs outlive the driver: a new driver on the same data directory re-adopts the qemu processes named in the state
 * files when pid, start time, command line and working directory all match ({@link QemuProcess}); others are
 * reported STOPPED. Nothing the driver cannot identify is ever killed.
 *
 * <p>This class coordinates those pieces under one lock per VM id.
 */
public final class QemuDriver implements VmDriver {

    private static final Logger LOG = Logger.getLogger(QemuDriver.class.getName());
    private static final String GUEST_ADDRESS = "10.0.2.15";
    private static final Duration QEMU_IMG_TIMEOUT = Duration.ofSeconds(60);

    private final QemuVmDir vms;
    private final ImageCatalog catalog;
    private final QemuConfig config;
    private final KvmProbe kvm;
    private final QemuProcess processes;
    private final VmLocks locks = new VmLocks();
    private final Set<String> booting = ConcurrentHashMap.newKeySet();

    /**
     * Creates the driver and re-adopts the VMs of earlier drivers on the same data directory.
     *
     * @param dataDir the provider's data directory (VMs live in {@code <dataDir>/vms})
     * @param catalog the image catalog
     * @param config  settings
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when the VMs' directory cannot be created or listed
     */
    public QemuDriver(Path dataDir, ImageCatalog catalog, QemuConfig config) throws VmDriverException {
        this.vms = new QemuVmDir(dataDir);
        this.catalog = catalog;
        this.config = config;
        this.kvm = new KvmProbe(config);
        this.processes = new QemuProcess(config.qemuBinary());
        for (DriverVm vm : list()) {
            LOG.info(() -> "qemu: found VM " + vm.vmId() + " (" + vm.state() + ", ssh port " + vm.sshPort() + ")");
        }
    }

    @Override
    public String name() {
        return "qemu";
    }

    /** @return accelerator {@code kvm}/{@code tcg} (empty before the KVM probe decided), images of the catalog */
    @Override
    public DriverCapabilities capabilities() {
        return new DriverCapabilities(name(), kvm.decided(), DriverCapabilities.CATALOG_IMAGES);
    }

    // --- create -----------------------------------------------------------------------------------------------

    @Override
    public DriverVm create(VmSpec spec) throws VmDriverException {
        String key = spec.sshPublicKey().trim();
        if (key.isEmpty() || key.contains("\n") || key.contains("\r")) {
            throw new IllegalArgumentException("sshPublicKey must be one OpenSSH public key line");
        }
        VmImage image = catalog.resolve(spec.image());
        try (VmLocks.Held held = locks.hold(spec.vmId())) {
            Path dir = vms.of(spec.vmId());
            if (Files.exists(dir)) {
                throw new VmDriverException(VmDriverException.Code.VM_EXISTS, "VM " + spec.vmId() + " exists");
            }
            QemuVmState state = new QemuVmState(spec.vmId(), spec.cpu(), spec.memoryGib(), spec.storageGib(),
                    image.name(), image.kind().name(), str(image.kernel()), str(image.initrd()), image.kernelCmdline(),
                    image.fwCfgKeyName(), str(image.disk()), image.loginUser(), image.acpiShutdown(), spec.sshPort(),
                    config.bindAddress(), spec.bootTimeout().toMillis(), null, null, null);
            boolean done = false;
            try {
                Files.createDirectories(dir);
                QemuVmDir.writeState(dir, state);
                Files.writeString(dir.resolve(QemuVmDir.KEY), key + "\n");
                prepareDisk(dir, image, spec, key);
                DriverVm info = boot(dir, state);
                done = true;
                return info;
            } catch (IOException e) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                        "creating VM " + spec.vmId() + " failed: " + e.getMessage(), e);
            } finally {
                if (!done) {
                    processes.killIfOurs(dir);
                    VmFiles.deleteQuietly(dir);
                }
            }
        }
    }

    /**
     * Kernel+initrd images: an empty qcow2 disk of the requested size and the VM's own host key. Cloud images: a
     * qcow2 overlay on the base image, grown to the requested size (never shrunk: the guest's file system fills the
     * base), and the NoCloud seed.
     */
    private void prepareDisk(Path dir, VmImage image, VmSpec spec, String key) throws IOException, VmDriverException {
        ProcessRunner runner = new ProcessRunner(dir);
        if (image.kind() == VmImage.Kind.KERNEL_INITRD) {
            runner.run(List.of(config.qemuImgBinary(), "create", "-q", "-f", "qcow2", QemuVmDir.DISK,
                    spec.storageGib() + "G"), dir, QEMU_IMG_TIMEOUT).requireSuccess();
            QemuVmDir.writeHostKey(dir);
            return;
        }
        runner.run(List.of(config.qemuImgBinary(), "create", "-q", "-f", "qcow2", "-F", image.diskFormat(),
                "-b", image.disk().toAbsolutePath().toString(), QemuVmDir.DISK), dir, QEMU_IMG_TIMEOUT).requireSuccess();
        try {
            runner.run(List.of(config.qemuImgBinary(), "resize", "-q", QemuVmDir.DISK, spec.storageGib() + "G"), dir,
                    QEMU_IMG_TIMEOUT).requireSuccess();
        } catch (VmDriverException e) {
            if (e.getMessage().contains("shrink")) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "image '" + image.name()
                        + "' needs a disk larger than the requested " + spec.storageGib() + " GiB", e);
            }
            throw e;
        }
        CloudInit.writeNoCloudSeed(dir, spec.vmId(), key, runner);
    }

    // --- start / stop / delete ------------------------------------------------------------------------------

    @Override
    public DriverVm start(String vmId) throws VmDriverException {
        try (VmLocks.Held held = locks.hold(vmId)) {
            Path dir = vms.existing(vmId);
            QemuVmState state = QemuVmDir.readState(dir);
            if (processes.ours(dir, state).isPresent()) {
                return info(state, VmState.RUNNING);
            }
            try {
                return boot(dir, state);
            } catch (VmDriverException | RuntimeException e) {
                processes.killIfOurs(dir);
                throw e;
            }
        }
    }

    @Override
    public DriverVm stop(String vmId) throws VmDriverException {
        try (VmLocks.Held held = locks.hold(vmId)) {
            Path dir = vms.existing(vmId);
            QemuVmState state = QemuVmDir.readState(dir);
            Optional<ProcInfo> proc = processes.ours(dir, state);
            if (proc.isPresent()) {
                processes.shutDown(dir, state, proc.get(),
                        state.acpiShutdown() ? config.acpiGracePeriod() : Duration.ZERO);
            }
            state = state.withProcess(null, null, state.accel());
            QemuVmDir.writeState(dir, state);
            return info(state, VmState.STOPPED);
        }
    }

    @Override
    public void delete(String vmId) throws VmDriverException {
        try (VmLocks.Held held = locks.hold(vmId)) {
            Path dir = vms.of(vmId);
            if (!Files.exists(dir)) {
                return;
            }
            if (vms.hasState(dir)) {
                QemuVmState state = QemuVmDir.readState(dir);
                Optional<ProcInfo> proc = processes.ours(dir, state);
                if (proc.isPresent()) {
                    processes.shutDown(dir, state, proc.get(), Duration.ZERO);
                }
            }
            VmFiles.deleteQuietly(dir);
            if (Files.exists(dir)) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot remove " + dir);
            }
            LOG.info(() -> "qemu: deleted VM " + vmId);
        }
    }

    // --- queries --------------------------------------------------------------------------------------------------

    @Override
    public Optional<DriverVm> find(String vmId) throws VmDriverException {
        if (!QemuVmDir.validId(vmId)) {
            return Optional.empty();
        }
        Path dir = vms.of(vmId);
        if (!vms.hasState(dir)) {
            return Optional.empty();
        }
        QemuVmState state;
        try {
            state = QemuVmDir.readState(dir);
        } catch (VmDriverException e) {
            return Optional.empty(); // removed meanwhile
        }
        VmState s = processes.ours(dir, state).isPresent()
                ? (booting.contains(vmId) ? VmState.STARTING : VmState.RUNNING) : VmState.STOPPED;
        return Optional.of(info(state, s));
    }

    @Override
    public List<DriverVm> list() throws VmDriverException {
        List<DriverVm> result = new ArrayList<>();
        for (String id : vms.ids()) {
            find(id).ifPresent(result::add);
        }
        result.sort(Comparator.comparing(DriverVm::vmId));
        return result;
    }

    @Override
    public Optional<VmUsage> stats(String vmId) throws VmDriverException {
        Path dir = vms.of(vmId);
        if (!vms.hasState(dir)) {
            return Optional.empty();
        }
        QemuVmState state = QemuVmDir.readState(dir);
        return processes.ours(dir, state).map(p -> QemuProcess.usage(dir, p));
    }

    @Override
    public void close() {
        // VMs keep running; nothing held in memory needs releasing
    }

    // --- booting ---------------------------------------------------------------------------------------------

    private DriverVm boot(Path dir, QemuVmState state) throws VmDriverException {
        // any VM booted with -kernel/-initrd can serve as the KVM probe (micro, and our debian-12); an operator's
        // cloud disk with its own bootloader cannot (TCG until such a VM has decided)
        String accel = kvm.forBoot(state.kernel() != null && state.initrd() != null ? state : null);
        List<String> cmd = QemuCommandLine.vm(config.qemuBinary(), state, accel,
                Files.exists(dir.resolve(QemuVmDir.HOST_KEY)), config.egress());
        booting.add(state.vmId());
        try {
            long t0 = System.nanoTime();
            QemuProcess.Started started = processes.start(dir, cmd);
            QemuVmState running = state.withProcess(started.info().pid(), started.info().startTicks(), accel);
            QemuVmDir.writeState(dir, running);
            LOG.info(() -> "qemu: VM " + state.vmId() + " started (pid " + started.info().pid() + ", " + accel
                    + ", ssh " + state.bindAddress() + ":" + state.sshPort() + ")");
            QemuProcess.awaitSsh(dir, running, started.process(), Duration.ofMillis(state.bootTimeoutMillis()));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            LOG.info(() -> "qemu: VM " + state.vmId() + " answers SSH after " + ms + " ms");
            return info(running, VmState.RUNNING);
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                    "cannot start qemu for VM " + state.vmId() + ": " + e.getMessage(), e);
        } finally {
            booting.remove(state.vmId());
        }
    }

    private static DriverVm info(QemuVmState s, VmState state) {
        return new DriverVm(s.vmId(), state, s.cpu(), s.memoryGib(), s.storageGib(), s.image(), s.sshPort(),
                s.sshUser(), GUEST_ADDRESS);
    }

    private static String str(Path p) {
        return p == null ? null : p.toAbsolutePath().toString();
    }
}
