package org.golem.vm.common.wire;

import java.util.Objects;
import org.golem.vm.common.money.Resources;

/**
 * A VM as the provider API reports it (docs/provider-api.md §3.1 {@code VMInfo}): response of
 * {@code POST /api/v1/vms} (sync), {@code GET /api/v1/vms} (list), {@code GET /api/v1/vms/{name}},
 * {@code POST /api/v1/vms/{name}/stop} and {@code POST /api/v1/vms/{name}/start}.
 *
 * <p>JSON: {@code {"id","name","status","resources":{"cpu","memory","storage"},"ip_address","ssh_port",
 * "created_at","updated_at","error_message"}}; nullable fields are written as {@code null}, as the
 * original does. FLAW fixed: the original fills {@code created_at}/{@code updated_at} with the response
 * time; ours carry the VM's real creation and last-change times.
 *
 * @param id           the VM's id on the provider (= its name, as in the original)
 * @param name         the requestor-chosen name
 * @param status       lifecycle state
 * @param resources    cpu cores, memory GiB, storage GiB reserved for the VM
 * @param ipAddress    the VM's address inside the provider host (not reachable from outside), or null
 * @param sshPort      the provider host's TCP port forwarded to the VM's port 22, or null while none
 * @param createdAt    creation time, ISO-8601 UTC ({@link org.golem.vm.common.json.WireTime})
 * @param updatedAt    time of the last state change, ISO-8601 UTC
 * @param errorMessage why the VM is in {@link VmStatus#ERROR}, else null
 */
public record VmInfo(
        String id,
        String name,
        VmStatus status,
        Resources resources,
        String ipAddress,
        Integer sshPort,
        String createdAt,
        String updatedAt,
        String errorMessage) {

    public VmInfo {
        Objects.requireNonNull(status, "status");
    }
}
