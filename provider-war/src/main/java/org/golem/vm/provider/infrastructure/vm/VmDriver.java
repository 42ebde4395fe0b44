package org.golem.vm.provider.infrastructure.vm;

import java.util.List;
import java.util.Optional;

/**
 * A hypervisor: boots, stops, restarts, deletes and inspects VMs. Two implementations: {@code qemu} (the default
 * where {@code qemu-system-x86_64} exists) and {@code multipass} (the original's path). A driver knows only VMs it
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
     * Creates and boots a VM and waits until its SSH server answers.
     *
     * @throws VmDriverException when the image is unknown ({@code IMAGE_NOT_FOUND}), the id is taken
     *                           ({@code VM_EXISTS}), the hypervisor fails ({@code HYPERVISOR_ERROR}) or the guest
     *                           does not answer in time ({@code BOOT_TIMEOUT})
     */
    VmInfo create(VmSpec spec) throws VmDriverException;

    /** Boots a stopped VM again (same disk, same SSH port) and waits for SSH. No-op when running. */
    VmInfo start(String vmId) throws VmDriverException;

    /** Shuts a VM down (ACPI power-off, then a hard stop after a grace period); its disk and port stay. */
    VmInfo stop(String vmId) throws VmDriverException;

    /** Stops the VM if needed and removes everything of it (process, disk overlay, seed, state). Idempotent. */
    void delete(String vmId) throws VmDriverException;

    /** @return the VM, or empty when the driver does not know it */
    Optional<VmInfo> find(String vmId) throws VmDriverException;

    /** @return every VM this driver created that still exists */
    List<VmInfo> list() throws VmDriverException;

    /** @return resource use of a running VM, or empty when it is not running */
    Optional<VmStats> stats(String vmId) throws VmDriverException;

    /** Releases what the driver holds in memory (not the VMs: they keep running and are re-adopted later). */
    @Override
    void close();
}
