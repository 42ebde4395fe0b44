package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * Answer of {@code GET /api/v1/vms}: {@code {"vms": [VM...]}}.
 *
 * <p>Read leniently: a bare JSON array of VMs (the shape of {@code GET /vms}, the original Python requestor's route
 * that the service keeps) is read as the list too. Written always as the object.
 *
 * @param vms every rented VM, oldest first
 */
public record VmList(List<RentedVmView> vms) {

    /**
     * Reads a bare array of VMs ({@code [VM...]}) as the list.
     *
     * @param vms the array's elements
     * @return the list
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static VmList ofArray(List<RentedVmView> vms) {
        return new VmList(vms);
    }
}
