package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * State of an asynchronous VM creation job ({@code POST /api/v1/vms?async=true} → 202 {@link CreateVmJob},
 * {@code GET /api/v1/vms/jobs/{job_id}} → {@link VmJob}; docs/provider-api.md §3.2, §4.10). JSON values:
 * {@code creating|ready|failed}; reading is case-insensitive.
 */
public enum JobState {
    /** The VM is being created. */
    CREATING,
    /** The VM exists; poll {@code GET /api/v1/vms/{vm_id}} for its status. */
    READY,
    /** Creation failed; {@link VmJob#error()} says why. */
    FAILED;

    /** @return the JSON value, e.g. {@code "ready"} */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a JSON value, any case
     * @return the state
     * @throws IllegalArgumentException for an unknown value
     */
    @JsonCreator
    public static JobState fromWire(String value) {
        if (value != null) {
            for (JobState s : values()) {
                if (s.name().equalsIgnoreCase(value.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown job state: " + value);
    }
}
