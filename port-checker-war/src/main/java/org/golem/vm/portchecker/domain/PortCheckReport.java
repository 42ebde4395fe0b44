package org.golem.vm.portchecker.domain;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.golem.vm.common.wire.CheckPortsResponse;
import org.golem.vm.common.wire.PortCheckResult;

/**
 * Everything a check found: one {@link PortProbe} per distinct port, in request order.
 *
 * @param target the checked target
 * @param probes one result per port of {@link CheckTarget#ports()}, same order
 */
public record PortCheckReport(CheckTarget target, List<PortProbe> probes) {

    /**
     * Copies the list.
     *
     * @param target the checked target; not null
     * @param probes one result per port of the target
     */
    public PortCheckReport {
        Objects.requireNonNull(target, "target");
        probes = List.copyOf(probes);
    }

    /** @return the probed address */
    public InetAddress address() {
        return target.address();
    }

    /** @return the number of accessible ports */
    public long accessibleCount() {
        return probes.stream().filter(PortProbe::accessible).count();
    }

    /**
     * @param port a probed port
     * @return its result, or null when the port was not part of the check
     */
    public PortProbe probe(int port) {
        return probes.stream().filter(p -> p.port() == port).findFirst().orElse(null);
    }

    /**
     * The response body as the original builds it: {@code success} = at least one port accessible,
     * {@code message} = {@code "Successfully verified <accessible> out of <ports as sent> ports"}.
     *
     * @return the wire response
     */
    public CheckPortsResponse toResponse() {
        Map<Integer, PortCheckResult> results = new LinkedHashMap<>();
        for (PortProbe probe : probes) {
            results.put(probe.port(), probe.toWire());
        }
        return CheckPortsResponse.of(target.requestedPorts(), results);
    }
}
