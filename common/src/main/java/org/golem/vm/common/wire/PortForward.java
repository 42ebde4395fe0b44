package org.golem.vm.common.wire;

/**
 * One forwarded guest TCP port besides SSH: the requestor reaches {@code guest_port} in the VM at
 * {@code host_port} on the provider's public address (a QEMU {@code hostfwd}).
 *
 * <p>JSON: {@code {"guest_port":80,"host_port":50812}}.
 *
 * @param guestPort the TCP port inside the VM, 1..65535
 * @param hostPort  the provider's public TCP port forwarded to it, from the provider's port range
 */
public record PortForward(int guestPort, int hostPort) {
}
