package org.golem.vm.common.wire;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * The compact text form the services keep in one database column.
     *
     * @param forwards forwards, in order
     * @return {@code <guest>:<host>} comma-separated ({@code 80:50812,443:50813}), null when there are none
     */
    public static String join(List<PortForward> forwards) {
        return forwards == null || forwards.isEmpty() ? null
                : forwards.stream().map(f -> f.guestPort() + ":" + f.hostPort()).collect(Collectors.joining(","));
    }

    /**
     * @param text what {@link #join} wrote, or null
     * @return the forwards, in order; empty for null or blank
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static List<PortForward> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return Arrays.stream(text.split(",")).map(f -> f.split(":", 2))
                    .map(f -> new PortForward(Integer.parseInt(f[0].strip()), Integer.parseInt(f[1].strip())))
                    .toList();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not <guest>:<host>[,...]: " + text, e);
        }
    }
}
