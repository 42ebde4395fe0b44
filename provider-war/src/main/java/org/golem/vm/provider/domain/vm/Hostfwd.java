package org.golem.vm.provider.domain.vm;

/**
 * One forwarded guest TCP port besides SSH (QEMU's {@code hostfwd=tcp:<bind>:<hostPort>-:<guestPort>}; the
 * Multipass driver's {@code TcpForwarder} does the same in the provider's JVM).
 *
 * @param guestPort TCP port inside the VM, 1..65535
 * @param hostPort  the provider's public TCP port, from its port range, 1..65535
 */
public record Hostfwd(int guestPort, int hostPort) {
    public Hostfwd {
        if (guestPort < 1 || guestPort > 65535 || hostPort < 1 || hostPort > 65535) {
            throw new IllegalArgumentException("ports must be 1..65535: " + guestPort + " -> " + hostPort);
        }
    }
}
