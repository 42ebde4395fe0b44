package org.golem.vm.provider.infrastructure.vm.qemu;

import java.util.List;
import org.golem.vm.provider.domain.vm.Hostfwd;

/**
 * The state file of one VM ({@code <data-dir>/vms/<id>/state.json}): what is needed to boot it again and to
 * recognise its qemu process after a provider restart.
 *
 * @param vmId              id
 * @param cpu               vCPUs
 * @param memoryGib         RAM, GiB
 * @param storageGib        disk, GiB
 * @param image             image name
 * @param imageKind         {@code KERNEL_INITRD} or {@code CLOUD_DISK}
 * @param kernel            kernel path (kernel+initrd images)
 * @param initrd            initrd path (kernel+initrd images)
 * @param kernelCmdline     kernel command line (kernel+initrd images)
 * @param fwCfgKeyName      fw_cfg name of the authorized key (kernel+initrd images)
 * @param baseDisk          base image the overlay is backed by (cloud images)
 * @param sshUser           login user
 * @param acpiShutdown      whether the guest obeys ACPI power-off
 * @param sshPort           host port
 * @param bindAddress       host address of the forward
 * @param bootTimeoutMillis how long a boot may take to SSH
 * @param pid               qemu's pid while it runs, else null
 * @param pidStartTicks     qemu's start time (/proc/&lt;pid&gt;/stat field 22), so a reused pid is not taken for ours
 * @param accel             {@code kvm} or {@code tcg} of the last boot
 * @param ports             guest TCP ports forwarded besides SSH, with their host ports (empty for none; absent in
 *                          state files written before ports existed)
 */
public record QemuVmState(String vmId, int cpu, int memoryGib, int storageGib, String image, String imageKind,
                          String kernel, String initrd, String kernelCmdline, String fwCfgKeyName, String baseDisk,
                          String sshUser, boolean acpiShutdown, int sshPort, String bindAddress,
                          long bootTimeoutMillis, Long pid, Long pidStartTicks, String accel, List<Hostfwd> ports) {

    /** Copies {@code ports} (null: none). */
    public QemuVmState {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    QemuVmState withProcess(Long newPid, Long startTicks, String newAccel) {
        return new QemuVmState(vmId, cpu, memoryGib, storageGib, image, imageKind, kernel, initrd, kernelCmdline,
                fwCfgKeyName, baseDisk, sshUser, acpiShutdown, sshPort, bindAddress, bootTimeoutMillis, newPid,
                startTicks, newAccel, ports);
    }
}
