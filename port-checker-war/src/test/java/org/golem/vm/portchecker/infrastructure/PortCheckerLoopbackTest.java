package org.golem.vm.portchecker.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.common.wire.CheckPortsResponse;
import org.golem.vm.common.wire.PortCheckResult;
import org.golem.vm.portchecker.application.PortChecker;
import org.golem.vm.portchecker.application.port.PortProber;
import org.golem.vm.portchecker.config.PortCheckerSettings;
import org.golem.vm.portchecker.domain.CheckTarget;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;
import org.golem.vm.portchecker.domain.PortCheckReport;
import org.golem.vm.portchecker.domain.PortProbe;
import org.golem.vm.common.rest.DomainExceptionMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sockets on the loopback interface: open listeners and closed (refusing) ports. */
class PortCheckerLoopbackTest {

    private static final InetAddress LOOPBACK = IpLiteral.parse("127.0.0.1");

    /** Loopback needs private targets allowed; fast failure settings so a wrong retry would show. */
    private static final PortCheckerSettings LOCAL = PortCheckerSettings.builder()
            .allowPrivateTargets(true).retries(3).timeoutSeconds(1.0).retryDelaySeconds(1.0)
            .rateLimitPerMinute(0).build();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private PortChecker checker(PortCheckerSettings settings) {
        PortChecker checker = new PortChecker(settings, new SocketPortProber(settings));
        resources.add(checker);
        return checker;
    }

    private ServerSocket listen(InetAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(address, 0), 200);
        resources.add(server);
        return server;
    }

    /** Ports that were free a moment ago: bound, then closed, so a connect is refused. */
    private static List<Integer> closedPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, LOOPBACK);
                sockets.add(s);
                ports.add(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
        return ports;
    }

    @Test
    void openPortIsAccessibleAtFirstAttempt() throws Exception {
        ServerSocket server = listen(LOOPBACK);
        PortCheckReport report = checker(LOCAL).checkWithDetails(
                new CheckPortsRequest("127.0.0.1", List.of(server.getLocalPort())), LOOPBACK);
        PortProbe probe = report.probe(server.getLocalPort());
        assertTrue(probe.accessible());
        assertNull(probe.error());
        assertEquals(1, probe.attempts());

        CheckPortsResponse response = report.toResponse();
        assertTrue(response.success());
        assertEquals(PortCheckResult.open(), response.results().get(server.getLocalPort()));
        assertEquals("Successfully verified 1 out of 1 ports", response.message());
    }

    @Test
    void openPortOnIpv6Loopback() throws Exception {
        InetAddress v6 = IpLiteral.parse("::1");
        ServerSocket server;
        try {
            server = listen(v6);
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e);
            return;
        }
        CheckPortsResponse response = checker(LOCAL).check(
                new CheckPortsRequest("::1", List.of(server.getLocalPort())), v6);
        assertTrue(response.results().get(server.getLocalPort()).accessible());
    }

    @Test
    void hundredClosedPortsAreRefusedOnceEachAndQuickly() throws Exception {
        List<Integer> ports = closedPorts(100);
        PortChecker checker = checker(LOCAL);
        // retries=3 with a 1 s delay: had a refusal been retried, this would take >= 2 s
        PortCheckReport report = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> checker.checkWithDetails(new CheckPortsRequest("127.0.0.1", ports), LOOPBACK));
        assertEquals(100, report.probes().size());
        for (PortProbe probe : report.probes()) {
            assertFalse(probe.accessible(), "port " + probe.port());
            assertEquals(PortCheckResult.REFUSED, probe.error(), "port " + probe.port());
            assertEquals(1, probe.attempts(), "a refusal is a definite answer: port " + probe.port());
        }
        CheckPortsResponse response = report.toResponse();
        assertFalse(response.success());
        assertEquals("Successfully verified 0 out of 100 ports", response.message());
        assertEquals(ports, new ArrayList<>(response.results().keySet()), "request order kept");
    }

    @Test
    void mixedRequestWithDuplicates() throws Exception {
        int open = listen(LOOPBACK).getLocalPort();
        int closed = closedPorts(1).get(0);
        CheckPortsResponse response = checker(LOCAL).check(
                new CheckPortsRequest("127.0.0.1", List.of(open, closed, open)), LOOPBACK);
        assertTrue(response.success(), "success = at least one accessible");
        assertEquals(2, response.results().size(), "duplicates collapse");
        assertEquals(PortCheckResult.open(), response.results().get(open));
        assertEquals(PortCheckResult.closed(PortCheckResult.REFUSED), response.results().get(closed));
        assertEquals("Successfully verified 1 out of 3 ports", response.message(), "original counts ports as sent");
    }

    @Test
    void concurrencyBoundSmallerThanTheRequestStillAnswersEveryPort() throws Exception {
        int open = listen(LOOPBACK).getLocalPort();
        List<Integer> ports = new ArrayList<>(closedPorts(30));
        ports.add(open);
        PortCheckReport report = checker(LOCAL.toBuilder().maxConcurrentChecks(1).build())
                .probe(CheckTarget.of("127.0.0.1", ports, 100));
        assertEquals(31, report.probes().size());
        assertEquals(1, report.accessibleCount());
        assertTrue(report.probe(open).accessible());
    }

    @Test
    void concurrentRequestsShareThePool() throws Exception {
        PortChecker checker = checker(LOCAL.toBuilder().maxConcurrentChecks(8).build());
        int open = listen(LOOPBACK).getLocalPort();
        List<Integer> ports = new ArrayList<>(closedPorts(50));
        ports.add(open);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    CheckPortsResponse r = checker.check(new CheckPortsRequest("127.0.0.1", ports), LOOPBACK);
                    assertEquals("Successfully verified 1 out of 51 ports", r.message());
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void loopbackIsRefusedByDefault() {
        PortChecker checker = checker(PortCheckerSettings.defaults());
        PortCheckException e = assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("127.0.0.1", List.of(80)), LOOPBACK));
        assertEquals(PortCheckErrorCode.TARGET_NOT_ALLOWED, e.errorCode());
        assertEquals(403, DomainExceptionMapper.status(e.refusal()));
    }

    @Test
    void anotherAddressThanTheCallersIsRefused() {
        PortChecker checker = checker(LOCAL);
        PortCheckException e = assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("127.0.0.2", List.of(80)), LOOPBACK));
        assertEquals(PortCheckErrorCode.TARGET_NOT_ALLOWED, e.errorCode());
        e = assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("1.1.1.1", List.of(80)), LOOPBACK));
        assertEquals(PortCheckErrorCode.TARGET_NOT_ALLOWED, e.errorCode(), "no outside address is ever contacted");
    }

    @Test
    void badInputIsRefusedBeforeAnyProbe() {
        PortChecker checker = checker(LOCAL.toBuilder().maxPortsPerRequest(3).build());
        assertEquals(PortCheckErrorCode.INVALID_IP, assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("localhost", List.of(80)), LOOPBACK)).errorCode());
        assertEquals(PortCheckErrorCode.INVALID_IP, assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest(null, List.of(80)), LOOPBACK)).errorCode());
        assertEquals(PortCheckErrorCode.INVALID_PORT, assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("127.0.0.1", List.of()), LOOPBACK)).errorCode());
        assertEquals(PortCheckErrorCode.INVALID_PORT, assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("127.0.0.1", List.of(70000)), LOOPBACK)).errorCode());
        assertEquals(PortCheckErrorCode.TOO_MANY_PORTS, assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("127.0.0.1", List.of(1, 2, 3, 4)), LOOPBACK)).errorCode());
    }

    @Test
    void asyncCheckAnswersOnAProbeThreadAndValidatesAtOnce() throws Exception {
        int open = listen(LOOPBACK).getLocalPort();
        int closed = closedPorts(1).get(0);
        PortChecker checker = checker(LOCAL);
        PortCheckReport report = checker.checkAsync(new CheckPortsRequest("127.0.0.1", List.of(open, closed)),
                LOOPBACK).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(report.probe(open).accessible());
        assertEquals(PortCheckResult.REFUSED, report.probe(closed).error());
        // validation and policy throw on the calling thread, before anything is probed
        assertEquals(PortCheckErrorCode.INVALID_PORT, assertThrows(PortCheckException.class,
                () -> checker.checkAsync(new CheckPortsRequest("127.0.0.1", List.of(0)), LOOPBACK)).errorCode());
        assertEquals(PortCheckErrorCode.TARGET_NOT_ALLOWED, assertThrows(PortCheckException.class,
                () -> checker.checkAsync(new CheckPortsRequest("127.0.0.2", List.of(open)), LOOPBACK)).errorCode());
    }

    @Test
    void statusReportsThePool() throws Exception {
        PortCheckerSettings seven = LOCAL.toBuilder().maxConcurrentChecks(7).build();
        PortChecker checker = new PortChecker(seven, new SocketPortProber(seven));
        PortProber.Status status = checker.status();
        assertTrue(status.accepting());
        assertEquals(7, status.maxConcurrent());
        assertEquals(0, status.activeAttempts());
        checker.close();
        assertFalse(checker.status().accepting());
    }

    @Test
    void closedCheckerFailsWithCheckFailed() throws Exception {
        int open = listen(LOOPBACK).getLocalPort();
        PortChecker checker = new PortChecker(LOCAL, new SocketPortProber(LOCAL));
        checker.close();
        checker.close(); // idempotent
        PortCheckException e = assertThrows(PortCheckException.class,
                () -> checker.check(new CheckPortsRequest("127.0.0.1", List.of(open)), LOOPBACK));
        assertEquals(PortCheckErrorCode.CHECK_FAILED, e.errorCode());
        assertEquals(500, DomainExceptionMapper.status(e.refusal()));
    }
}
