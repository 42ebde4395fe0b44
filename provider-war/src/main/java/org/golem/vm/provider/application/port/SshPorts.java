package org.golem.vm.provider.application.port;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The host TCP ports forwarded to the VMs' SSH (QEMU hostfwd, or a forwarder for Multipass), one per VM, from a
 * configured range; assignments survive restarts.
 */
public interface SshPorts {

    /** Every port of the range is assigned or was released too recently to be reused. */
    final class Exhausted extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message which range */
        public Exhausted(String message) {
            super(message);
        }
    }

    /** A port held for a VM being created: {@link #keep()} once the VM exists, {@link #close()} to give it back. */
    interface Lease extends AutoCloseable {
        /** @return the port */
        int port();

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
    Lease lease(String vmId) throws Exhausted;

    /**
     * @param vmId the hypervisor's id of the VM
     * @return the port it held, empty when it held none
     */
    OptionalInt release(String vmId);

    /**
     * Releases every assignment whose VM is not in {@code liveVmIds} (after a restart).
     *
     * @return the released assignments, VM id → port
     */
    Map<String, Integer> retainOnly(Set<String> liveVmIds);

    /** @return VM id → port, every current assignment */
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
