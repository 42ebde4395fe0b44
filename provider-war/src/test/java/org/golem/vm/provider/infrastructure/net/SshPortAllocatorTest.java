package org.golem.vm.provider.infrastructure.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.golem.vm.provider.infrastructure.persistence.JdbcPortStore;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH port allocator on the provider's own store: {@link JdbcPortStore} on an H2 database file (the provider's
 * default database) with the provider's Flyway migrations. A "restart" closes every connection (the database file
 * is closed) and opens a new allocator on the same file, as a restarted provider does.
 */
class SshPortAllocatorTest {

    @TempDir
    Path dir;
    int first;
    JdbcConnectionPool db;

    @BeforeEach
    void setUp() {
        first = TestPorts.freeBlock(5);
        db = open(dir);
        Flyway.configure().dataSource(db).locations("classpath:db/migration/provider").load().migrate();
    }

    @AfterEach
    void closeDatabase() {
        db.dispose();
    }

    private static JdbcConnectionPool open(Path dir) {
        return JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("provider") + ";DB_CLOSE_ON_EXIT=FALSE",
                "golem", "golem");
    }

    private SshPortAllocator allocator(int size) {
        return new SshPortAllocator(new JdbcPortStore(db), first, first + size - 1, TestPorts.loopback());
    }

    /** Closes the database file and opens it again: what a provider restart does to the allocator's state. */
    private SshPortAllocator restart(int size) {
        db.dispose();
        db = open(dir);
        return allocator(size);
    }

    @Test
    void hundredCreateDeleteCyclesLeakNothing() throws Exception {
        SshPortAllocator ports = allocator(5);
        for (int i = 0; i < 100; i++) {
            String vm = "vm-" + i;
            try (SshPortAllocator.Lease lease = ports.lease(vm)) {
                int port = lease.port();
                assertTrue(port >= first && port < first + 5);
                if (i % 3 == 0) {
                    continue; // failed creation: the lease releases the port
                }
                try (ServerSocket forward = new ServerSocket()) { // the VM's forward listens there
                    forward.setReuseAddress(true);
                    forward.bind(new InetSocketAddress(TestPorts.loopback(), port));
                }
                lease.keep();
            }
            if (i % 3 != 0) {
                assertTrue(ports.portOf(vm).isPresent());
                assertTrue(ports.release(vm).isPresent());
            }
            assertTrue(ports.assignments().isEmpty(), "leak after cycle " + i);
        }
        assertEquals(Map.of(), ports.assignments());
        assertEquals(Map.of(), restart(5).assignments());
        for (int p = first; p < first + 5; p++) {
            assertTrue(TestPorts.bindable(p), "port " + p + " not bindable");
        }
    }

    @Test
    void restartRestoresAssignmentsAndVanishedVmsCanBeReclaimed() throws Exception {
        SshPortAllocator before = allocator(5);
        int a = before.allocate("vm-a");
        int b = before.allocate("vm-b");
        int c = before.allocate("vm-c");
        assertEquals(3, Set.of(a, b, c).size());

        SshPortAllocator after = restart(5);
        assertEquals(Map.of("vm-a", a, "vm-b", b, "vm-c", c), after.assignments());
        assertEquals(a, after.allocate("vm-a"), "idempotent for a VM that has a port");
        int d = after.allocate("vm-d");
        assertFalse(Set.of(a, b, c).contains(d));

        assertEquals(Map.of("vm-b", b, "vm-d", d), after.retainOnly(Set.of("vm-a", "vm-c")));
        SshPortAllocator third = restart(5);
        assertEquals(Map.of("vm-a", a, "vm-c", c), third.assignments());
        assertEquals(OptionalInt.of(a), third.release("vm-a"));
        assertEquals(OptionalInt.empty(), third.release("vm-a"));
    }

    @Test
    void guestPortsAreLeasedWithTheSshPortKeptAcrossRestartsAndReleasedWithIt() throws Exception {
        SshPortAllocator ports = allocator(5);
        try (SshPortAllocator.Lease lease = ports.lease("vm-a", List.of(80, 443))) {
            assertEquals(first, lease.port());
            assertEquals(Map.of(80, first + 1, 443, first + 2), lease.forwards());
            assertEquals(List.of(80, 443), List.copyOf(lease.forwards().keySet()), "in the order asked for");
            lease.keep();
        }
        int b = ports.allocate("vm-b");

        SshPortAllocator after = restart(5);
        assertEquals(Map.of(80, first + 1, 443, first + 2), after.forwardsOf("vm-a"));
        assertEquals(Map.of(), after.forwardsOf("vm-b"));
        assertEquals(Map.of("vm-b", b), after.retainOnly(Set.of("vm-a")));

        assertEquals(OptionalInt.of(first), after.release("vm-a"));
        assertEquals(Map.of(), after.assignments(), "the guest ports go with the SSH port");
    }

    @Test
    void whenGuestPortsRunOutTheLeaseTakesNothing() throws Exception {
        SshPortAllocator ports = allocator(3);
        int a = ports.allocate("vm-a");

        PortRangeExhaustedException e = assertThrows(PortRangeExhaustedException.class,
                () -> ports.lease("vm-b", List.of(80, 443)));

        assertTrue(e.forExtraPorts(), e.getMessage());
        assertEquals(Map.of("vm-a", a), ports.assignments(), "neither vm-b's SSH port nor its port 80 stays");
        SshPortAllocator again = restart(3);
        assertEquals(Map.of("vm-a", a), again.assignments());
        again.allocate("vm-c");
        again.allocate("vm-d");
        PortRangeExhaustedException ssh = assertThrows(PortRangeExhaustedException.class,
                () -> again.lease("vm-e", List.of(80)));
        assertFalse(ssh.forExtraPorts(), "no SSH port at all: " + ssh.getMessage());
    }

    @Test
    void portHeldByForeignListenerIsSkipped() throws Exception {
        try (ServerSocket foreign = new ServerSocket()) {
            foreign.bind(new InetSocketAddress(TestPorts.loopback(), first));
            SshPortAllocator ports = allocator(2);
            assertEquals(first + 1, ports.allocate("vm-a"));
            PortRangeExhaustedException e = assertThrows(PortRangeExhaustedException.class,
                    () -> ports.allocate("vm-b"));
            assertTrue(e.getMessage().contains("1 assigned, 1 in use by other programs"), e.getMessage());
            assertEquals(first, e.firstPort());
            assertEquals(first + 1, e.lastPort());
        }
        assertTrue(TestPorts.bindable(first));
    }

    @Test
    void exhaustedRangeFailsClearlyAndRecoversAfterRelease() throws Exception {
        SshPortAllocator ports = allocator(2);
        ports.allocate("vm-a");
        int b = ports.allocate("vm-b");
        assertThrows(PortRangeExhaustedException.class, () -> ports.allocate("vm-c"));
        assertEquals(Map.of("vm-a", first, "vm-b", b), ports.assignments(), "failed allocation leaves no trace");
        ports.release("vm-b");
        assertEquals(b, ports.allocate("vm-c"));
    }

    @Test
    void aReleasedPortWaitsUntilEveryOtherPortWasUsed() throws Exception {
        SshPortAllocator ports = allocator(3);
        int a = ports.allocate("vm-a");
        ports.release("vm-a");
        int b = ports.allocate("vm-b");
        int c = ports.allocate("vm-c");
        assertEquals(Set.of(first + 1, first + 2), Set.of(b, c), "never used ports before the released one");
        ports.release("vm-c");
        ports.release("vm-b");
        assertEquals(a, ports.allocate("vm-d"), "then the port released longest ago");
        assertEquals(c, ports.allocate("vm-e"));
        assertEquals(b, ports.allocate("vm-f"));
    }

    @Test
    void afterARestartADestroyedVmsPortIsNotHandedOutWhileOthersAreFree() throws Exception {
        SshPortAllocator before = allocator(5);
        int a = before.allocate("vm-a");
        int b = before.allocate("vm-b");
        before.allocate("vm-c");
        before.release("vm-a");

        SshPortAllocator after = restart(5);
        int d = after.allocate("vm-d");
        int e = after.allocate("vm-e");
        assertEquals(Set.of(first + 3, first + 4), Set.of(d, e), "the ports never used come first, not " + a);
        after.release("vm-b");
        after.release("vm-d");

        SshPortAllocator again = restart(5);
        assertEquals(a, again.allocate("vm-f"), "released longest ago (before the first restart)");
        assertEquals(b, again.allocate("vm-g"));
        assertEquals(d, again.allocate("vm-h"));
        assertThrows(PortRangeExhaustedException.class, () -> again.allocate("vm-i"));
    }

    @Test
    void portsReleasedForVanishedVmsQueueBehindTheFreeOnes() throws Exception {
        SshPortAllocator ports = allocator(3);
        int a = ports.allocate("vm-a");
        int b = ports.allocate("vm-b");
        SshPortAllocator after = restart(3);
        assertEquals(Map.of("vm-a", a), after.retainOnly(Set.of("vm-b")));
        assertEquals(first + 2, after.allocate("vm-c"));
        after.release("vm-b");
        assertEquals(a, restart(3).allocate("vm-d"));
        assertEquals(b, allocator(3).allocate("vm-e"), "the store is written at once: a second allocator agrees");
    }

    @Test
    void assignmentsMadeBeforeTheUpgradeAreKept() throws Exception {
        db.dispose();
        Path old = dir.resolve("old");
        db = open(old);
        Flyway.configure().dataSource(db).locations("classpath:db/migration/provider").target("1").load().migrate();
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ssh_ports (vm_id, port) VALUES ('vm-old', " + first + ")");
        }
        Flyway.configure().dataSource(db).locations("classpath:db/migration/provider").load().migrate();
        SshPortAllocator ports = allocator(3);
        assertEquals(Map.of("vm-old", first), ports.assignments());
        assertEquals(first + 1, ports.allocate("vm-new"));
        ports.release("vm-old");
        assertEquals(first + 2, ports.allocate("vm-newer"));
    }

    @Test
    void leaseForAVmThatAlreadyHasAPortDoesNotReleaseIt() throws Exception {
        SshPortAllocator ports = allocator(3);
        int a = ports.allocate("vm-a");
        try (SshPortAllocator.Lease lease = ports.lease("vm-a")) {
            assertEquals(a, lease.port());
        }
        assertEquals(OptionalInt.of(a), ports.portOf("vm-a"));
    }

    @Test
    void unreadableStoreIsAnErrorNotAnEmptyStart() throws Exception {
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.executeUpdate("DROP TABLE ssh_port_releases");
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> allocator(3));
        assertTrue(e.getMessage().contains("ssh_port_releases"), e.getMessage());
    }

    @Test
    void concurrentAllocationsNeverShareAPort() throws Exception {
        int size = 20;
        first = TestPorts.freeBlock(size);
        SshPortAllocator ports = allocator(size);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<Integer, String> owners = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    String vm = "vm-" + thread + "-" + i;
                    int port = ports.allocate(vm);
                    String previous = owners.putIfAbsent(port, vm);
                    assertEquals(null, previous, "port " + port + " given to " + vm + " and " + previous);
                    owners.remove(port, vm);
                    ports.release(vm);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(ports.assignments().isEmpty());
        assertTrue(restart(size).assignments().isEmpty());
    }
}
