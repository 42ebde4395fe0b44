package org.golem.vm.provider.application.port;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.golem.vm.provider.domain.vm.Hostfwd;

/**
 * The host TCP ports forwarded to the VMs (QEMU hostfwd, or a forwarder for Multipass) from one configured range:
 * one per VM for its SSH, and one per extra guest TCP port the requestor asked for; assignments survive restarts.
 */
public interface SshPorts {

    /** Every port of the range is assigned or was released too recently to be reused. */
    final class Exhausted extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean forExtraPorts;

        /** @param message which range */
        public Exhausted(String message) {
            this(message, false);
        }

        /**
         * @param message       which range
         * @param forExtraPorts true when the VM's SSH port was found and only its other guest ports found none
         */
        public Exhausted(String message, boolean forExtraPorts) {
            super(message);
            this.forExtraPorts = forExtraPorts;
        }

        /** @return true when only the guest ports besides SSH found no host port */
        public boolean forExtraPorts() {
            return forExtraPorts;
        }
    }

    /**
     * The ports held for a VM being created (SSH and the extra forwards): {@link #keep()} once the VM exists,
     * {@link #close()} to give them back.
     */
    interface Lease extends AutoCloseable {
        /** @return the SSH port */
        int port();

        /** @return the extra forwards (guest port → host port), in the order asked for; empty for none */
        List<Hostfwd> forwards();

        /** Keeps the port assigned to the VM. */
        void keep();

        /** Gives the port back unless {@link #keep()} was called. */
        @Override
        void close();
    }

    /**
     * @param vmId the hypervisor's id of the VM
     * @return a lease on a free port
     * @throws Exhausted when no port is free
     */
    default Lease lease(String vmId) throws Exhausted {
        return lease(vmId, List.of());
    }

    /**
     * Leases the VM's SSH port and one host port per guest port, all or nothing (nothing stays assigned when the
     * range runs out part way).
     *
     * @param vmId       the hypervisor's id of the VM
     * @param guestPorts guest TCP ports to forward besides SSH (validated: 1..65535, not 22, no duplicates)
     * @return the lease
     * @throws Exhausted when the range has too few free ports ({@link Exhausted#forExtraPorts()} when the SSH port
     *                   was found)
     */
    Lease lease(String vmId, List<Integer> guestPorts) throws Exhausted;

    /**
     * Releases the VM's SSH port and the ports of its other forwards.
     *
     * @param vmId the hypervisor's id of the VM
     * @return the SSH port it held, empty when it held none
     */
    OptionalInt release(String vmId);

    /**
     * Releases every assignment whose VM is not in {@code liveVmIds} (after a restart).
     *
     * @return the released assignments, VM id → port
     */
    Map<String, Integer> retainOnly(Set<String> liveVmIds);

    /** @return holder → port, every current assignment (a VM's id for its SSH, {@code <vm id>/<guest port>} for its other forwards) */
    Map<String, Integer> assignments();

    /** @return first port of the range */
    int firstPort();

    /** @return last port of the range, inclusive */
    int lastPort();

    /**
     * Reads the SSH host key a VM's guest presents on its forwarded port (so the requestor can pin it).
     *
     * @param host    where the forward listens
     * @param port    the forwarded port
     * @param timeout how long to wait for the guest's SSH server
     * @return the key's fingerprint as OpenSSH prints it ({@code SHA256:<base64>}), empty when none was read
     */
    Optional<String> hostKeyFingerprint(String host, int port, Duration timeout);
}
