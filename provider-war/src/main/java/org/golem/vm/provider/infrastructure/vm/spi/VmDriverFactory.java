package org.golem.vm.provider.infrastructure.vm.spi;

import java.io.IOException;
import java.net.InetAddress;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;

/**
 * Builds one kind of {@link VmDriver} from the provider's settings; registered under its name in
 * {@code infrastructure.vm.VmDriverRegistry}. A new hypervisor is added by writing its driver and one factory (in its
 * own package next to {@code qemu} and {@code multipass}), and listing the factory in the registry's
 * {@code standard()}. This interface sits in a package of its own so that drivers and registry do not depend on
 * each other's packages.
 */
public interface VmDriverFactory {

    /** @return the value of {@code golem.provider.vm.driver} that selects this driver, e.g. {@code qemu} */
    String name();

    /**
     * @param settings the provider's settings (data directory, SSH bind address, the driver's own keys)
     * @param catalog  the image catalog
     * @return a new driver, which re-adopts the VMs an earlier one left running
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it cannot be set up
     */
    VmDriver create(ProviderSettings settings, ImageCatalog catalog) throws VmDriverException;

    /**
     * @param host {@code golem.provider.ssh.bind-address}, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @return the address
     * @throws IllegalStateException naming the setting when it is not an address
     */
    static InetAddress bindAddress(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalStateException("golem.provider.ssh.bind-address: " + e.getMessage(), e);
        }
    }
}
