package org.golem.vm.provider.domain.vm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to create.
 *
 * @param vmId         the driver-level id, {@code [a-z0-9][a-z0-9-]{1,62}} (the provider maps requestor names to it)
 * @param cpu          virtual CPUs, ≥ 1
 * @param memoryGib    RAM in GiB, ≥ 1
 * @param storageGib   disk in GiB, ≥ 1 (the guest sees a disk of this size)
 * @param image        image name from the catalog, e.g. {@code micro} or {@code debian-12}
 * @param sshPublicKey the requestor's OpenSSH public key line ({@code ssh-ed25519 AAAA… comment})
 * @param sshPort      host TCP port (on the provider's public interface) forwarded to the guest's port 22
 * @param bootTimeout  how long a driver's create waits for the guest's SSH banner
 * @param userData     the requestor's cloud-init user-data, passed to the guest as is, or null for none
 * @param ports        guest TCP ports forwarded besides SSH (empty for none)
 */
public record VmSpec(String vmId, int cpu, int memoryGib, int storageGib, String image, String sshPublicKey,
                     int sshPort, Duration bootTimeout, String userData, List<Hostfwd> ports) {

    /** Without user-data and extra ports. */
    public VmSpec(String vmId, int cpu, int memoryGib, int storageGib, String image, String sshPublicKey, int sshPort,
                  Duration bootTimeout) {
        this(vmId, cpu, memoryGib, storageGib, image, sshPublicKey, sshPort, bootTimeout, null, null);
    }

    public VmSpec {
        ports = ports == null ? List.of() : List.copyOf(ports);
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(sshPublicKey, "sshPublicKey");
        Objects.requireNonNull(bootTimeout, "bootTimeout");
        if (!vmId.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new IllegalArgumentException("vmId must match [a-z0-9][a-z0-9-]{1,62}: " + vmId);
        }
        if (cpu < 1 || memoryGib < 1 || storageGib < 1) {
            throw new IllegalArgumentException("cpu, memory and storage must be at least 1");
        }
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("sshPort must be 1..65535: " + sshPort);
        }
    }
}
