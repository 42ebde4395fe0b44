package org.golem.vm.provider.infrastructure.vm.multipass;

import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.egress.Egress;
import org.golem.vm.provider.infrastructure.vm.spi.VmDriverFactory;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;

/**
 * {@code golem.provider.vm.driver=multipass}: a {@link MultipassDriver} with {@code multipass.executable} and the SSH
 * bind address from settings, the rest {@link MultipassDriver.Config#defaults}. Multipass names its own images, so
 * the catalog is not used. Multipass's own networking gives the provider no place to enforce an egress policy, so
 * this driver refuses every policy but {@code open} rather than run VMs with more reach than the operator chose.
 */
public final class MultipassDriverFactory implements VmDriverFactory {

    @Override
    public String name() {
        return "multipass";
    }

    /**
     * @throws IllegalStateException when {@code golem.provider.ssh.bind-address} is not an address
     * @throws VmDriverException     {@code HYPERVISOR_ERROR} when {@code golem.provider.egress} is not {@code open}
     */
    @Override
    public VmDriver create(ProviderSettings settings, ImageCatalog catalog) throws VmDriverException {
        Egress egress = settings.egress();
        if (egress.mode() != Egress.Mode.OPEN) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "the multipass driver cannot enforce "
                    + "the egress policy " + egress.mode().wireName() + " (multipass networks its VMs itself); use "
                    + "golem.provider.vm.driver=qemu or golem.provider.egress=open");
        }
        MultipassDriver.Config d0 = MultipassDriver.Config.defaults(settings.dataDir());
        return new MultipassDriver(new MultipassDriver.Config(settings.multipassExecutable(), d0.stateDir(),
                VmDriverFactory.bindAddress(settings.sshBindAddress()), d0.guestSshPort(), d0.sshUser(), d0.commandTimeout(),
                d0.stopTimeout(), d0.pollInterval(), d0.imageAliases(), d0.forwarderOptions()));
    }
}
