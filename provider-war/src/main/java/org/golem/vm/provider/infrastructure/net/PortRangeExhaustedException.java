package org.golem.vm.provider.infrastructure.net;

/**
 * No port of the configured SSH port range is both unassigned and bindable. The API turns this into
 * {@code 503 Service Unavailable} (the provider is full for now; a delete frees a port).
 */
public class PortRangeExhaustedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int firstPort;
    private final int lastPort;
    private final boolean forExtraPorts;

    /**
     * @param firstPort first port of the range (inclusive)
     * @param lastPort  last port of the range (inclusive)
     * @param detail    why (how many ports are assigned, how many were found busy)
     */
    public PortRangeExhaustedException(int firstPort, int lastPort, String detail) {
        this(firstPort, lastPort, "no free SSH port in " + firstPort + "-" + lastPort + ": " + detail, false);
    }

    private PortRangeExhaustedException(int firstPort, int lastPort, String message, boolean forExtraPorts) {
        super(message);
        this.firstPort = firstPort;
        this.lastPort = lastPort;
        this.forExtraPorts = forExtraPorts;
    }

    /**
     * @param vmId the VM whose extra guest ports found no host port
     * @return the same refusal, marked as for the VM's ports besides SSH (its SSH port was found)
     */
    PortRangeExhaustedException forExtraPortsOf(String vmId) {
        return new PortRangeExhaustedException(firstPort, lastPort, "no free port in " + firstPort + "-" + lastPort
                + " for the guest ports of VM " + vmId + " besides SSH", true);
    }

    /** @return true when the VM's SSH port was found and only its other forwards ran out of ports */
    public boolean forExtraPorts() {
        return forExtraPorts;
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
