package org.golem.vm.provider.application.port;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link VmDriver} reports about itself, in place of callers testing which implementation they hold.
 *
 * @param driver      the driver's name, {@code qemu} or {@code multipass}
 * @param accelerator how guests run: {@code kvm} or {@code tcg} (QEMU; empty while the KVM probe has not decided
 *                    yet, i.e. before the first boot with accelerator {@code auto}), or {@code multipass} (Multipass
 *                    picks its own hypervisor)
 * @param imageSource where image names come from: {@code catalog} (the provider's own image catalog, files on the
 *                    host) or {@code multipass} (Multipass image names, e.g. {@code 22.04}, after the driver's
 *                    alias map)
 * @param userData    true when the driver hands a requestor's cloud-init user-data to the images that run cloud-init
 *                    ({@code qemu}: in the NoCloud seed); false when it takes none for any image ({@code multipass})
 */
public record DriverCapabilities(String driver, Optional<String> accelerator, String imageSource, boolean userData) {
    /** Image names are entries of the provider's image catalog. */
    public static final String CATALOG_IMAGES = "catalog";
    /** Image names are handed to Multipass (after the driver's alias map). */
    public static final String MULTIPASS_IMAGES = "multipass";

    /** @throws NullPointerException for a null field */
    public DriverCapabilities {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(imageSource, "imageSource");
    }

    /**
     * A driver that takes no user-data.
     *
     * @param driver      the driver's name
     * @param accelerator how guests run
     * @param imageSource where image names come from
     */
    public DriverCapabilities(String driver, Optional<String> accelerator, String imageSource) {
        this(driver, accelerator, imageSource, false);
    }
}
