package org.golem.vm.provider.infrastructure.sshport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.golem.vm.provider.application.port.SshPorts;
import org.golem.vm.provider.domain.vm.Hostfwd;
import org.golem.vm.provider.infrastructure.net.HostKeyProbe;
import org.golem.vm.provider.infrastructure.net.PortRangeExhaustedException;
import org.golem.vm.provider.infrastructure.net.SshPortAllocator;
import org.golem.vm.provider.infrastructure.vm.Hypervisor;

/**
 * The {@link SshPorts} port on the hypervisor's {@link SshPortAllocator} (range and bind address from settings,
 * assignments in the local database's {@code ssh_ports} tables, a bind test before a port is handed out).
 */
@ApplicationScoped
public class AllocatorSshPorts implements SshPorts {

    @Inject
    Hypervisor hypervisor;

    @Override
    public Lease lease(String vmId, List<Integer> guestPorts) throws Exhausted {
        SshPortAllocator.Lease lease;
        try {
            lease = hypervisor.ports().lease(vmId, guestPorts);
        } catch (PortRangeExhaustedException e) {
            throw new Exhausted(e.getMessage(), e.forExtraPorts());
        }
        List<Hostfwd> forwards = lease.forwards().entrySet().stream()
                .map(f -> new Hostfwd(f.getKey(), f.getValue())).toList();
        return new Lease() {
            @Override
            public int port() {
                return lease.port();
            }

            @Override
            public List<Hostfwd> forwards() {
                return forwards;
            }

            @Override
            public void keep() {
                lease.keep();
            }

            @Override
            public void close() {
                lease.close();
            }
        };
    }

    @Override
    public OptionalInt release(String vmId) {
        return hypervisor.ports().release(vmId);
    }

    @Override
    public Map<String, Integer> retainOnly(Set<String> liveVmIds) {
        return hypervisor.ports().retainOnly(liveVmIds);
    }

    @Override
    public Map<String, Integer> assignments() {
        return hypervisor.ports().assignments();
    }

    @Override
    public int firstPort() {
        return hypervisor.ports().firstPort();
    }

    @Override
    public int lastPort() {
        return hypervisor.ports().lastPort();
    }

    @Override
    public Optional<String> hostKeyFingerprint(String host, int port, Duration timeout) {
        return HostKeyProbe.fingerprint(host, port, timeout);
    }
}
