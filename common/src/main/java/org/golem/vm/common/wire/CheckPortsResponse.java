package org.golem.vm.common.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Response 200 of the port checker's {@code POST /check-ports} (docs/port-checker-api.md §4):
 * {@code {"success": true, "results": {"80": {"accessible": true, "error": null}, ...},
 * "message": "Successfully verified 1 out of 2 ports"}}. The keys of {@code results} are the port
 * numbers as JSON strings.
 *
 * @param success true when at least one port is accessible (not "all", as in the original)
 * @param results per distinct requested port, in request order
 * @param message {@code Successfully verified <accessible> out of <number of requested ports> ports}
 */
public record CheckPortsResponse(boolean success, Map<Integer, PortCheckResult> results, String message) {

    public CheckPortsResponse {
        results = results == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /**
     * Builds the response as the original does.
     *
     * @param requestedPorts the ports of the request, duplicates included (they count in the message)
     * @param results        one result per distinct port
     * @return the response with {@code success} and {@code message} derived
     */
    public static CheckPortsResponse of(List<Integer> requestedPorts, Map<Integer, PortCheckResult> results) {
        long accessible = results.values().stream().filter(PortCheckResult::accessible).count();
        return new CheckPortsResponse(accessible > 0, results,
                "Successfully verified " + accessible + " out of " + requestedPorts.size() + " ports");
    }
}
