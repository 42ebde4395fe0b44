package org.golem.vm.requestor.application;

import java.time.Instant;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.requestor.domain.RentedVm;

/** The requestor API's view of a rented VM (times as ISO-8601 UTC, {@code vm_id} the name). */
public final class VmViews {
    private VmViews() {
    }

    /**
     * @param v the record
     * @return its API shape
     */
    public static RentedVmView of(RentedVm v) {
        return new RentedVmView(v.name(), v.providerId(), v.providerUrl(), v.name(), v.status(), v.resources(),
                v.sshHost(), v.sshPort(), v.sshUser(), v.sshHostKey(), v.streamId(),
                WireTime.format(Instant.ofEpochMilli(v.createdAt())), WireTime.format(Instant.ofEpochMilli(v.updatedAt())),
                v.error(), v.ports());
    }
}
