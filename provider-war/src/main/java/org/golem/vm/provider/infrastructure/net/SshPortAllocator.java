package org.golem.vm.provider.infrastructure.net;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands out host TCP ports for the VMs' SSH forwards from a configured range, and remembers them.
 *
 * <p>Fixes the original's port manager (spec/provider.md §4.7, §12 #6): assignments ({@code vm id → port}) are
 * persisted in a small JSON file in the provider's data directory on every change (written to a temporary file
 * and moved into place, so a crash never leaves a half-written file), a new allocator on the same file sees the
 * same assignments after a restart, every port is verified free by a bind test on the configured address before
 * it is handed out, and {@link #release} (on delete and on failed creation, see {@link #lease}) gives it back.
 * A port whose VM no longer exists is reclaimed by the caller with {@link #release} or {@link #retainOnly}.
 *
 * <p>Ports are picked round-robin (the scan starts after the last port handed out), so a port just released is
 * not given to the next VM at once: a requestor still holding the old VM's address does not land on a new VM.
 *
 * <p>Assignments outside the range (after an operator narrowed it) are kept: their VMs still use them.
 *
 * <p>Thread-safe (every public method is synchronized). One provider process per data directory: two processes
 * sharing a file would overwrite each other's changes.
 */
public final class SshPortAllocator {

    /** First port of the default range, as in the original. */
    public static final int DEFAULT_FIRST_PORT = 50800;
    /** Last port of the default range (inclusive), as in the original ({@code [50800, 50900)}). */
    public static final int DEFAULT_LAST_PORT = 50899;
    /** File name used by {@link #inDataDir}. */
    public static final String DEFAULT_FILE_NAME = "ssh-ports.json";

    private static final Logger LOG = Logger.getLogger(SshPortAllocator.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Store store;
    private final int firstPort;
    private final int lastPort;
    private final InetAddress bindAddress;
    /** vm id → port; the persisted state. */
    private final Map<String, Integer> byVm = new TreeMap<>();
    private int cursor;

    /**
     * Opens (or creates on first change) the state file and loads its assignments.
     *
     * @param file        the JSON state file, e.g. {@code ~/.golem/provider/ssh-ports.json}; its directory is
     *                    created when missing
     * @param firstPort   first port of the range (inclusive), 1..65535
     * @param lastPort    last port of the range (inclusive), ≥ firstPort
     * @param bindAddress the address the forwards listen on (bind tests use it); {@code 0.0.0.0} for all
     * @throws UncheckedIOException     when the file exists but cannot be read or is not a JSON object of
     *                                  {@code "vm-id": port} (the operator must look: starting empty could hand
     *                                  a running VM's port to another)
     * @throws IllegalArgumentException for a bad range
     */
    public SshPortAllocator(Path file, int firstPort, int lastPort, InetAddress bindAddress) {
        this(new FileStore(file), firstPort, lastPort, bindAddress);
    }

    /**
     * Opens an allocator on any store of assignments (the provider keeps them in its database).
     *
     * @param store       where assignments are loaded from and saved to on every change
     * @param firstPort   first port of the range (inclusive), 1..65535
     * @param lastPort    last port of the range (inclusive), ≥ firstPort
     * @param bindAddress the address the forwards listen on (bind tests use it); {@code 0.0.0.0} for all
     * @throws UncheckedIOException     when the store cannot be read
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
        this.cursor = firstPort;
        load();
    }

    /**
     * The default allocator: {@value #DEFAULT_FILE_NAME} in {@code dataDir}, range
     * {@value #DEFAULT_FIRST_PORT}-{@value #DEFAULT_LAST_PORT}, bind tests on all addresses.
     *
     * @param dataDir the provider's data directory
     * @return the allocator
     */
    public static SshPortAllocator inDataDir(Path dataDir) {
        try {
            return new SshPortAllocator(dataDir.resolve(DEFAULT_FILE_NAME), DEFAULT_FIRST_PORT, DEFAULT_LAST_PORT,
                    InetAddress.getByName("0.0.0.0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Assigns a port to a VM and persists the assignment. Idempotent: a VM that already has a port gets the
     * same one back, without a bind test (its forward may be listening there).
     *
     * @param vmId the VM's id
     * @return the port
     * @throws PortRangeExhaustedException when every port of the range is assigned or busy (API: 503)
     * @throws UncheckedIOException        when the state file cannot be written (nothing is assigned then)
     */
    public synchronized int allocate(String vmId) throws PortRangeExhaustedException {
        Objects.requireNonNull(vmId, "vmId");
        Integer existing = byVm.get(vmId);
        if (existing != null) {
            return existing;
        }
        Set<Integer> assigned = new HashSet<>(byVm.values());
        int size = lastPort - firstPort + 1;
        int busy = 0;
        for (int i = 0; i < size; i++) {
            int port = firstPort + Math.floorMod(cursor - firstPort + i, size);
            if (assigned.contains(port)) {
                continue;
            }
            if (!isBindable(port)) {
                busy++;
                LOG.fine(() -> "SSH port " + port + " is in use by another program, skipped");
                continue;
            }
            byVm.put(vmId, port);
            try {
                save();
            } catch (UncheckedIOException e) {
                byVm.remove(vmId);
                throw e;
            }
            cursor = port + 1 > lastPort ? firstPort : port + 1;
            LOG.fine(() -> "SSH port " + port + " assigned to VM " + vmId);
            return port;
        }
        throw new PortRangeExhaustedException(firstPort, lastPort,
                assigned.size() + " assigned, " + busy + " in use by other programs");
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
        boolean fresh = !byVm.containsKey(vmId);
        return new Lease(vmId, allocate(vmId), fresh);
    }

    /**
     * Releases a VM's port and persists the change. Idempotent.
     *
     * @param vmId the VM's id
     * @return the released port, or empty when the VM had none
     * @throws UncheckedIOException when the state file cannot be written (the port stays assigned then)
     */
    public synchronized OptionalInt release(String vmId) {
        Integer port = byVm.remove(vmId);
        if (port == null) {
            return OptionalInt.empty();
        }
        try {
            save();
        } catch (UncheckedIOException e) {
            byVm.put(vmId, port);
            throw e;
        }
        LOG.fine(() -> "SSH port " + port + " released by VM " + vmId);
        return OptionalInt.of(port);
    }

    /**
     * Releases the ports of every VM not in {@code liveVmIds} (reconciliation after a restart: VMs deleted while
     * the provider was down, or creations it crashed in).
     *
     * @param liveVmIds ids of the VMs that still exist
     * @return the released assignments ({@code vm id → port})
     */
    public synchronized Map<String, Integer> retainOnly(Set<String> liveVmIds) {
        Map<String, Integer> released = new LinkedHashMap<>();
        byVm.forEach((vm, port) -> {
            if (!liveVmIds.contains(vm)) {
                released.put(vm, port);
            }
        });
        if (!released.isEmpty()) {
            released.keySet().forEach(byVm::remove);
            try {
                save();
            } catch (UncheckedIOException e) {
                byVm.putAll(released);
                throw e;
            }
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
        Map<String, Integer> loaded;
        try {
            loaded = store.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SSH port state " + store + " (fix or remove it; VMs may be "
                    + "using the ports it lists): " + e.getMessage(), e);
        }
        Set<Integer> seen = new HashSet<>();
        loaded.forEach((vm, port) -> {
            if (port == null || port < 1 || port > 65535 || !seen.add(port)) {
                LOG.warning(() -> "ignoring bad or duplicate SSH port entry " + vm + " → " + port + " in " + store);
                return;
            }
            byVm.put(vm, port);
        });
        if (!byVm.isEmpty()) {
            LOG.info(() -> "restored " + byVm.size() + " SSH port assignment(s) from " + store);
        }
    }

    private void save() {
        try {
            store.save(new TreeMap<>(byVm));
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot write SSH port state " + store, e);
            throw new UncheckedIOException("cannot write SSH port state " + store + ": " + e.getMessage(), e);
        }
    }

    /** Where assignments ({@code vm id → port}) live between restarts. */
    public interface Store {
        /**
         * @return the saved assignments (empty when nothing was saved yet)
         * @throws IOException when the store exists but cannot be read or is malformed
         */
        Map<String, Integer> load() throws IOException;

        /**
         * Replaces the saved assignments, atomically (a crash leaves the old or the new set, never a mix).
         *
         * @param assignments vm id → port
         * @throws IOException when they cannot be written
         */
        void save(Map<String, Integer> assignments) throws IOException;
    }

    /** A JSON object file {@code {"vm-id": port}}, written to a temporary file and moved into place. */
    public static final class FileStore implements Store {
        private final Path file;

        /** @param file the JSON state file; its directory is created when missing */
        public FileStore(Path file) {
            this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        }

        @Override
        public Map<String, Integer> load() throws IOException {
            if (!Files.exists(file)) {
                return Map.of();
            }
            Map<String, Integer> loaded = MAPPER.readValue(file.toFile(), new TypeReference<Map<String, Integer>>() { });
            if (loaded == null) {
                throw new IOException(file + " is not a JSON object");
            }
            return loaded;
        }

        @Override
        public void save(Map<String, Integer> assignments) throws IOException {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(tmp.toFile(), new TreeMap<>(assignments));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /** A port assigned for a creation in progress; released on {@link #close} unless {@link #keep} was called. */
    public final class Lease implements AutoCloseable {
        private final String vmId;
        private final int port;
        private final boolean fresh;
        private boolean kept;

        private Lease(String vmId, int port, boolean fresh) {
            this.vmId = vmId;
            this.port = port;
            this.fresh = fresh;
        }

        /** @return the leased port */
        public int port() {
            return port;
        }

        /** The creation succeeded: the assignment stays. */
        public void keep() {
            kept = true;
        }

        /** Releases the port unless {@link #keep} was called or the VM had it before the lease. */
        @Override
        public void close() {
            if (!kept && fresh) {
                release(vmId);
            }
        }
    }
}
