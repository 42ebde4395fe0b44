package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Answer of {@code GET /api/v1/vms/{name}}: the VM's fields, then {@code stream_error} (only when the chain could
 * not be read), {@code stream} (null when the VM has no stream or the chain could not be read) and {@code top_up}.
 *
 * @param vm          the VM (its fields appear at the top level)
 * @param streamError why the stream could not be read, or null (then left out)
 * @param stream      the stream, or null
 * @param topUp       the auto top-up's view
 */
public record VmDetail(@JsonUnwrapped RentedVmView vm,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String streamError, StreamView stream,
                       TopUpView topUp) {
}
