package org.golem.vm.portchecker.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.portchecker.domain.CheckTarget;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;

/**
 * Maps the JSON body of {@code POST /check-ports} to a {@link CheckPortsRequest}, so that every wrong shape gets
 * the seed's codes instead of a generic mapping error: the body must be an object (else 422 {@code INVALID_BODY});
 * {@code provider_ip} must be a string (else 400 {@code INVALID_IP}, checked first as in {@link CheckTarget#of});
 * {@code ports} must be a list (else 400 {@code INVALID_PORT}) of JSON integers (a string {@code "80"}, a fraction
 * {@code 80.5}, a boolean or an object is 400 {@code INVALID_PORT}, never a silent conversion). Range, emptiness and
 * the per-request maximum are left to {@link CheckTarget#of}. Unknown fields are ignored, as the original did.
 */
final class CheckPortsBody {

    private CheckPortsBody() {
    }

    /**
     * @param body the parsed body (never null: an empty body is refused before)
     * @return the request, with {@code provider_ip} as sent and {@code ports} as integers
     * @throws ApiException 422 {@code INVALID_BODY} when the body is not a JSON object
     * @throws PortCheckException 400 {@code INVALID_IP} / {@code INVALID_PORT} as described in the class comment
     */
    static CheckPortsRequest toRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(422, "INVALID_BODY", "request body must be a JSON object "
                    + "{\"provider_ip\": \"<IP address>\", \"ports\": [<port>, ...]}");
        }
        JsonNode ip = body.get("provider_ip");
        String providerIp = null;
        if (ip != null && !ip.isNull()) {
            if (!ip.isTextual()) {
                throw new PortCheckException(PortCheckErrorCode.INVALID_IP,
                        "provider_ip must be a string holding an IPv4 or IPv6 address, got " + describe(ip));
            }
            providerIp = ip.textValue();
        }
        CheckTarget.parseAddress(providerIp); // INVALID_IP before anything about the ports
        JsonNode ports = body.get("ports");
        if (ports == null || ports.isNull()) {
            throw new PortCheckException(PortCheckErrorCode.INVALID_PORT, "ports is required: a list of port numbers");
        }
        if (!ports.isArray()) {
            throw new PortCheckException(PortCheckErrorCode.INVALID_PORT,
                    "ports must be a list of port numbers, got " + describe(ports));
        }
        List<Integer> list = new ArrayList<>(ports.size());
        for (JsonNode port : ports) {
            list.add(port(port));
        }
        return new CheckPortsRequest(providerIp, list);
    }

    private static Integer port(JsonNode port) {
        if (port.isNull()) {
            throw new PortCheckException(PortCheckErrorCode.INVALID_PORT, "Port number must not be null");
        }
        if (!port.isIntegralNumber()) {
            throw new PortCheckException(PortCheckErrorCode.INVALID_PORT,
                    "Port number must be an integer, got " + describe(port));
        }
        if (!port.canConvertToInt()) {
            throw new PortCheckException(PortCheckErrorCode.INVALID_PORT, "Port number out of range: "
                    + IpLiteral.printable(port.asText()) + " (must be " + CheckTarget.MIN_PORT + "-"
                    + CheckTarget.MAX_PORT + ")");
        }
        return port.intValue();
    }

    /** A short, safe rendering of an unexpected JSON value for error messages. */
    private static String describe(JsonNode node) {
        String kind = node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isArray() ? "a list" : node.isObject() ? "an object" : "a " + node.getNodeType();
        return kind + " " + IpLiteral.printable(node.toString());
    }
}
