package org.golem.vm.provider.infrastructure.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshPortAllocatorTest {

    @TempDir
    Path dir;
    Path file;
    int first;

    @BeforeEach
    void setUp() {
        file = dir.resolve("data").resolve("ssh-ports.json");
        first = TestPorts.freeBlock(5);
    }

    private SshPortAllocator allocator(int size) {
        return new SshPortAllocator(file, first, first + size - 1, TestPorts.loopback());
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
        assertEquals("{ }", Files.readString(file).trim());
        assertEquals(Map.of(), allocator(5).assignments());
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

        SshPortAllocator after = allocator(5);
        assertEquals(Map.of("vm-a", a, "vm-b", b, "vm-c", c), after.assignments());
        assertEquals(a, after.allocate("vm-a"), "idempotent for a VM that has a port");
        int d = after.allocate("vm-d");
        assertFalse(Set.of(a, b, c).contains(d));

        assertEquals(Map.of("vm-b", b, "vm-d", d), after.retainOnly(Set.of("vm-a", "vm-c")));
        assertEquals(Map.of("vm-a", a, "vm-c", c), allocator(5).assignments());
        assertEquals(OptionalInt.of(a), after.release("vm-a"));
        assertEquals(OptionalInt.empty(), after.release("vm-a"));
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
    void roundRobinDoesNotReuseAJustReleasedPortAtOnce() throws Exception {
        SshPortAllocator ports = allocator(3);
        int a = ports.allocate("vm-a");
        ports.release("vm-a");
        assertNotEquals(a, ports.allocate("vm-b"));
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
    void corruptStateFileIsAnErrorNotAnEmptyStart() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ not json");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> allocator(3));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
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
        assertTrue(allocator(size).assignments().isEmpty());
    }
}
