package org.golem.vm.common.wire.requestor;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/vms}.
 *
 * @param vms every rented VM, oldest first
 */
public record VmList(List<RentedVmView> vms) {
}
