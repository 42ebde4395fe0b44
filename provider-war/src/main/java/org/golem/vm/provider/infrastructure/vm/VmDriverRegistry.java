package org.golem.vm.provider.infrastructure.vm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.multipass.MultipassDriverFactory;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuDriverFactory;
import org.golem.vm.provider.infrastructure.vm.spi.VmDriverFactory;

/**
 * The VM drivers a provider can run, by name ({@code golem.provider.vm.driver}). Callers pick a driver by name and
 * learn what it offers from {@link VmDriver#capabilities()}, never by testing its class.
 */
public final class VmDriverRegistry {
    private final Map<String, VmDriverFactory> factories = new TreeMap<>();

    /**
     * @param factories the drivers on offer
     * @throws IllegalArgumentException when two share a name
     */
    public VmDriverRegistry(List<? extends VmDriverFactory> factories) {
        for (VmDriverFactory f : factories) {
            if (this.factories.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f) != null) {
                throw new IllegalArgumentException("two VM drivers named " + f.name());
            }
        }
    }

    /** @return the registry of the drivers this project ships: {@code qemu} and {@code multipass} */
    public static VmDriverRegistry standard() {
        return new VmDriverRegistry(List.of(new QemuDriverFactory(), new MultipassDriverFactory()));
    }

    /** @return the registered names, sorted */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /**
     * @param name     a driver name, any case (e.g. {@code QEMU})
     * @param settings the provider's settings
     * @param catalog  the image catalog
     * @return a new driver of that name
     * @throws VmDriverException {@code HYPERVISOR_ERROR} for an unknown name (the message names the known ones) or
     *                           when the driver cannot be set up
     */
    public VmDriver create(String name, ProviderSettings settings, ImageCatalog catalog) throws VmDriverException {
        String kind = name.toLowerCase(Locale.ROOT);
        VmDriverFactory f = factories.get(kind);
        if (f == null) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "unknown golem.provider.vm.driver '"
                    + kind + "' (" + String.join(" or ", factories.keySet()) + ")");
        }
        return f.create(settings, catalog);
    }
}
