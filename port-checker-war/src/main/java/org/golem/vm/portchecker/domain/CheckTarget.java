package org.golem.vm.portchecker.domain;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.golem.vm.common.net.IpLiteral;

/**
 * A validated {@code POST /check-ports} request: one address and the distinct ports to probe.
 *
 * <p>Duplicates are <b>collapsed</b>, as in the original: {@code [80, 80, 443]} probes 80 and 443 once each
 * and yields two results; {@link #requestedPorts()} keeps the list as sent because the summary message counts
 * it ({@code "... out of 3 ports"}, the original's wording). The per-request maximum applies to the list as
 * sent, duplicates included, so the size of the input is bounded too.
 *
 * @param address        the target address
 * @param ports          distinct ports in first-seen order, each 1..65535; not empty
 * @param requestedPorts the ports as sent, duplicates included
 */
public record CheckTarget(InetAddress address, List<Integer> ports, List<Integer> requestedPorts) {

    /** Lowest TCP port that can be probed. */
    public static final int MIN_PORT = 1;
    /** Highest TCP port. */
    public static final int MAX_PORT = 65535;

    /**
     * Copies the lists; prefer {@link #of(String, List, int)}, which validates.
     *
     * @param address        the target address; not null
     * @param ports          distinct ports
     * @param requestedPorts the ports as sent
     */
    public CheckTarget {
        Objects.requireNonNull(address, "address");
        ports = List.copyOf(ports);
        requestedPorts = List.copyOf(requestedPorts);
    }

    /**
     * Validates request fields. The IP is checked first, then the ports.
     *
     * @param providerIp an IPv4/IPv6 literal (see {@link IpLiteral}); never resolved through DNS
     * @param ports      1..{@code maxPorts} ports, each 1..65535; duplicates allowed (collapsed)
     * @param maxPorts   the per-request maximum (at least 1)
     * @return the target
     * @throws PortCheckException {@link PortCheckErrorCode#INVALID_IP} for a missing or malformed IP,
     *                            {@link PortCheckErrorCode#INVALID_PORT} for a missing or empty list, a null element
     *                            or a port outside 1..65535, {@link PortCheckErrorCode#TOO_MANY_PORTS} for more than
     *                            {@code maxPorts} entries (all HTTP 400)
     */
    public static CheckTarget of(String providerIp, List<Integer> ports, int maxPorts) {
        InetAddress address = parseAddress(providerIp);
        if (ports == null || ports.isEmpty()) {
            throw new PortCheckException(PortCheckErrorCode.INVALID_PORT, "At least one port is required");
        }
        if (ports.size() > maxPorts) {
            throw new PortCheckException(PortCheckErrorCode.TOO_MANY_PORTS,
                    "Too many ports: " + ports.size() + " given, at most " + maxPorts + " per request");
        }
        Set<Integer> distinct = new LinkedHashSet<>();
        List<Integer> requested = new ArrayList<>(ports.size());
        for (Integer port : ports) {
            if (port == null) {
                throw new PortCheckException(PortCheckErrorCode.INVALID_PORT, "Port number must not be null");
            }
            if (port < MIN_PORT || port > MAX_PORT) {
                throw new PortCheckException(PortCheckErrorCode.INVALID_PORT,
                        "Port number out of range: " + port + " (must be " + MIN_PORT + "-" + MAX_PORT + ")");
            }
            distinct.add(port);
            requested.add(port);
        }
        return new CheckTarget(address, new ArrayList<>(distinct), requested);
    }

    /**
     * @param providerIp the request's {@code provider_ip}
     * @return the address ({@link IpLiteral}: a literal, never a host name)
     * @throws PortCheckException {@link PortCheckErrorCode#INVALID_IP} when missing or not a literal
     */
    public static InetAddress parseAddress(String providerIp) {
        return IpLiteral.tryParse(providerIp).orElseThrow(() -> new PortCheckException(
                PortCheckErrorCode.INVALID_IP, providerIp == null || providerIp.isEmpty()
                        ? "provider_ip is required"
                        : "Invalid IP address format: '" + IpLiteral.printable(providerIp)
                          + "' (an IPv4 or IPv6 address literal is required; host names are not accepted)"));
    }
}
