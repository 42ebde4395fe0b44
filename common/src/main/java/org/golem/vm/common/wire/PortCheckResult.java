package org.golem.vm.common.wire;

/**
 * Result for one port in {@link CheckPortsResponse#results()} (port checker {@code POST /check-ports},
 * docs/port-checker-api.md §4): {@code {"accessible": true, "error": null}}; {@code error} is always written.
 *
 * @param accessible whether a TCP connection to the port succeeded
 * @param error      null when accessible, else the last failure ({@code "Connection timed out"},
 *                   {@code "Connection refused"}, or another exception's text)
 */
public record PortCheckResult(boolean accessible, String error) {

    /** Timeout message of the original. */
    public static final String TIMED_OUT = "Connection timed out";
    /** Refused-connection message of the original. */
    public static final String REFUSED = "Connection refused";

    /** @return an accessible result */
    public static PortCheckResult open() {
        return new PortCheckResult(true, null);
    }

    /**
     * @param error why the port could not be reached
     * @return an inaccessible result
     */
    public static PortCheckResult closed(String error) {
        return new PortCheckResult(false, error);
    }
}
