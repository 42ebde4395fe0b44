package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.golem.vm.common.money.Resources;

/**
 * Size presets of {@link CreateVmRequest#size()} ({@code POST /api/v1/vms}; docs/provider-api.md §3.1).
 * JSON values {@code small|medium|large|xlarge}; reading is case-insensitive.
 * Presets (cpu cores / RAM GiB / disk GiB): small 1/1/10, medium 2/4/20, large 4/8/40, xlarge 8/16/80.
 */
public enum VmSize {
    /** 1 core, 1 GiB RAM, 10 GiB disk. */
    SMALL(1, 1, 10),
    /** 2 cores, 4 GiB RAM, 20 GiB disk. */
    MEDIUM(2, 4, 20),
    /** 4 cores, 8 GiB RAM, 40 GiB disk. */
    LARGE(4, 8, 40),
    /** 8 cores, 16 GiB RAM, 80 GiB disk. */
    XLARGE(8, 16, 80);

    private final Resources resources;

    VmSize(int cpu, int memoryGib, int storageGib) {
        this.resources = new Resources(cpu, memoryGib, storageGib);
    }

    /** @return the preset's resources */
    public Resources resources() {
        return resources;
    }

    /** @return the JSON value, e.g. {@code "medium"} */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value a JSON value, any case
     * @return the size
     * @throws IllegalArgumentException for an unknown value
     */
    @JsonCreator
    public static VmSize fromWire(String value) {
        if (value != null) {
            for (VmSize s : values()) {
                if (s.name().equalsIgnoreCase(value.trim())) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown VM size: " + value + " (small|medium|large|xlarge)");
    }
}
