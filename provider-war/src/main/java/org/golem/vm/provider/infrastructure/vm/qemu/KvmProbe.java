package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.golem.vm.provider.infrastructure.vm.toolkit.ProcessRunner;

/**
 * Which accelerator QEMU guests boot with: {@code kvm} or {@code tcg} as configured, or, with {@link
 * QemuConfig.Accel#AUTO}, KVM only when a probe boot proves it works within {@link QemuConfig#kvmProbeTimeout()}.
 * {@code /dev/kvm} existing is not enough (nested KVM may hang after "Booting from ROM"). The decision is made once
 * per qemu binary and shared by every driver of the JVM.
 */
final class KvmProbe {
    private static final Logger LOG = Logger.getLogger(KvmProbe.class.getName());
    /** The KVM decision per qemu binary, shared by all drivers of this JVM. */
    private static final Map<String, String> DECISIONS = new ConcurrentHashMap<>();

    private final QemuConfig config;

    KvmProbe(QemuConfig config) {
        this.config = config;
    }

    /**
     * @return {@code kvm} or {@code tcg} when configured or decided by a probe, empty while no boot has decided it
     *         (AUTO before the first VM with a kernel and initrd)
     */
    Optional<String> decided() {
        return switch (config.accel()) {
            case KVM -> Optional.of("kvm");
            case TCG -> Optional.of("tcg");
            default -> Optional.ofNullable(DECISIONS.get(config.qemuBinary()));
        };
    }

    /**
     * @param probeImage a VM booted with {@code -kernel/-initrd} whose kernel and initrd can serve as the probe, or
     *                   null (then, undecided, this boot uses TCG and a later one probes)
     * @return {@code kvm} or {@code tcg} for the next boot
     */
    String forBoot(QemuVmState probeImage) {
        Optional<String> known = decided();
        if (known.isPresent()) {
            return known.get();
        }
        synchronized (DECISIONS) {
            String decided = DECISIONS.get(config.qemuBinary());
            if (decided != null) {
                return decided;
            }
            String result = probe(probeImage);
            if (result == null) {
                return "tcg"; // undecided (no probe image): TCG this time, probe again later
            }
            DECISIONS.put(config.qemuBinary(), result);
            return result;
        }
    }

    /**
     * KVM works when the probe boot ({@link QemuCommandLine#kvmProbe}) exits by itself, with status 0, within the
     * timeout.
     *
     * @return kvm or tcg, or null when no image was at hand to probe with
     */
    private String probe(QemuVmState probe) {
        Path kvm = Path.of("/dev/kvm");
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            LOG.info("qemu: /dev/kvm is not usable: using TCG (software emulation)");
            return "tcg";
        }
        if (probe == null) {
            return null;
        }
        long t0 = System.nanoTime();
        Process p = null;
        try {
            p = new ProcessBuilder(QemuCommandLine.kvmProbe(config.qemuBinary(), probe)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(ProcessRunner.noInput()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(config.kvmProbeTimeout().toMillis(), TimeUnit.MILLISECONDS) && p.exitValue() == 0) {
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                LOG.info(() -> "qemu: KVM probe boot finished in " + ms + " ms: using KVM");
                return "kvm";
            }
            String why = p.isAlive() ? "did not finish within " + config.kvmProbeTimeout().toSeconds() + " s"
                    : "failed with exit code " + p.exitValue();
            LOG.info(() -> "qemu: KVM probe boot " + why + ": using TCG (software emulation)");
            return "tcg";
        } catch (IOException e) {
            LOG.info(() -> "qemu: KVM probe could not run (" + e.getMessage() + "): using TCG");
            return "tcg";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "tcg";
        } finally {
            if (p != null && p.isAlive()) {
                ProcessRunner.kill(p);
            }
        }
    }
}
