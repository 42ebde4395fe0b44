package org.golem.vm.provider.application.port;

import java.util.List;
import java.util.Optional;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.admin.OperatorImages;

/**
 * What the provider's use cases ask of the host's hypervisor side: the configured {@link VmDriver}, the images on
 * offer, the capacity offered and how guests are accelerated. Implemented in infrastructure by the hypervisor
 * adapter, which builds the driver from settings on first use (and again after a failure, so a provider whose
 * hypervisor is broken still starts and says so in its readiness).
 */
public interface VmHost {

    /**
     * @return the configured driver ({@code golem.provider.vm.driver})
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it cannot be set up (unknown driver name, no qemu
     *                           binary, state directory not writable)
     */
    VmDriver driver() throws VmDriverException;

    /** @return the image names of the catalog ({@code golem.provider.vm.images}), sorted */
    List<String> imageNames();

    /**
     * Checks that an image of the catalog is usable (its files exist and its manifest is sound).
     *
     * @param name an image name, e.g. {@code micro}
     * @throws VmDriverException {@code IMAGE_NOT_FOUND} when it is unknown or its files are missing or damaged
     */
    void requireImage(String name) throws VmDriverException;

    /**
     * Whether a VM of this image can be given the requestor's cloud-init user-data: the driver hands user-data on
     * ({@link DriverCapabilities#userData()}) and the image runs cloud-init (a cloud disk with a NoCloud seed, e.g.
     * {@code debian-12}; not {@code micro}, which reads only its key from fw_cfg).
     *
     * @param name an image name of the catalog
     * @return true when user-data reaches a VM of {@code name}
     * @throws VmDriverException {@code IMAGE_NOT_FOUND} when the image is unknown or its files are missing or damaged,
     *                           {@code HYPERVISOR_ERROR} when the driver cannot be set up
     */
    boolean acceptsUserData(String name) throws VmDriverException;

    /**
     * @return the images requestors are offered: those of the catalogue that are built and whose files match their
     *         manifest, sorted by name (what {@code GET /api/v1/provider/info} and the advertisement list)
     */
    List<ImageInfo> offeredImages();

    /**
     * @return every image of the catalogue with its status ({@code ready}, {@code missing}, {@code invalid}), its
     *         location on the host and why it is not ready, sorted by name (the operator's image list)
     */
    List<OperatorImages.Image> imageCatalogue();

    /**
     * @return how guests are accelerated: {@code kvm}, {@code tcg}, {@code multipass}; empty while QEMU's KVM probe
     *         has not decided or when the driver cannot be set up
     */
    Optional<String> accelerator();

    /**
     * @return what the provider offers in total: {@code capacity.*} settings where given, else measured (logical
     *         cores; RAM minus 1 GiB for the host, at least 1; usable disk under the data directory), whole GiB
     */
    Resources capacity();
}
