package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.domain.vm.VmUsage;
import org.golem.vm.provider.infrastructure.vm.toolkit.Deadline;
import org.golem.vm.provider.infrastructure.vm.toolkit.ProcessRunner;
import org.golem.vm.provider.infrastructure.vm.toolkit.SshBanner;
import org.golem.vm.provider.infrastructure.vm.toolkit.VmFiles;

/**
 * The life of a VM's qemu process: start it (no shell, the VM's directory as working directory), wait for the
 * guest's SSH banner through the forward, recognise it again after a provider restart, shut it down (ACPI power-off
 * through QMP, then QMP {@code quit}, then SIGKILL) and read its resource use from {@code /proc}. A process counts as
 * the VM's only when pid, start time, command line ({@code -name golem-vm-<id>}, the qemu binary) and working
 * directory all match; nothing else is ever killed.
 */
final class QemuProcess {
    private static final Logger LOG = Logger.getLogger(QemuProcess.class.getName());
    private static final Duration QUIT_WAIT = Duration.ofSeconds(10);

    private final String qemuBinary;

    /** @param qemuBinary the qemu executable the driver starts (its file name identifies our processes) */
    QemuProcess(String qemuBinary) {
        this.qemuBinary = qemuBinary;
    }

    /**
     * Starts qemu; output goes to {@code qemu.log}.
     *
     * @return the child and what {@code /proc} says of it
     * @throws IOException       when it cannot be started
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it exits at once
     */
    Started start(Path dir, List<String> cmd) throws IOException, VmDriverException {
        Files.deleteIfExists(dir.resolve(QemuVmDir.QMP));
        Process process = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(ProcessRunner.noInput()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(dir.resolve(QemuVmDir.QEMU_LOG).toFile()))
                .start();
        for (int i = 0; i < 100; i++) {
            Optional<ProcInfo> p = ProcInfo.of(process.pid());
            if (p.isPresent()) {
                return new Started(process, p.get());
            }
            if (!process.isAlive()) {
                break;
            }
            Deadline.pause(Duration.ofMillis(10));
        }
        throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "qemu exited at once");
    }

    /**
     * A qemu child the driver started.
     *
     * @param process the child
     * @param info    its {@code /proc} entry (pid and start time go into the state file)
     */
    record Started(Process process, ProcInfo info) {
    }

    /**
     * Resumes a qemu started paused ({@code -S}) with QMP {@code cont}, retrying while its QMP socket is not up yet
     * (up to 10 s).
     *
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when qemu exits meanwhile or does not answer
     */
    static void resume(Path dir, Process process) throws VmDriverException {
        Deadline deadline = Deadline.in(QUIT_WAIT);
        String last = "no answer";
        while (!deadline.expired() && process.isAlive()) {
            try {
                String reply = Qmp.execute(dir.resolve(QemuVmDir.QMP), "cont");
                if (reply.contains("\"return\"")) {
                    return;
                }
                last = reply;
            } catch (IOException e) {
                last = e.getMessage();
            }
            Deadline.pause(Duration.ofMillis(50));
        }
        throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot resume paused qemu in " + dir
                + ": " + (process.isAlive() ? last : VmFiles.tail(dir.resolve(QemuVmDir.QEMU_LOG))));
    }

    /**
     * Waits for the guest's SSH banner on the forwarded port (0.5 s per attempt, 0.2 s between attempts).
     *
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when qemu exits meanwhile (with the tail of
     *                           {@code qemu.log}), {@code BOOT_TIMEOUT} after {@code timeout} (with the tail of
     *                           the serial log)
     */
    static void awaitSsh(Path dir, QemuVmState state, Process process, Duration timeout) throws VmDriverException {
        InetAddress host = SshBanner.connectable(address(state.bindAddress()));
        SshBanner.await(new InetSocketAddress(host, state.sshPort()), Deadline.in(timeout), Duration.ofMillis(500),
                Duration.ofMillis(200), () -> {
                    if (!process.isAlive()) {
                        throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "qemu of VM "
                                + state.vmId() + " exited with " + process.exitValue() + ": "
                                + VmFiles.tail(dir.resolve(QemuVmDir.QEMU_LOG)));
                    }
                }, last -> "VM " + state.vmId() + " did not answer SSH within " + timeout.toSeconds()
                        + " s; serial log: " + VmFiles.tail(dir.resolve(QemuVmDir.SERIAL_LOG)));
    }

    /** @return the VM's qemu process when pid, start time, command line and working directory all say it is ours */
    Optional<ProcInfo> ours(Path dir, QemuVmState state) {
        if (state.pid() == null || state.pidStartTicks() == null) {
            return Optional.empty();
        }
        return ProcInfo.of(state.pid()).filter(p -> {
            if (p.startTicks() != state.pidStartTicks()) {
                return false;
            }
            List<String> c = p.cmdline();
            int i = c.indexOf("-name");
            if (i < 0 || i + 1 >= c.size() || !c.get(i + 1).equals(QemuCommandLine.processName(state.vmId()))) {
                return false;
            }
            if (c.isEmpty() || !Path.of(c.get(0)).getFileName().toString()
                    .equals(Path.of(qemuBinary).getFileName().toString())) {
                return false;
            }
            return p.cwd() == null || p.cwd().equals(QemuVmDir.realPath(dir));
        });
    }

    /**
     * Asks the guest to power off (when {@code grace} is not zero), then QMP {@code quit}, then SIGKILL; waits for
     * the process to end.
     *
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it survives SIGKILL for 10 s
     */
    void shutDown(Path dir, QemuVmState state, ProcInfo proc, Duration grace) throws VmDriverException {
        if (!grace.isZero() && qmp(dir, "system_powerdown") && waitGone(proc, grace)) {
            return;
        }
        if (qmp(dir, "quit") && waitGone(proc, QUIT_WAIT)) {
            return;
        }
        if (ours(dir, state).isPresent()) { // still ours? then a hard stop
            LOG.warning(() -> "qemu: VM " + state.vmId() + " did not quit; killing pid " + proc.pid());
            ProcessHandle.of(proc.pid()).ifPresent(ProcessHandle::destroyForcibly);
            if (!waitGone(proc, QUIT_WAIT)) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                        "qemu pid " + proc.pid() + " of VM " + state.vmId() + " does not die");
            }
        }
    }

    /**
     * Kills the VM's qemu if it runs and is ours, and clears the process from the state file; failures are logged
     * (cleanup after a failed create or start).
     */
    void killIfOurs(Path dir) {
        try {
            if (!Files.exists(dir.resolve(QemuVmDir.STATE))) {
                return;
            }
            QemuVmState state = QemuVmDir.readState(dir);
            Optional<ProcInfo> proc = ours(dir, state);
            if (proc.isPresent()) {
                ProcessHandle.of(proc.get().pid()).ifPresent(ProcessHandle::destroyForcibly);
                waitGone(proc.get(), QUIT_WAIT);
            }
            QemuVmDir.writeState(dir, state.withProcess(null, null, state.accel()));
        } catch (VmDriverException | RuntimeException e) {
            LOG.log(Level.WARNING, "qemu: cleaning up " + dir + " failed", e);
        }
    }

    /**
     * @return CPU seconds and resident bytes of the process, the bytes of the disk overlay, seconds since the
     *         process started
     */
    static VmUsage usage(Path dir, ProcInfo p) {
        long disk;
        try {
            disk = Files.size(dir.resolve(QemuVmDir.DISK));
        } catch (IOException e) {
            disk = 0;
        }
        long uptime = (long) Math.max(0,
                ProcInfo.systemUptimeSeconds() - (double) p.startTicks() / ProcInfo.TICKS_PER_SECOND);
        return new VmUsage((double) p.cpuTicks() / ProcInfo.TICKS_PER_SECOND, p.rssBytes(), disk, uptime);
    }

    private static boolean qmp(Path dir, String command) {
        try {
            String reply = Qmp.execute(dir.resolve(QemuVmDir.QMP), command);
            return reply.contains("\"return\"");
        } catch (IOException e) {
            LOG.log(Level.FINE, "QMP " + command + " failed", e);
            // `quit` may close the socket before replying: the caller checks whether the process is gone
            return "quit".equals(command);
        }
    }

    private static boolean waitGone(ProcInfo proc, Duration timeout) throws VmDriverException {
        Deadline deadline = Deadline.in(timeout);
        while (!deadline.expired()) {
            if (!sameProcess(proc)) {
                return true;
            }
            Deadline.pause(Duration.ofMillis(50));
        }
        return !sameProcess(proc);
    }

    private static boolean sameProcess(ProcInfo proc) {
        return ProcInfo.of(proc.pid()).filter(p -> p.startTicks() == proc.startTicks()).isPresent();
    }

    private static InetAddress address(String host) throws VmDriverException {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "bad bind address " + host, e);
        }
    }
}
