package org.golem.vm.provider.infrastructure.net;

/**
 * No port of the configured SSH port range is both unassigned and bindable. The API turns this into
 * {@code 503 Service Unavailable} (the provider is full for now; a delete frees a port).
 */
public class PortRangeExhaustedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int firstPort;
    private final int lastPort;

    /**
     * @param firstPort first port of the range (inclusive)
     * @param lastPort  last port of the range (inclusive)
     * @param detail    why (how many ports are assigned, how many were found busy)
     */
    public PortRangeExhaustedException(int firstPort, int lastPort, String detail) {
        super("no free SSH port in " + firstPort + "-" + lastPort + ": " + detail);
        this.firstPort = firstPort;
        this.lastPort = lastPort;
    }

    /** @return first port of the exhausted range (inclusive) */
    public int firstPort() {
        return firstPort;
    }

    /** @return last port of the exhausted range (inclusive) */
    public int lastPort() {
        return lastPort;
    }
}
