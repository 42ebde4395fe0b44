package org.golem.vm.provider.infrastructure.vm.qemu;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link QemuDriver}.
 *
 * @param qemuBinary       {@code qemu-system-x86_64} (or a path to it)
 * @param qemuImgBinary    {@code qemu-img}
 * @param bindAddress      host address the SSH forwards listen on ({@code 0.0.0.0} in production; tests use
 *                         {@code 127.0.0.1})
 * @param accel            {@link Accel#AUTO}: KVM only when a probe boot proves it works, else TCG
 * @param kvmProbeTimeout  how long the KVM probe boot may take before KVM counts as broken
 * @param acpiGracePeriod  how long {@code stop} waits after an ACPI power-off before a hard stop
 */
public record QemuConfig(String qemuBinary, String qemuImgBinary, String bindAddress, Accel accel,
                         Duration kvmProbeTimeout, Duration acpiGracePeriod) {

    /** Accelerator choice. */
    public enum Accel {
        /** Probe KVM, fall back to TCG. */
        AUTO,
        /** KVM without probing. */
        KVM,
        /** TCG (software emulation). */
        TCG
    }

    public QemuConfig {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(qemuImgBinary, "qemuImgBinary");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(accel, "accel");
        Objects.requireNonNull(kvmProbeTimeout, "kvmProbeTimeout");
        Objects.requireNonNull(acpiGracePeriod, "acpiGracePeriod");
    }

    /** @return production defaults: binaries from PATH, bind 0.0.0.0, AUTO accel, 20 s probe, 30 s grace */
    public static QemuConfig defaults() {
        return new QemuConfig("qemu-system-x86_64", "qemu-img", "0.0.0.0", Accel.AUTO, Duration.ofSeconds(20),
                Duration.ofSeconds(30));
    }

    /** @return a copy with another bind address */
    public QemuConfig withBindAddress(String address) {
        return new QemuConfig(qemuBinary, qemuImgBinary, address, accel, kvmProbeTimeout, acpiGracePeriod);
    }

    /** @return a copy with another accelerator choice */
    public QemuConfig withAccel(Accel a) {
        return new QemuConfig(qemuBinary, qemuImgBinary, bindAddress, a, kvmProbeTimeout, acpiGracePeriod);
    }

    /** @return a copy with another KVM probe timeout */
    public QemuConfig withKvmProbeTimeout(Duration d) {
        return new QemuConfig(qemuBinary, qemuImgBinary, bindAddress, accel, d, acpiGracePeriod);
    }
}
