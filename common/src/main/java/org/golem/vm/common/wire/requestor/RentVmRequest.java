package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;

/**
 * Body of {@code POST /api/v1/vms} on the requestor service (docs/requestor-api.md). Numbers are JSON integers (the
 * shared mapper refuses a fraction or an exponent with 422 {@code INVALID_BODY} naming the field).
 *
 * <p>A client (the {@code golem} CLI) writing this body leaves {@code stream_id} and {@code image} out when they are
 * null; the service reads an absent field and a null one alike.
 *
 * @param name       VM name (the provider's rules: 3–64 of {@code [a-z0-9-]}, no {@code --})
 * @param providerId provider address, {@code 0x} + 40 hex digits
 * @param cpu        cores (1, 2, 4, 8, 16)
 * @param memory     GiB RAM (1, 2, 4, ... 64)
 * @param storage    GiB disk (10 to 2147483647)
 * @param hours      hours the new stream pays for, 1 to {@value OpenStreamRequest#MAX_HOURS} (default 1); ignored
 *                   with {@code streamId}
 * @param streamId   an existing stream of ours to pay with (0 to 2^256-1), or null to open one
 * @param image      image name (at most 128 letters, digits, {@code . _ : -}) or null for the provider's default
 * @param userData   cloud-init user-data for the VM, passed on as is, or null
 * @param ports      guest TCP ports to forward besides SSH (e.g. {@code [80, 443]}), or null/empty for none
 */
public record RentVmRequest(String name, String providerId, Integer cpu, Integer memory, Integer storage,
                              Long hours, @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger streamId,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String image,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String userData,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> ports) {

    public RentVmRequest {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** Without user-data and extra ports. */
    public RentVmRequest(String name, String providerId, Integer cpu, Integer memory, Integer storage, Long hours,
                         BigInteger streamId, String image) {
        this(name, providerId, cpu, memory, storage, hours, streamId, image, null, null);
    }

    /** @return the stream terms of this body: provider, resources, hours */
    public OpenStreamRequest stream() {
        return new OpenStreamRequest(providerId, cpu, memory, storage, hours);
    }

    /**
     * @return broken rules of every field ({@code name}, {@code provider_id}, {@code resources.*}, {@code hours},
     *         {@code stream_id}, {@code image}, {@code ports}: each 1..65535, not 22 (SSH is always forwarded), no
     *         duplicates); empty when the body may go on to the provider and wallet checks
     */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>(WireValidation.vmName(name));
        v.addAll(stream().violations());
        v.addAll(WireValidation.streamId(streamId));
        v.addAll(WireValidation.image(image));
        v.addAll(portViolations());
        return v;
    }

    private List<Violation> portViolations() {
        List<Violation> v = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Integer port : ports) {
            if (port == null || port < 1 || port > 65535) {
                v.add(new Violation("ports", Violation.OUT_OF_RANGE, "each port must be 1..65535: " + port));
            } else if (port == 22) {
                v.add(new Violation("ports", Violation.NOT_ALLOWED, "22 is the VM's SSH, which is always forwarded"));
            } else if (!seen.add(port)) {
                v.add(new Violation("ports", Violation.NOT_ALLOWED, "port " + port + " is asked for twice"));
            }
        }
        return v;
    }
}
