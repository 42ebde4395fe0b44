package org.golem.vm.provider.infrastructure.vm.qemu;

import java.util.ArrayList;
import java.util.List;
import org.golem.vm.provider.domain.egress.Egress;
import org.golem.vm.provider.infrastructure.vm.image.VmImage;
import org.golem.vm.provider.infrastructure.vm.toolkit.CloudInit;

/**
 * The {@code qemu-system-x86_64} command line of a VM (run with the VM's directory as working directory, so files
 * are named relative to it) and of the KVM probe boot.
 */
final class QemuCommandLine {
    /** fw_cfg name under which kernel+initrd guests find their host key (the micro image's init converts it). */
    static final String HOST_KEY_FW_CFG = "opt/org.golem.vm/ssh_host_key";

    private QemuCommandLine() {
    }

    /** @return {@code golem-vm-<id>}, the {@code -name} by which the driver recognises its qemu processes */
    static String processName(String vmId) {
        return "golem-vm-" + vmId;
    }

    /**
     * @param qemuBinary the qemu executable
     * @param s          the VM
     * @param accel      {@code kvm} or {@code tcg}
     * @param hostKey    whether the VM has its own host key file to hand over through fw_cfg
     * @param egress     the provider's egress policy: {@code none} adds {@code restrict=on} to the user-mode network
     *                   (slirp then drops every packet the guest sends that is not an answer on a hostfwd
     *                   connection: no outbound TCP/UDP, not even to the host's loopback at 10.0.2.2 or to slirp's
     *                   DNS at 10.0.2.3, while SSH and the other forwards keep working)
     * @return the command line: user-mode network with {@code hostfwd=tcp:<bind>:<sshPort>-:22}, the qcow2 overlay
     *         on virtio, serial to {@code serial.log}, QMP on {@code qmp.sock}; kernel+initrd images boot with
     *         {@code -kernel/-initrd/-append} and get the authorized key through fw_cfg, cloud images get the NoCloud
     *         seed as a read-only second disk
     */
    static List<String> vm(String qemuBinary, QemuVmState s, String accel, boolean hostKey, Egress egress) {
        List<String> cmd = new ArrayList<>(List.of(qemuBinary,
                "-name", processName(s.vmId()),
                "-nodefaults", "-no-user-config",
                "-accel", accel));
        // no -cpu: the default model under both accelerators (-cpu host/max fail under nested KVM: "failed to set
        // MSR 0x10a"); the KVM probe boots with exactly this, so a KVM that passes it works for real VMs
        cmd.addAll(List.of(
                "-smp", Integer.toString(s.cpu()),
                "-m", (s.memoryGib() * 1024L) + "M",
                "-display", "none",
                "-serial", "file:" + QemuVmDir.SERIAL_LOG,
                "-qmp", "unix:" + QemuVmDir.QMP + ",server=on,wait=off",
                "-pidfile", QemuVmDir.PID_FILE,
                "-netdev", "user,id=n0" + (egress.mode() == Egress.Mode.NONE ? ",restrict=on" : "")
                        + ",hostfwd=tcp:" + s.bindAddress() + ":" + s.sshPort() + "-:22",
                "-device", "virtio-net-pci,netdev=n0",
                "-drive", "file=" + QemuVmDir.DISK + ",if=virtio,format=qcow2"));
        if (VmImage.Kind.KERNEL_INITRD.name().equals(s.imageKind())) {
            cmd.addAll(List.of("-kernel", s.kernel(), "-initrd", s.initrd(), "-append", s.kernelCmdline(),
                    "-fw_cfg", "name=" + s.fwCfgKeyName() + ",file=" + QemuVmDir.KEY));
            if (hostKey) {
                cmd.addAll(List.of("-fw_cfg", "name=" + HOST_KEY_FW_CFG + ",file=" + QemuVmDir.HOST_KEY));
            }
        } else {
            if (s.kernel() != null) { // our debian-12: no bootloader, root file system on the whole disk (vda)
                cmd.addAll(List.of("-kernel", s.kernel(), "-initrd", s.initrd(), "-append", s.kernelCmdline()));
            }
            cmd.addAll(List.of("-drive", "file=" + CloudInit.SEED + ",if=virtio,format=raw,readonly=on"));
        }
        return cmd;
    }

    /**
     * The KVM probe: the VM's kernel under KVM with init = {@code busybox poweroff -f} (micro's initramfs), or, for
     * other initramfs images (debian-12), an init and a root device that do not exist and {@code panic=-1}: the
     * kernel boots, panics at once and reboots, which {@code -no-reboot} turns into qemu's exit.
     *
     * @param qemuBinary the qemu executable
     * @param probe      a VM booted with {@code -kernel/-initrd}
     * @return the command line
     */
    static List<String> kvmProbe(String qemuBinary, QemuVmState probe) {
        return List.of(qemuBinary, "-nodefaults", "-no-user-config", "-accel", "kvm",
                "-m", "128M", "-display", "none", "-no-reboot", "-serial", "null",
                "-kernel", probe.kernel(), "-initrd", probe.initrd(),
                "-append", VmImage.Kind.KERNEL_INITRD.name().equals(probe.imageKind())
                        ? "console=ttyS0 quiet panic=-1 rdinit=/bin/busybox -- poweroff -f"
                        : "console=ttyS0 quiet panic=-1 rdinit=/golem-kvm-probe root=/dev/golem-kvm-probe");
    }
}
