package org.golem.vm.common.money;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The resources a VM is priced for: CPU cores, RAM and disk.
 *
 * <p>On the wire this is the original's {@code {"cpu","memory","storage"}} object
 * (docs/provider-api.md §3.1 {@code VMResources}). This record only checks that the figures are not
 * negative; the provider's allowed values (cpu ∈ {1,2,4,8,16}, memory ∈ {1,...,64}, storage ≥ 10) are
 * checked where requests are validated, not here.
 *
 * @param cpu        CPU cores, ≥ 0
 * @param memoryGib  RAM in GiB, ≥ 0 (JSON {@code memory})
 * @param storageGib disk in GiB, ≥ 0 (JSON {@code storage})
 */
public record Resources(
        @JsonProperty("cpu") int cpu,
        @JsonProperty("memory") int memoryGib,
        @JsonProperty("storage") int storageGib) {

    /**
     * @throws IllegalArgumentException if any figure is negative
     */
    public Resources {
        if (cpu < 0) {
            throw new IllegalArgumentException("cpu must not be negative: " + cpu);
        }
        if (memoryGib < 0) {
            throw new IllegalArgumentException("memory (GiB) must not be negative: " + memoryGib);
        }
        if (storageGib < 0) {
            throw new IllegalArgumentException("storage (GiB) must not be negative: " + storageGib);
        }
    }
}
