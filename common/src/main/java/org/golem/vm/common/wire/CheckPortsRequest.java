package org.golem.vm.common.wire;

import java.util.List;

/**
 * Body of the port checker's {@code POST /check-ports} (docs/port-checker-api.md §4; sent by the provider at
 * start-up, docs/provider-api.md §8): {@code {"provider_ip": "1.2.3.4", "ports": [50800, 50801]}}.
 * Rules ({@link WireValidation#checkPortsRequest}): {@code provider_ip} non-blank, every port 1..65535,
 * at most a service-chosen number of ports (FLAW fixed: the original had no cap).
 *
 * @param providerIp address to probe (the provider's public IP)
 * @param ports      TCP ports to probe; duplicates collapse in the response
 */
public record CheckPortsRequest(String providerIp, List<Integer> ports) {

    public CheckPortsRequest {
        ports = ports == null ? null : List.copyOf(ports);
    }
}
