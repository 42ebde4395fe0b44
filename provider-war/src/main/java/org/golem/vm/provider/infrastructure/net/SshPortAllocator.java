package org.golem.vm.provider.infrastructure.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands out host TCP ports for the VMs' forwards from a configured range, and remembers them: one per VM for its SSH
 * (holder = the VM's id) and one per extra guest TCP port the requestor asked for (holder = {@code <vm id>/<guest
 * port>}, see {@link #holder}). "VM id" below means the holder; {@link #release} and {@link #retainOnly} take the
 * VM's id and act on all of its holders.
 *
 * <p>Fixes the original's port manager (which kept its assignments in memory and started again from the first port
 * of the range): assignments ({@code vm id → port}) and the time each port was last released are kept in a
 * {@link Store} (the provider database, tables {@code ssh_ports} and {@code ssh_port_releases}) on every change, a
 * new allocator on the same store sees the same state after a restart, every port is verified free by a bind test
 * on the configured address before it is handed out, and {@link #release} (on delete and on failed creation, see
 * {@link #lease}) gives it back. A port whose VM no longer exists is reclaimed by the caller with {@link #release}
 * or {@link #retainOnly}.
 *
 * <p>The port handed out is the <em>least recently used</em> free one: ports never released first (lowest number
 * first), then the one released longest ago. A destroyed VM's port therefore goes to a new VM only when every other
 * port of the range is taken or was released later, and this holds across provider restarts, because the release
 * times are persisted: a requestor still holding the old VM's address (or its pinned host key) does not land on
 * another renter's VM while other ports are free.
 *
 * <p>Assignments outside the range (after an operator narrowed it) are kept: their VMs still use them.
 *
 * <p>Thread-safe (every public method is synchronized). One provider process per store: two processes sharing one
 * would overwrite each other's changes.
 */
public final class SshPortAllocator {

    /** First port of the default range, as in the original. */
    public static final int DEFAULT_FIRST_PORT = 50800;
    /** Last port of the default range (inclusive), as in the original ({@code [50800, 50900)}). */
    public static final int DEFAULT_LAST_PORT = 50899;

    private static final Logger LOG = Logger.getLogger(SshPortAllocator.class.getName());

    private final Store store;
    private final int firstPort;
    private final int lastPort;
    private final InetAddress bindAddress;
    /** vm id → port; persisted. */
    private final Map<String, Integer> byVm = new TreeMap<>();
    /** port → when it was last released (epoch ms, strictly increasing over releases); persisted. */
    private final Map<Integer, Long> releasedAt = new HashMap<>();
    /** The latest value in {@link #releasedAt} (0 when none). */
    private long lastRelease;

    /**
     * Opens an allocator on a store and loads its state (the provider keeps it in its database).
     *
     * @param store       where assignments and release times are loaded from and saved to on every change
     * @param firstPort   first port of the range (inclusive), 1..65535
     * @param lastPort    last port of the range (inclusive), ≥ firstPort
     * @param bindAddress the address the forwards listen on (bind tests use it); {@code 0.0.0.0} for all
     * @throws UncheckedIOException     when the store cannot be read (the operator must look: starting empty could
     *                                  hand a running VM's port to another)
     * @throws IllegalArgumentException for a bad range
     */
    public SshPortAllocator(Store store, int firstPort, int lastPort, InetAddress bindAddress) {
        this.store = Objects.requireNonNull(store, "store");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (firstPort < 1 || lastPort > 65535 || firstPort > lastPort) {
            throw new IllegalArgumentException("bad SSH port range " + firstPort + "-" + lastPort);
        }
        this.firstPort = firstPort;
        this.lastPort = lastPort;
        load();
    }

    /**
     * Assigns a port to a VM and persists the assignment: the least recently used free port of the range (never
     * released ones first, lowest number first; then the one released longest ago) that passes a bind test.
     * Idempotent: a VM that already has a port gets the same one back, without a bind test (its forward may be
     * listening there).
     *
     * @param vmId the VM's id
     * @return the port
     * @throws PortRangeExhaustedException when every port of the range is assigned or busy (API: 503)
     * @throws UncheckedIOException        when the store cannot be written (nothing is assigned then)
     */
    public synchronized int allocate(String vmId) throws PortRangeExhaustedException {
        Objects.requireNonNull(vmId, "vmId");
        Integer existing = byVm.get(vmId);
        if (existing != null) {
            return existing;
        }
        Set<Integer> assigned = new HashSet<>(byVm.values());
        int busy = 0;
        for (int port : freePortsLeastRecentlyUsedFirst(assigned)) {
            if (!isBindable(port)) {
                busy++;
                LOG.fine(() -> "SSH port " + port + " is in use by another program, skipped");
                continue;
            }
            byVm.put(vmId, port);
            try {
                save(Map.of());
            } catch (UncheckedIOException e) {
                byVm.remove(vmId);
                throw e;
            }
            LOG.fine(() -> "SSH port " + port + " assigned to VM " + vmId);
            return port;
        }
        throw new PortRangeExhaustedException(firstPort, lastPort,
                assigned.size() + " assigned, " + busy + " in use by other programs");
    }

    /** @return the range's ports not in {@code assigned}, never released ones first, then by release time */
    private List<Integer> freePortsLeastRecentlyUsedFirst(Set<Integer> assigned) {
        List<Integer> free = new ArrayList<>(lastPort - firstPort + 1);
        for (int port = firstPort; port <= lastPort; port++) {
            if (!assigned.contains(port)) {
                free.add(port);
            }
        }
        free.sort(Comparator.comparingLong((Integer port) -> releasedAt.getOrDefault(port, Long.MIN_VALUE))
                .thenComparingInt(port -> port));
        return free;
    }

    /**
     * Assigns a port for a VM being created and releases it again unless the creation succeeds:
     * <pre>{@code
     * try (SshPortAllocator.Lease lease = ports.lease(vmId)) {
     *     driver.create(spec(vmId, lease.port()));
     *     lease.keep();
     * }
     * }</pre>
     * A VM that already had a port keeps it either way.
     *
     * @param vmId the VM's id
     * @return the lease
     * @throws PortRangeExhaustedException when no port is free (API: 503)
     */
    public synchronized Lease lease(String vmId) throws PortRangeExhaustedException {
        return lease(vmId, List.of());
    }

    /**
     * Like {@link #lease(String)}, and also one port per guest TCP port (holder {@link #holder}{@code (vmId,
     * guestPort)}), all or nothing: when the range runs out part way, every port this call assigned is released
     * again before the exception is thrown.
     *
     * @param vmId       the VM's id
     * @param guestPorts guest TCP ports to forward besides SSH (1..65535, no duplicates), in the requestor's order
     * @return the lease on the SSH port and the extra ports
     * @throws PortRangeExhaustedException when the range runs out; {@link PortRangeExhaustedException#forExtraPorts()}
     *                                     tells whether the SSH port was found and only the extra ports failed
     */
    public synchronized Lease lease(String vmId, List<Integer> guestPorts) throws PortRangeExhaustedException {
        List<String> fresh = new ArrayList<>();
        if (!byVm.containsKey(vmId)) {
            fresh.add(vmId);
        }
        int ssh = allocate(vmId);
        Map<Integer, Integer> forwards = new LinkedHashMap<>();
        try {
            for (int guestPort : guestPorts) {
                String holder = holder(vmId, guestPort);
                if (!byVm.containsKey(holder)) {
                    fresh.add(holder);
                }
                forwards.put(guestPort, allocate(holder));
            }
        } catch (PortRangeExhaustedException e) {
            releaseHolders(fresh);
            throw e.forExtraPortsOf(vmId);
        } catch (RuntimeException e) {
            releaseHolders(fresh);
            throw e;
        }
        return new Lease(fresh, ssh, forwards);
    }

    /**
     * @param vmId      the VM's id
     * @param guestPort a guest TCP port forwarded besides SSH
     * @return the holder of that forward's host port: {@code <vmId>/<guestPort>}
     */
    public static String holder(String vmId, int guestPort) {
        return vmId + "/" + guestPort;
    }

    /** @return the VM id of a holder ({@code vm-1/80} → {@code vm-1}; {@code vm-1} → itself) */
    public static String vmIdOf(String holder) {
        int slash = holder.indexOf('/');
        return slash < 0 ? holder : holder.substring(0, slash);
    }

    /**
     * @param vmId the VM's id
     * @return its forwards besides SSH, guest port → host port, by guest port
     */
    public synchronized Map<Integer, Integer> forwardsOf(String vmId) {
        Map<Integer, Integer> forwards = new TreeMap<>();
        byVm.forEach((holder, port) -> {
            if (!holder.equals(vmId) && vmIdOf(holder).equals(vmId)) {
                forwards.put(Integer.parseInt(holder.substring(vmId.length() + 1)), port);
            }
        });
        return forwards;
    }

    private void releaseHolders(List<String> holders) {
        Map<String, Integer> released = new LinkedHashMap<>();
        for (String h : holders) {
            Integer port = byVm.get(h);
            if (port != null) {
                released.put(h, port);
            }
        }
        if (!released.isEmpty()) {
            releaseAll(released);
        }
    }

    /**
     * Releases a VM's SSH port and the ports of its other forwards, and persists the change with the time of the
     * release (the ports go to the back of the queue of free ports). Idempotent.
     *
     * @param vmId the VM's id
     * @return the released SSH port, or empty when the VM had none
     * @throws UncheckedIOException when the store cannot be written (the ports stay assigned then)
     */
    public synchronized OptionalInt release(String vmId) {
        Integer port = byVm.get(vmId);
        List<String> holders = byVm.keySet().stream().filter(h -> vmIdOf(h).equals(vmId)).toList();
        if (holders.isEmpty()) {
            return OptionalInt.empty();
        }
        releaseHolders(holders);
        LOG.fine(() -> "ports of VM " + vmId + " released: " + holders);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * Removes these assignments, records their release times and saves; all or nothing. A release time is the wall
     * clock in epoch ms, but at least 1 ms after the previous release, so the order of releases is strict (several
     * in one millisecond, a clock stepped back, a restart).
     */
    private void releaseAll(Map<String, Integer> released) {
        Map<Integer, Long> times = new LinkedHashMap<>();
        long t = lastRelease;
        for (int port : released.values()) {
            t = Math.max(System.currentTimeMillis(), t + 1);
            times.put(port, t);
        }
        released.keySet().forEach(byVm::remove);
        try {
            save(times);
        } catch (UncheckedIOException e) {
            byVm.putAll(released);
            throw e;
        }
        releasedAt.putAll(times);
        lastRelease = t;
    }

    /**
     * Releases the ports of every VM not in {@code liveVmIds} (reconciliation after a restart: VMs deleted while
     * the provider was down, or creations it crashed in).
     *
     * @param liveVmIds ids of the VMs that still exist
     * @return the released assignments ({@code holder → port}; a VM's extra forwards as {@code <vm id>/<guest port>})
     */
    public synchronized Map<String, Integer> retainOnly(Set<String> liveVmIds) {
        Map<String, Integer> released = new LinkedHashMap<>();
        byVm.forEach((vm, port) -> {
            if (!liveVmIds.contains(vmIdOf(vm))) {
                released.put(vm, port);
            }
        });
        if (!released.isEmpty()) {
            releaseAll(released);
            LOG.info(() -> "SSH ports of vanished VMs released: " + released);
        }
        return released;
    }

    /**
     * @param vmId the VM's id
     * @return its port, or empty
     */
    public synchronized OptionalInt portOf(String vmId) {
        Integer port = byVm.get(vmId);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** @return a snapshot of every assignment, {@code vm id → port}, sorted by vm id */
    public synchronized Map<String, Integer> assignments() {
        return Collections.unmodifiableMap(new TreeMap<>(byVm));
    }

    /** @return first port of the range (inclusive) */
    public int firstPort() {
        return firstPort;
    }

    /** @return last port of the range (inclusive) */
    public int lastPort() {
        return lastPort;
    }

    /** @return the address forwards bind to and bind tests use */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** @return where the assignments are kept */
    public Store store() {
        return store;
    }

    /**
     * Bind test: can a listener (with {@code SO_REUSEADDR}, like the forwarders and QEMU's) bind this port on
     * the configured address right now?
     *
     * @param port a TCP port
     * @return true when the bind succeeded (the socket is closed again at once)
     */
    public boolean isBindable(int port) {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(bindAddress, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void load() {
        State loaded;
        try {
            loaded = store.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SSH port state " + store + " (fix or remove it; VMs may be "
                    + "using the ports it lists): " + e.getMessage(), e);
        }
        Set<Integer> seen = new HashSet<>();
        loaded.assignments().forEach((vm, port) -> {
            if (port == null || port < 1 || port > 65535 || !seen.add(port)) {
                LOG.warning(() -> "ignoring bad or duplicate SSH port entry " + vm + " → " + port + " in " + store);
                return;
            }
            byVm.put(vm, port);
        });
        releasedAt.putAll(loaded.releasedAt());
        lastRelease = releasedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (!byVm.isEmpty()) {
            LOG.info(() -> "restored " + byVm.size() + " SSH port assignment(s) from " + store);
        }
    }

    private void save(Map<Integer, Long> released) {
        try {
            store.save(new TreeMap<>(byVm), released);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot write SSH port state " + store, e);
            throw new UncheckedIOException("cannot write SSH port state " + store + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a {@link Store} holds.
     *
     * @param assignments vm id → port
     * @param releasedAt  port → when it was last released (epoch ms); ports never released absent
     */
    public record State(Map<String, Integer> assignments, Map<Integer, Long> releasedAt) {
        /** Copies both maps. */
        public State {
            assignments = Map.copyOf(assignments);
            releasedAt = Map.copyOf(releasedAt);
        }
    }

    /** Where assignments and release times live between restarts. */
    public interface Store {
        /**
         * @return the saved state (empty maps when nothing was saved yet)
         * @throws IOException when the store cannot be read or is malformed
         */
        State load() throws IOException;

        /**
         * Replaces the saved assignments and records the given releases, atomically (a crash leaves the old or the
         * new state, never a mix). Release times of other ports stay as they are.
         *
         * @param assignments vm id → port, all of them
         * @param released    port → release time (epoch ms) of the ports this change released; often empty
         * @throws IOException when they cannot be written
         */
        void save(Map<String, Integer> assignments, Map<Integer, Long> released) throws IOException;
    }

    /**
     * The ports assigned for a creation in progress (SSH, and the extra forwards); those this lease assigned are
     * released on {@link #close} unless {@link #keep} was called.
     */
    public final class Lease implements AutoCloseable {
        private final List<String> fresh;
        private final int port;
        private final Map<Integer, Integer> forwards;
        private boolean kept;

        private Lease(List<String> fresh, int port, Map<Integer, Integer> forwards) {
            this.fresh = List.copyOf(fresh);
            this.port = port;
            this.forwards = Collections.unmodifiableMap(new LinkedHashMap<>(forwards));
        }

        /** @return the leased SSH port */
        public int port() {
            return port;
        }

        /** @return the extra forwards, guest port → host port, in the order asked for */
        public Map<Integer, Integer> forwards() {
            return forwards;
        }

        /** The creation succeeded: the assignment stays. */
        public void keep() {
            kept = true;
        }

        /** Releases the ports unless {@link #keep} was called; ports the VM had before the lease stay. */
        @Override
        public void close() {
            if (!kept) {
                synchronized (SshPortAllocator.this) {
                    releaseHolders(fresh);
                }
            }
        }
    }
}
