package org.golem.vm.provider.domain.vm;

/**
 * A VM as the driver sees it (named apart from the API's {@code common.wire.VmInfo}, which describes the VM to its
 * owner).
 *
 * @param vmId       driver-level id
 * @param state      lifecycle state
 * @param cpu        virtual CPUs
 * @param memoryGib  RAM, GiB
 * @param storageGib disk, GiB
 * @param image      image name
 * @param sshPort    host port forwarded to the guest's port 22
 * @param sshUser    the login user of the image ({@code root} for images we build, {@code debian}/{@code ubuntu}
 *                   for cloud images)
 * @param guestAddress the VM's own address on the hypervisor's network, or null when not known (QEMU user
 *                   networking: always {@code 10.0.2.15})
 */
public record DriverVm(String vmId, VmState state, int cpu, int memoryGib, int storageGib, String image, int sshPort,
                     String sshUser, String guestAddress) {
}
