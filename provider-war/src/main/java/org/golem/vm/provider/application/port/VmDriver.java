package org.golem.vm.provider.application.port;

import java.util.List;
import java.util.Optional;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmUsage;

/**
 * A hypervisor: boots, stops, restarts, deletes and inspects VMs; the port through which the provider's use cases
 * drive VMs ({@link VmHost#driver()} hands out the configured one). Two adapters in
 * {@code infrastructure.vm}: {@code qemu} (the default where {@code qemu-system-x86_64} exists) and
 * {@code multipass} (the original Python provider's path). A driver knows only VMs it
 * created itself; it never touches anything it cannot identify as its own.
 *
 * <p>The caller (the provider's VM service) allocates the host SSH port and hands it in the {@link VmSpec}; the
 * driver makes the guest's port 22 reachable there (QEMU: a user-mode {@code hostfwd}; Multipass: a TCP forwarder
 * to the VM's address).
 *
 * <p>All methods are blocking and thread-safe; {@link #create} returns once the guest's SSH server answers with
 * its {@code SSH-} banner through the forwarded port, or throws after the spec's boot timeout (and then leaves
 * nothing behind: no process, no disk, no forward).
 */
public interface VmDriver extends AutoCloseable {

    /** @return the driver's name, {@code qemu} or {@code multipass} */
    String name();

    /**
     * @return what the driver offers now (its accelerator may be decided only by its first boot), so callers need
     *         not know which implementation they hold
     */
    DriverCapabilities capabilities();

    /**
     * Creates and boots a VM and waits until its SSH server answers.
     *
     * @throws VmDriverException when the image is unknown ({@code IMAGE_NOT_FOUND}), the id is taken
     *                           ({@code VM_EXISTS}), the hypervisor fails ({@code HYPERVISOR_ERROR}) or the guest
     *                           does not answer in time ({@code BOOT_TIMEOUT})
     */
    DriverVm create(VmSpec spec) throws VmDriverException;

    /** Boots a stopped VM again (same disk, same SSH port) and waits for SSH. No-op when running. */
    DriverVm start(String vmId) throws VmDriverException;

    /** Shuts a VM down (ACPI power-off, then a hard stop after a grace period); its disk and port stay. */
    DriverVm stop(String vmId) throws VmDriverException;

    /** Stops the VM if needed and removes everything of it (process, disk overlay, seed, state). Idempotent. */
    void delete(String vmId) throws VmDriverException;

    /** @return the VM, or empty when the driver does not know it */
    Optional<DriverVm> find(String vmId) throws VmDriverException;

    /** @return every VM this driver created that still exists */
    List<DriverVm> list() throws VmDriverException;

    /** @return resource use of a running VM, or empty when it is not running */
    Optional<VmUsage> stats(String vmId) throws VmDriverException;

    /** Releases what the driver holds in memory (not the VMs: they keep running and are re-adopted later). */
    @Override
    void close();
}
