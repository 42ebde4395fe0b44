package org.golem.vm.common.wire.requestor;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.money.Resources;

/**
 * A VM the requestor rents, as the requestor API shows it (elements of {@code GET /vms} and
 * {@code GET /api/v1/vms}, answer of stop/start). Every field is present.
 *
 * @param name                  the VM name
 * @param providerId            the provider's address, EIP-55
 * @param providerUrl           the provider's API base URL
 * @param vmId                  the VM's id at the provider (its name)
 * @param status                {@code creating}, {@code running}, {@code stopped}, ...
 * @param resources             cores, GiB RAM, GiB disk
 * @param sshHost               where SSH reaches it, or null before it runs
 * @param sshPort               the SSH port, or null
 * @param sshUser               the SSH user, or null
 * @param sshHostKeyFingerprint the VM's host key fingerprint as the provider reported it, or null
 * @param streamId              the stream paying for it, or null
 * @param createdAt             ISO-8601 UTC
 * @param updatedAt             ISO-8601 UTC
 * @param error                 the last error, or null
 * @param ports                 (added) forwarded guest TCP ports besides SSH, on {@code sshHost}; omitted when none
 */
public record RentedVmView(String name, String providerId, String providerUrl, String vmId, String status,
                           Resources resources, String sshHost, Integer sshPort, String sshUser,
                           String sshHostKeyFingerprint, BigInteger streamId, String createdAt,
                           String updatedAt, String error,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PortForward> ports) {

    public RentedVmView {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** Without forwarded ports besides SSH. */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public RentedVmView(String name, String providerId, String providerUrl, String vmId, String status,
                        Resources resources, String sshHost, Integer sshPort, String sshUser,
                        String sshHostKeyFingerprint, BigInteger streamId, String createdAt, String updatedAt,
                        String error) {
        this(name, providerId, providerUrl, vmId, status, resources, sshHost, sshPort, sshUser, sshHostKeyFingerprint,
                streamId, createdAt, updatedAt, error, null);
    }
}
