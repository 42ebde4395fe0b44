package org.golem.vm.provider.infrastructure.vm.qemu;

import java.time.Duration;
import java.util.Locale;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.egress.Egress;
import org.golem.vm.provider.infrastructure.vm.spi.VmDriverFactory;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;

/**
 * {@code golem.provider.vm.driver=qemu}: a {@link QemuDriver} on the data directory with the SSH bind address,
 * {@code qemu.accel} ({@code auto}, {@code kvm}, {@code tcg}) and {@code qemu.acpi-grace-seconds} from settings,
 * binaries from {@code PATH}, and the egress policy ({@code golem.provider.egress}).
 */
public final class QemuDriverFactory implements VmDriverFactory {

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public VmDriver create(ProviderSettings settings, ImageCatalog catalog) throws VmDriverException {
        QemuConfig qc = QemuConfig.defaults().withBindAddress(settings.sshBindAddress())
                .withAccel(QemuConfig.Accel.valueOf(settings.qemuAccel().toUpperCase(Locale.ROOT)));
        qc = new QemuConfig(qc.qemuBinary(), qc.qemuImgBinary(), qc.bindAddress(), qc.accel(), qc.kvmProbeTimeout(),
                Duration.ofSeconds(settings.qemuAcpiGraceSeconds()), settings.egress());
        if (qc.egress().mode() == Egress.Mode.ALLOW_LIST) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "egress allow-list cannot be "
                    + "enforced by this build of the qemu driver; set golem.provider.egress to open or none");
        }
        return new QemuDriver(settings.dataDir(), catalog, qc);
    }
}
