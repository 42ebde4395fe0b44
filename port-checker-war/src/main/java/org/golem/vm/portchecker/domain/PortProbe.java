package org.golem.vm.portchecker.domain;

import org.golem.vm.common.wire.PortCheckResult;

/**
 * The outcome of probing one port, with how many TCP connection attempts it took.
 *
 * @param port       the port, 1..65535
 * @param accessible whether a TCP connection succeeded
 * @param error      null when accessible; else the last failure: {@link PortCheckResult#REFUSED},
 *                   {@link PortCheckResult#TIMED_OUT} or the text of another socket error
 *                   ({@code "No route to host"}, ...)
 * @param attempts   connection attempts made, at least 1: 1 for an open or refused port (a refusal is a
 *                   definite answer), up to the configured retries for timeouts and other transient errors
 */
public record PortProbe(int port, boolean accessible, String error, int attempts) {

    /**
     * @param port     the port
     * @param attempts attempts made, the last one successful
     * @return an accessible result
     */
    public static PortProbe open(int port, int attempts) {
        return new PortProbe(port, true, null, attempts);
    }

    /**
     * @param port     the port
     * @param error    the last failure's text
     * @param attempts attempts made, all failed
     * @return an inaccessible result
     */
    public static PortProbe closed(int port, String error, int attempts) {
        return new PortProbe(port, false, error, attempts);
    }

    /** @return the wire form {@code {"accessible": ..., "error": ...}} */
    public PortCheckResult toWire() {
        return new PortCheckResult(accessible, error);
    }
}
