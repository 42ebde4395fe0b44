package org.golem.vm.cli.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.golem.vm.cli.support.PidFile;
import org.golem.vm.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code golem-provider start|stop}: the port verification against {@link FakePortChecker}, the launch through a
 * fake {@code bin/lib/payara-launch} (a script that records its arguments; no Payara is started), the pid file, and
 * stop against {@link FakeProviderAdmin}.
 */
class StartStopCommandsTest {

    @TempDir
    Path tmp;

    Path home;
    Path data;
    Path record;
    FakePortChecker checker;
    final List<Process> spawned = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("golem");
        data = tmp.resolve("data");
        record = home.resolve("launch.txt");
        Files.createDirectories(home.resolve("bin/lib"));
        checker = new FakePortChecker();
    }

    @AfterEach
    void tearDown() {
        checker.close();
        for (Process p : spawned) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Long pid : PidFile.read(data.resolve("provider.pid")).stream().toList()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A fake launcher: records its arguments and GOLEM_PROVIDER_NETWORK, then runs {@code tail}. */
    private void launcher(String tail) throws IOException {
        Path script = home.resolve("bin/lib/payara-launch");
        Files.writeString(script, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$@\" > '" + record + "'\n"
                + "echo \"network=${GOLEM_PROVIDER_NETWORK:-}\" >> '" + record + "'\n"
                + tail + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** @return the first of {@code n} consecutive ports free on 127.0.0.1 */
    private static int freeRange(int n) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 60000);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int p = base; p < base + n; p++) {
                    ServerSocket s = new ServerSocket();
                    held.add(s);
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                }
                return base;
            } catch (IOException e) {
                // taken: try another base
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IOException("no free port range");
    }

    private ProviderCliRunner cli(int sshStart, int sshEnd) throws IOException {
        return new ProviderCliRunner("http://127.0.0.1:" + freePort(), data)
                .golemHome(home)
                .env("GOLEM_PROVIDER_HOST", "127.0.0.1")
                .env("GOLEM_PROVIDER_SSH_PORT_RANGE_START", String.valueOf(sshStart))
                .env("GOLEM_PROVIDER_SSH_PORT_RANGE_END", String.valueOf(sshEnd))
                .env("GOLEM_PROVIDER_SSH_BIND_ADDRESS", "127.0.0.1")
                .env("GOLEM_PROVIDER_PUBLIC_HOST", "127.0.0.1")
                .env("GOLEM_PROVIDER_PORT_CHECKER_URL", checker.uri().toString());
    }

    @Test
    void allPortsReachableStartsTheProviderInTheForeground() throws IOException {
        launcher("exit 0");
        int base = freeRange(3);
        ProviderCliRunner.Result r = cli(base, base + 2).run("start", "--network", "testnet");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("SSH ports: all 3 reachable from outside (" + base + "-" + (base + 2)
                + ", checked as 127.0.0.1)."), r.out());
        // the checker connected to each port while the command listened on it
        JsonNode body = checker.bodies().get(0);
        assertEquals(Json.tree("{\"provider_ip\":\"127.0.0.1\",\"ports\":[" + base + "," + (base + 1) + ","
                + (base + 2) + "]}"), body);
        List<String> args = Files.readAllLines(record);
        assertEquals("provider-war", args.get(0));
        assertEquals("provider.war", args.get(1));
        assertEquals("127.0.0.1", args.get(3));
        assertEquals(data.toString(), args.get(4));
        assertEquals("network=testnet", args.get(5));
        assertFalse(Files.exists(data.resolve("provider.pid")), "removed once the provider exited");
        // the listeners are closed again: the provider can take the ports
        try (ServerSocket s = new ServerSocket(base, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(base, s.getLocalPort());
        }
    }

    @Test
    void theProvidersExitStatusIsPassedThrough() throws IOException {
        launcher("exit 7");
        ProviderCliRunner.Result r = cli(1, 1).run("start", "--no-verify-port");
        assertEquals(7, r.exit(), r.toString());
    }

    @Test
    void noReachablePortRefusesToStartWithTheHint() throws IOException {
        launcher("exit 0");
        int base = freeRange(4);
        checker.verdict(port -> port == base + 3 ? "timed out" : "Connection refused");
        ProviderCliRunner.Result r = cli(base, base + 3).run("start");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("SSH ports: 0 of 4 reachable from outside"), r.out());
        assertTrue(r.out().contains("  not reachable (Connection refused): " + base + "-" + (base + 2) + "\n"), r.out());
        assertTrue(r.out().contains("  not reachable (timed out): " + (base + 3) + "\n"), r.out());
        assertTrue(r.err().startsWith("golem-provider: no SSH port in " + base + "-" + (base + 3)
                + " is reachable from outside"), r.err());
        assertTrue(r.err().contains("--no-verify-port"), r.err());
        assertFalse(Files.exists(record), "the provider was not started");
    }

    @Test
    void someUnreachableOrBusyPortsWarnAndStart() throws IOException {
        launcher("exit 0");
        int base = freeRange(4);
        checker.verdict(port -> port == base + 1 ? "Connection refused" : null);
        try (ServerSocket busy = new ServerSocket(base + 3, 1, InetAddress.getLoopbackAddress())) {
            ProviderCliRunner.Result r = cli(base, base + 3).run("start");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("SSH ports: 2 of 4 reachable from outside"), r.out());
            assertTrue(r.out().contains("  not reachable (Connection refused): " + (base + 1)), r.out());
            assertTrue(r.out().contains("  busy, cannot listen ("), r.out());
            assertTrue(r.err().contains("warning: 2 of 4 SSH ports cannot be used from outside"), r.err());
            assertEquals(3, checker.bodies().get(0).get("ports").size(), "busy ports are not sent");
            assertTrue(Files.exists(record));
        }
    }

    @Test
    void behindNatTheAddressTheCheckerSeesIsUsed() throws IOException {
        launcher("exit 0");
        int base = freeRange(2);
        checker.seesCallerAs("203.0.113.7");
        ProviderCliRunner c = cli(base, base + 1).env("GOLEM_PROVIDER_PUBLIC_HOST", "");
        ProviderCliRunner.Result r = c.run("start");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("127.0.0.1", checker.bodies().get(0).get("provider_ip").asText(), "first the local address");
        assertEquals("203.0.113.7", checker.bodies().get(1).get("provider_ip").asText(), "then the one it names");
        assertTrue(r.out().contains("checked as 203.0.113.7"), r.out());

        // a configured public host the checker does not see as ours is an error, not silently replaced
        ProviderCliRunner.Result wrong = cli(base, base + 1).run("start");
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().contains("sees this machine as 203.0.113.7, not GOLEM_PROVIDER_PUBLIC_HOST=127.0.0.1"),
                wrong.err());
    }

    @Test
    void checkerDownIsReportedWithTheHint() throws IOException {
        launcher("exit 0");
        int base = freeRange(1);
        ProviderCliRunner.Result r = cli(base, base).run("start", "--port-checker", "http://127.0.0.1:" + freePort());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("the port checker at http://127.0.0.1:"), r.err());
        assertTrue(r.err().contains("cannot be reached"), r.err());
        assertTrue(r.err().contains("--no-verify-port"), r.err());
        assertFalse(Files.exists(record));
    }

    @Test
    void noVerifyPortSkipsTheChecker() throws IOException {
        launcher("exit 0");
        ProviderCliRunner.Result r = cli(1, 1).run("start", "--no-verify-port");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(checker.bodies().isEmpty(), "the checker was not asked");
        assertFalse(r.out().contains("SSH ports"), r.out());
        assertTrue(Files.exists(record));
        assertEquals("network=", Files.readAllLines(record).get(5));
    }

    @Test
    void aRunningProviderIsNotStartedTwice() throws IOException {
        launcher("exit 0");
        Process running = new ProcessBuilder("bash", "-c", "sleep 30; true", "provider.war").start();
        spawned.add(running);
        Files.createDirectories(data);
        Files.writeString(data.resolve("provider.pid"), running.pid() + "\n");
        ProviderCliRunner.Result r = cli(1, 1).run("start");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("provider already running (pid " + running.pid() + ")\n", r.out());
        assertFalse(Files.exists(record));
        assertTrue(checker.bodies().isEmpty());

        // a pid file naming some other program (pid reused) is stale: removed, and the provider starts
        Process other = new ProcessBuilder("sleep", "30").start();
        spawned.add(other);
        Files.writeString(data.resolve("provider.pid"), other.pid() + "\n");
        ProviderCliRunner.Result again = cli(1, 1).run("start", "--no-verify-port");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(Files.exists(record));
    }

    @Test
    void daemonStartThenStop() throws Exception {
        // stays up until SIGTERM (and ignores the shutdown request, which the fake cannot act on)
        launcher("trap 'kill $c 2>/dev/null; exit 143' TERM\nsleep 60 & c=$!\nwait $c");
        try (FakeProviderAdmin admin = new FakeProviderAdmin()) {
            admin.on("POST", "/api/v1/admin/shutdown", 200, "{\"ok\":true}");
            ProviderCliRunner c = new ProviderCliRunner(admin.uri().toString(), data).golemHome(home);
            ProviderCliRunner.Result r = c.run("start", "--daemon", "--no-verify-port");
            assertEquals(0, r.exit(), r.toString());
            long pid = PidFile.read(data.resolve("provider.pid")).orElseThrow();
            assertEquals("started provider (pid " + pid + ")\n", r.out());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertTrue(Files.exists(data.resolve("provider.log")));
            // the fake admin answers at once, so start may return before the detached launcher wrote its record
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((!Files.exists(record) || Files.readAllLines(record).size() < 3) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(String.valueOf(admin.uri().getPort()), Files.readAllLines(record).get(2));

            ProviderCliRunner.Result status = c.run("status");
            assertTrue(status.out().contains("(pid " + pid + ")"), status.out());

            ProviderCliRunner.Result stop = c.run("stop", "--timeout", "1");
            assertEquals(0, stop.exit(), stop.toString());
            assertEquals(1, admin.requests("POST", "/api/v1/admin/shutdown").size());
            assertTrue(stop.err().contains("sending SIGTERM to pid " + pid), stop.err());
            assertEquals("provider stopped\n", stop.out());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(Files.exists(data.resolve("provider.pid")));
        }
    }

    @Test
    void daemonThatDiesWhileStartingIsReported() throws IOException {
        launcher("echo 'boom: no database' >&2\nexit 3");
        ProviderCliRunner.Result r = cli(1, 1).startTimeout(Duration.ofSeconds(8)).run("start", "--daemon",
                "--no-verify-port");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("golem-provider: the provider exited with status 3 while starting; see "
                + data.resolve("provider.log")), r.err());
        assertTrue(r.err().contains("boom: no database"), "the log's tail is shown: " + r.err());
        assertFalse(Files.exists(data.resolve("provider.pid")));
    }

    @Test
    void stopWithoutPidFileAndNothingRunning() throws IOException {
        ProviderCliRunner.Result r = cli(1, 1).run("stop");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("provider is not running\n", r.out());
    }

    @Test
    void stopWithoutPidFileWaitsUntilTheProviderIsGone() throws Exception {
        FakeProviderAdmin admin = new FakeProviderAdmin();
        admin.on("POST", "/api/v1/admin/shutdown", 200, "{\"ok\":true}");
        Thread closer = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            admin.close();
        });
        closer.start();
        ProviderCliRunner.Result r = new ProviderCliRunner(admin.uri().toString(), data).run("stop", "--timeout", "10");
        closer.join();
        assertEquals(0, r.exit(), r.toString());
        assertEquals("provider stopped\n", r.out());
    }
}
