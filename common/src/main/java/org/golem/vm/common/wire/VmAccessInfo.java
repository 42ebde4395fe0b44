package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Response of {@code GET /api/v1/vms/{name}/access} on the provider (docs/provider-api.md §3.1, §3.2;
 * docs/requestor-api.md §11): how to reach the VM over SSH.
 *
 * <p>Two shapes, as in the original:
 * <ul>
 *   <li>200, VM reachable ({@link #ready}): {@code {"ssh_host","ssh_port","vm_id","multipass_name","ssh_user"}};</li>
 *   <li>202, still being created ({@link #pending}):
 *       {@code {"vm_id","multipass_name","status":"creating","ssh_port":null}}.</li>
 * </ul>
 * {@code ssh_port} is always written (null while pending); {@code ssh_host}, {@code ssh_user} and
 * {@code status} only when set.
 *
 * <p>Added field {@code ssh_host_key_fingerprint} (written only when known): the VM's SSH host key fingerprint as
 * OpenSSH prints it ({@code SHA256:<base64>}), read by the provider right after boot, so a client can pin the key
 * instead of trusting the first connection.
 *
 * <p>Added field {@code ssh_user}: the login user (the original always implied {@code root} through its
 * cloud-init but the requestor printed {@code ubuntu@}; images differ, docs/vm-runtime.md).
 * {@code multipass_name} keeps its original name but holds the provider's internal VM name whatever the
 * hypervisor.
 *
 * @param sshHost       host name or IP address to connect to (the provider's public address), or null while pending
 * @param sshPort       TCP port on {@code sshHost} forwarded to the VM's port 22, or null while pending
 * @param vmId          the VM's id on the provider (its name)
 * @param multipassName the provider's internal name of the VM
 * @param sshUser       user to log in as (e.g. {@code root}), or null while pending
 * @param status        {@link VmStatus#CREATING} while pending, else null (omitted)
 * @param sshHostKeyFingerprint the VM's host key fingerprint ({@code SHA256:...}), or null when unknown (omitted)
 * @param ports         (added) the forwarded guest TCP ports besides SSH, on {@code sshHost}; omitted when none
 */
public record VmAccessInfo(
        @JsonInclude(JsonInclude.Include.NON_NULL) String sshHost,
        Integer sshPort,
        String vmId,
        String multipassName,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sshUser,
        @JsonInclude(JsonInclude.Include.NON_NULL) VmStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sshHostKeyFingerprint,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortForward> ports) {

    public VmAccessInfo {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** Without forwarded ports besides SSH. */
    public VmAccessInfo(String sshHost, Integer sshPort, String vmId, String multipassName, String sshUser,
                        VmStatus status, String sshHostKeyFingerprint) {
        this(sshHost, sshPort, vmId, multipassName, sshUser, status, sshHostKeyFingerprint, null);
    }

    /** @return a copy carrying the forwarded guest ports */
    public VmAccessInfo withPorts(List<PortForward> forwards) {
        return new VmAccessInfo(sshHost, sshPort, vmId, multipassName, sshUser, status, sshHostKeyFingerprint,
                forwards);
    }

    /**
     * The 200 body.
     *
     * @param sshHost      public host or IP of the provider
     * @param sshPort      forwarded port
     * @param vmId         VM id
     * @param internalName provider's internal VM name
     * @param sshUser      login user
     * @return the access info
     */
    public static VmAccessInfo ready(String sshHost, int sshPort, String vmId, String internalName,
                                     String sshUser) {
        return new VmAccessInfo(sshHost, sshPort, vmId, internalName, sshUser, null, null);
    }

    /** @return a copy carrying the VM's host key fingerprint ({@code SHA256:...}; null when unknown) */
    public VmAccessInfo withHostKey(String fingerprint) {
        return new VmAccessInfo(sshHost, sshPort, vmId, multipassName, sshUser, status, fingerprint, ports);
    }

    /**
     * The 202 body while the VM has no SSH port yet.
     *
     * @param vmId         VM id
     * @param internalName provider's internal VM name
     * @return the access info with status {@code creating} and {@code ssh_port} null
     */
    public static VmAccessInfo pending(String vmId, String internalName) {
        return new VmAccessInfo(null, null, vmId, internalName, null, VmStatus.CREATING, null);
    }

    /** @return true when this is the 202 shape (no port yet) */
    public boolean pendingCreation() {
        return sshPort == null;
    }
}
