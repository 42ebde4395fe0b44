package org.golem.vm.provider.infrastructure.vm.multipass;

import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.vm.spi.VmDriverFactory;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;

/**
 * {@code golem.provider.vm.driver=multipass}: a {@link MultipassDriver} with {@code multipass.executable} and the SSH
 * bind address from settings, the rest {@link MultipassDriver.Config#defaults}. Multipass names its own images, so
 * the catalog is not used.
 */
public final class MultipassDriverFactory implements VmDriverFactory {

    @Override
    public String name() {
        return "multipass";
    }

    /** @throws IllegalStateException when {@code golem.provider.ssh.bind-address} is not an address */
    @Override
    public VmDriver create(ProviderSettings settings, ImageCatalog catalog) throws VmDriverException {
        MultipassDriver.Config d0 = MultipassDriver.Config.defaults(settings.dataDir());
        return new MultipassDriver(new MultipassDriver.Config(settings.multipassExecutable(), d0.stateDir(),
                VmDriverFactory.bindAddress(settings.sshBindAddress()), d0.guestSshPort(), d0.sshUser(), d0.commandTimeout(),
                d0.stopTimeout(), d0.pollInterval(), d0.imageAliases(), d0.forwarderOptions()));
    }
}
