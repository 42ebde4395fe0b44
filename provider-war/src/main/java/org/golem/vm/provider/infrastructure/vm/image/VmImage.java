package org.golem.vm.provider.infrastructure.vm.image;

import java.nio.file.Path;
import java.util.Objects;
import org.golem.vm.common.wire.ImageInfo;

/**
 * A bootable image, resolved and verified by the {@link ImageCatalog}.
 *
 * @param name          catalog name, e.g. {@code micro}
 * @param kind          how it boots
 * @param kernel        kernel file ({@link Kind#KERNEL_INITRD}; for {@link Kind#CLOUD_DISK} optional: when set,
 *                      the disk is booted with {@code -kernel/-initrd} instead of its own bootloader)
 * @param initrd        initramfs file (as {@code kernel})
 * @param kernelCmdline kernel command line (as {@code kernel})
 * @param fwCfgKeyName  the fw_cfg item name the guest reads root's authorized key from ({@link Kind#KERNEL_INITRD})
 * @param disk          base disk image ({@link Kind#CLOUD_DISK} only, else null); the driver backs a per-VM overlay
 *                      with it and never writes to it
 * @param diskFormat    {@code qcow2} or {@code raw} ({@link Kind#CLOUD_DISK} only)
 * @param loginUser     the user to log in as over SSH
 * @param acpiShutdown  whether the guest powers off on an ACPI power-button event (else the driver stops it with
 *                      QMP {@code quit} at once)
 * @param info          how the provider's catalogue offers it: name, OS, size of its files in MiB, login user, boot
 *                      style, whether it takes user-data
 */
public record VmImage(String name, Kind kind, Path kernel, Path initrd, String kernelCmdline, String fwCfgKeyName,
                      Path disk, String diskFormat, String loginUser, boolean acpiShutdown, ImageInfo info) {

    /** Boot styles. */
    public enum Kind {
        /** Kernel + initramfs booted with {@code -kernel/-initrd}, key via fw_cfg, a blank disk the guest formats and mounts as root's home. */
        KERNEL_INITRD,
        /**
         * A cloud disk image with cloud-init (an operator's Debian/Ubuntu cloud image booted by its bootloader, or our
         * {@code debian-12} booted with its kernel and initrd); key and hostname via a NoCloud seed.
         */
        CLOUD_DISK
    }

    /**
     * @return true when the image runs cloud-init from a NoCloud seed ({@link Kind#CLOUD_DISK}) and so takes a
     *         requestor's user-data; {@link Kind#KERNEL_INITRD} images ({@code micro}) run no cloud-init
     */
    public boolean acceptsUserData() {
        return kind == Kind.CLOUD_DISK;
    }

    public VmImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(loginUser, "loginUser");
        Objects.requireNonNull(info, "info");
        if (kind == Kind.KERNEL_INITRD) {
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(initrd, "initrd");
            Objects.requireNonNull(fwCfgKeyName, "fwCfgKeyName");
        } else {
            Objects.requireNonNull(disk, "disk");
            Objects.requireNonNull(diskFormat, "diskFormat");
            if ((kernel == null) != (initrd == null) || (kernel != null && kernelCmdline == null)) {
                throw new IllegalArgumentException("a cloud disk booted directly needs kernel, initrd and command line");
            }
        }
    }
}
