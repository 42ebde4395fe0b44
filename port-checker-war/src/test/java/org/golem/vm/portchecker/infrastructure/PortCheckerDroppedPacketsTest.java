package org.golem.vm.portchecker.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.common.wire.PortCheckResult;
import org.golem.vm.portchecker.application.PortChecker;
import org.golem.vm.portchecker.config.PortCheckerSettings;
import org.golem.vm.portchecker.domain.CheckTarget;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;
import org.golem.vm.portchecker.domain.PortCheckReport;
import org.golem.vm.portchecker.domain.PortProbe;
import org.golem.vm.common.rest.DomainExceptionMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ports that drop packets (timeouts) and ports that answer ICMP unreachable, made by {@link NetnsFixture} in a
 * network namespace of this machine. Runs as root with {@code ip} and {@code nft}; skip with
 * {@code -Dgolem.portchecker.netns=skip}.
 */
class PortCheckerDroppedPacketsTest {

    /** retries = attempts in total (the original's meaning): worst case 2 x 0.3 s + 1 x 0.1 s = 0.7 s per port. */
    private static final PortCheckerSettings FAST = PortCheckerSettings.builder()
            .retries(2).timeoutSeconds(0.3).retryDelaySeconds(0.1)
            .allowPrivateTargets(true).rateLimitPerMinute(0).build();

    private static NetnsFixture net;
    private static InetAddress target;

    @BeforeAll
    static void createNamespace() throws Exception {
        assumeFalse("skip".equals(System.getProperty("golem.portchecker.netns")),
                "network namespace tests skipped by -Dgolem.portchecker.netns=skip");
        net = new NetnsFixture();
        net.start();
        target = IpLiteral.parse(net.targetAddress());
    }

    @AfterAll
    static void deleteNamespace() {
        if (net != null) {
            net.close();
        }
    }

    private static List<Integer> range(int from, int count) {
        return IntStream.range(from, from + count).boxed().collect(Collectors.toList());
    }

    @Test
    void droppedPortsTimeOutAreRetriedAndRunInParallel() {
        List<Integer> ports = range(NetnsFixture.DROP_FROM, 20);
        long start = System.nanoTime();
        PortCheckReport report;
        try (PortChecker checker = new PortChecker(FAST, new SocketPortProber(FAST))) {
            // the full use case: the caller is the target itself (own-address rule on)
            report = checker.checkWithDetails(new CheckPortsRequest(net.targetAddress(), ports), target);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (PortProbe probe : report.probes()) {
            assertFalse(probe.accessible(), "port " + probe.port());
            assertEquals(PortCheckResult.TIMED_OUT, probe.error(), "port " + probe.port());
            assertEquals(FAST.retries(), probe.attempts(), "every attempt timed out: port " + probe.port());
        }
        Duration onePort = FAST.worstCasePerPort();
        assertTrue(elapsed.compareTo(Duration.ofMillis(2 * FAST.timeoutMillis())) >= 0,
                "two full timeouts per port cannot take less than 0.6 s: " + elapsed);
        assertTrue(elapsed.compareTo(onePort.multipliedBy(ports.size()).dividedBy(2)) < 0,
                "20 ports in parallel take about one port's worst case (" + onePort + "), took " + elapsed);
        assertEquals("Successfully verified 0 out of 20 ports", report.toResponse().message());
    }

    @Test
    void unreachableIsTransientAndReportsTheSocketError() {
        try (PortChecker checker = new PortChecker(FAST, new SocketPortProber(FAST))) {
            PortCheckReport report = checker.probe(
                    CheckTarget.of(net.targetAddress(), range(NetnsFixture.UNREACHABLE_FROM, 10), 100));
            for (PortProbe probe : report.probes()) {
                assertFalse(probe.accessible());
                assertEquals("No route to host", probe.error(), "port " + probe.port());
                assertEquals(FAST.retries(), probe.attempts(), "retried: port " + probe.port());
            }
        }
    }

    @Test
    void mixedOutcomesEachWithTheirAttemptCount() {
        try (PortChecker checker = new PortChecker(FAST, new SocketPortProber(FAST))) {
            int dropped = NetnsFixture.DROP_FROM + 50;
            int unreachable = NetnsFixture.UNREACHABLE_FROM + 50;
            int refused = NetnsFixture.REFUSED_PORT;
            PortCheckReport report = checker.probe(
                    CheckTarget.of(net.targetAddress(), List.of(dropped, refused, unreachable), 100));
            assertEquals(new PortProbe(dropped, false, PortCheckResult.TIMED_OUT, 2), report.probe(dropped));
            assertEquals(new PortProbe(refused, false, PortCheckResult.REFUSED, 1), report.probe(refused));
            assertEquals(new PortProbe(unreachable, false, "No route to host", 2), report.probe(unreachable));
        }
    }

    @Test
    void globalBoundLimitsAttemptsInFlight() {
        // 20 dropped ports, one 0.3 s attempt each, at most 5 at a time: at least 4 rounds of 0.3 s
        PortCheckerSettings bounded = FAST.toBuilder().retries(1).maxConcurrentChecks(5).build();
        long start = System.nanoTime();
        try (PortChecker checker = new PortChecker(bounded, new SocketPortProber(bounded))) {
            PortCheckReport report = checker.probe(
                    CheckTarget.of(net.targetAddress(), range(NetnsFixture.DROP_FROM, 20), 100));
            assertEquals(20, report.probes().size());
            report.probes().forEach(p -> assertEquals(1, p.attempts()));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.toMillis() >= 4 * 300 - 50, "at most 5 attempts in flight: took " + elapsed);
    }

    @Test
    void closingFailsChecksStillWaitingWithCheckFailed() throws Exception {
        PortChecker checker = new PortChecker(FAST, new SocketPortProber(FAST));
        CompletableFuture<PortCheckReport> pending = checker.probeAsync(
                CheckTarget.of(net.targetAddress(), range(NetnsFixture.DROP_FROM, 5), 100));
        Thread.sleep(50); // the first attempts are running (each waits 0.3 s for its SYN to be answered)
        checker.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        PortCheckException failure = assertInstanceOf(PortCheckException.class, e.getCause(), "not wrapped");
        assertEquals(PortCheckErrorCode.CHECK_FAILED, failure.errorCode());
        assertEquals(500, DomainExceptionMapper.status(failure.refusal()));
    }
}
