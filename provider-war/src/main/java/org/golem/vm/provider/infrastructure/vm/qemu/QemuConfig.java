package org.golem.vm.provider.infrastructure.vm.qemu;

import java.time.Duration;
import java.util.Objects;
import org.golem.vm.provider.domain.egress.Egress;

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
 * @param egress           what the VMs may reach ({@link Egress.Mode#NONE}: QEMU user networking with
 *                         {@code restrict=on}, so the guest reaches nothing while the hostfwd forwards still work)
 */
public record QemuConfig(String qemuBinary, String qemuImgBinary, String bindAddress, Accel accel,
                         Duration kvmProbeTimeout, Duration acpiGracePeriod, Egress egress) {

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
        Objects.requireNonNull(egress, "egress");
    }

    /** The settings with egress {@code open} (any outbound connection). */
    public QemuConfig(String qemuBinary, String qemuImgBinary, String bindAddress, Accel accel,
                      Duration kvmProbeTimeout, Duration acpiGracePeriod) {
        this(qemuBinary, qemuImgBinary, bindAddress, accel, kvmProbeTimeout, acpiGracePeriod, Egress.open());
    }

    /**
     * @return production defaults: binaries from PATH, bind 0.0.0.0, AUTO accel, 20 s probe, 30 s grace, egress
     *         open
     */
    public static QemuConfig defaults() {
        return new QemuConfig("qemu-system-x86_64", "qemu-img", "0.0.0.0", Accel.AUTO, Duration.ofSeconds(20),
                Duration.ofSeconds(30));
    }

    /** @return a copy with another bind address */
    public QemuConfig withBindAddress(String address) {
        return new QemuConfig(qemuBinary, qemuImgBinary, address, accel, kvmProbeTimeout, acpiGracePeriod, egress);
    }

    /** @return a copy with another accelerator choice */
    public QemuConfig withAccel(Accel a) {
        return new QemuConfig(qemuBinary, qemuImgBinary, bindAddress, a, kvmProbeTimeout, acpiGracePeriod, egress);
    }

    /** @return a copy with another KVM probe timeout */
    public QemuConfig withKvmProbeTimeout(Duration d) {
        return new QemuConfig(qemuBinary, qemuImgBinary, bindAddress, accel, d, acpiGracePeriod, egress);
    }

    /** @return a copy with another egress policy */
    public QemuConfig withEgress(Egress e) {
        return new QemuConfig(qemuBinary, qemuImgBinary, bindAddress, accel, kvmProbeTimeout, acpiGracePeriod, e);
    }
}
