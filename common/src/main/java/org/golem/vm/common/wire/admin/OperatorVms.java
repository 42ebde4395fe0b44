package org.golem.vm.common.wire.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.PortForward;

/**
 * Answer of {@code GET /api/v1/admin/vms}: every VM on the provider, whoever owns it.
 *
 * @param vms oldest first
 */
public record OperatorVms(List<Vm> vms) {

    /**
     * One VM as the operator sees it.
     *
     * @param name          the owner's name of the VM
     * @param driverId      the hypervisor's name of the VM (the QEMU driver's {@code <data-dir>/vms/<id>}, the
     *                      Multipass instance), which the operator needs to find its files and processes
     * @param owner         the requestor's address, EIP-55
     * @param status        {@code creating}, {@code running}, {@code stopped}, ...
     * @param resources     cores, GiB RAM, GiB disk
     * @param sshPort       the forwarded host port, null before it is known
     * @param createdAt     epoch milliseconds
     * @param uptimeSeconds seconds since it last started, null unless running
     * @param streamId      the stream paying for it, null without payments
     * @param runwaySeconds paid seconds left on its stream, null when unknown (no stream, chain unreadable)
     * @param reason        why it is stopped or failed, else null
     * @param ports         (added) its forwarded guest TCP ports besides SSH; omitted when none
     */
    public record Vm(String name, String driverId, String owner, String status, Resources resources, Integer sshPort,
                     long createdAt, Long uptimeSeconds, BigInteger streamId, Long runwaySeconds, String reason,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortForward> ports) {

        /** Copies {@code ports} (null: none). */
        public Vm {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }

        /** Without forwarded ports besides SSH. */
        public Vm(String name, String driverId, String owner, String status, Resources resources, Integer sshPort,
                  long createdAt, Long uptimeSeconds, BigInteger streamId, Long runwaySeconds, String reason) {
            this(name, driverId, owner, status, resources, sshPort, createdAt, uptimeSeconds, streamId, runwaySeconds,
                    reason, null);
        }
    }
}
