package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * State of a VM as the provider API reports it in {@link VmInfo#status()} ({@code GET /api/v1/vms},
 * {@code GET /api/v1/vms/{name}}, {@code POST /api/v1/vms/{name}/stop}) and in the pending
 * {@link VmAccessInfo} (docs/provider-api.md §3.1). JSON values are lower case:
 * {@code creating|running|stopping|stopped|error|deleted}. Reading is case-insensitive (the original
 * requestor lower-cases before comparing); any other value is rejected.
 */
public enum VmStatus {
    /** Accepted, not yet bootable/reachable (also the status of an async job's VM). */
    CREATING,
    /** Running and reachable over SSH through {@code ssh_port}. */
    RUNNING,
    /** Shutting down. */
    STOPPING,
    /** Stopped; resources stay reserved, can be started again. */
    STOPPED,
    /** Failed; {@link VmInfo#errorMessage()} says why. */
    ERROR,
    /** Deleted. */
    DELETED;

    /** @return the JSON value, e.g. {@code "running"} */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a JSON value, any case
     * @return the status
     * @throws IllegalArgumentException for an unknown value
     */
    @JsonCreator
    public static VmStatus fromWire(String value) {
        if (value != null) {
            for (VmStatus s : values()) {
                if (s.name().equalsIgnoreCase(value.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown VM status: " + value);
    }
}
