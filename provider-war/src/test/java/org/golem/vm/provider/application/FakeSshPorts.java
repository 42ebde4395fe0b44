package org.golem.vm.provider.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.golem.vm.provider.application.port.SshPorts;
import org.golem.vm.provider.domain.vm.Hostfwd;

/**
 * {@link SshPorts} in memory: a small range, lowest free port first, no bind test, a fixed host key; a VM's extra
 * forwards are held as {@code <vm id>/<guest port>}, all or nothing.
 */
final class FakeSshPorts implements SshPorts {
    static final String HOST_KEY = "SHA256:test-host-key";

    final Map<String, Integer> assigned = new TreeMap<>();
    final int first;
    int last;

    FakeSshPorts(int first, int last) {
        this.first = first;
        this.last = last;
    }

    @Override
    public synchronized Lease lease(String vmId, List<Integer> guestPorts) throws Exhausted {
        Integer existing = assigned.get(vmId);
        int port = existing != null ? existing : free();
        assigned.put(vmId, port);
        List<Hostfwd> forwards = new ArrayList<>();
        for (int guestPort : guestPorts) {
            try {
                int host = free();
                assigned.put(vmId + "/" + guestPort, host);
                forwards.add(new Hostfwd(guestPort, host));
            } catch (Exhausted e) {
                release(vmId);
                throw new Exhausted(e.getMessage(), true);
            }
        }
        return new Lease() {
            private boolean kept;

            @Override
            public int port() {
                return port;
            }

            @Override
            public List<Hostfwd> forwards() {
                return List.copyOf(forwards);
            }

            @Override
            public void keep() {
                kept = true;
            }

            @Override
            public void close() {
                if (!kept) {
                    release(vmId);
                }
            }
        };
    }

    private int free() throws Exhausted {
        for (int p = first; p <= last; p++) {
            if (!assigned.containsValue(p)) {
                return p;
            }
        }
        throw new Exhausted("every port of " + first + "-" + last + " is assigned");
    }

    @Override
    public synchronized OptionalInt release(String vmId) {
        assigned.keySet().removeIf(h -> h.startsWith(vmId + "/"));
        Integer p = assigned.remove(vmId);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    @Override
    public synchronized Map<String, Integer> retainOnly(Set<String> liveVmIds) {
        Map<String, Integer> gone = new TreeMap<>(assigned);
        gone.keySet().removeIf(h -> liveVmIds.contains(h.split("/")[0]));
        assigned.keySet().removeAll(gone.keySet());
        return gone;
    }

    @Override
    public synchronized Map<String, Integer> assignments() {
        return Map.copyOf(assigned);
    }

    @Override
    public int firstPort() {
        return first;
    }

    @Override
    public int lastPort() {
        return last;
    }

    @Override
    public Optional<String> hostKeyFingerprint(String host, int port, Duration timeout) {
        return Optional.of(HOST_KEY);
    }
}
