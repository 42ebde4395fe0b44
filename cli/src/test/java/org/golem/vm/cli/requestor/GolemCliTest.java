package org.golem.vm.cli.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.golem.vm.cli.support.ServiceStarter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root behaviour: version, usage errors, error lines, the bearer token, --no-start and starting the service. */
class GolemCliTest {

    @TempDir
    Path tmp;

    FakeRequestorServer fake;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeRequestorServer();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void versionPrintsGolemAndTheBuildVersion() {
        CliRunner.Result r = new CliRunner(tmp).run("--version");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().matches("golem \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), r.toString());
        assertEquals(r.out(), new CliRunner(tmp).run("version").out());
    }

    @Test
    void usageErrorsExitWith2() {
        CliRunner.Result missing = new CliRunner(fake, tmp).run("vm", "create", "web1", "--cpu", "2");
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("Missing required option"), missing.toString());

        CliRunner.Result unknown = new CliRunner(fake, tmp).run("vm", "frobnicate");
        assertEquals(2, unknown.exit(), unknown.toString());

        CliRunner.Result bare = new CliRunner(fake, tmp).run("vm");
        assertEquals(2, bare.exit(), bare.toString());
        assertTrue(bare.err().contains("Usage: golem vm"), bare.toString());

        CliRunner.Result badNumber = new CliRunner(fake, tmp).run("vm", "providers", "--cpu", "two");
        assertEquals(2, badNumber.exit(), badNumber.toString());
        assertTrue(fake.requests("GET", "/api/v1/providers").isEmpty(), "no request on a usage error");
    }

    @Test
    void serviceErrorIsOneLineWithMessageAndCode() {
        fake.on("GET", "/api/v1/vms/nope", 404,
                "{\"detail\":{\"code\":\"VM_NOT_FOUND\",\"message\":\"VM 'nope' not found\"}}");
        CliRunner.Result r = new CliRunner(fake, tmp).run("vm", "info", "nope");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem: VM 'nope' not found (VM_NOT_FOUND)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void errorWithoutEnvelopeStillGivesOneLine() {
        fake.on("GET", "/api/v1/vms", 500, "<html>oops</html>");
        CliRunner.Result r = new CliRunner(fake, tmp).run("vm", "list");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem: HTTP 500 from the requestor service for GET /api/v1/vms\n", r.err());
    }

    @Test
    void bearerTokenFromDataDirIsSentAndNeverPrinted() throws IOException {
        Files.writeString(tmp.resolve("api.token"), "s3cret-token-value\n");
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
        CliRunner.Result ok = new CliRunner(fake, tmp).run("vm", "list");
        assertEquals(0, ok.exit(), ok.toString());
        FakeRequestorServer.Request req = fake.requests("GET", "/api/v1/vms").get(0);
        assertEquals("Bearer s3cret-token-value", req.header("Authorization"));

        fake.on("GET", "/api/v1/vms", 401, "{\"detail\":{\"code\":\"UNAUTHORIZED\",\"message\":\"bad token\"}}");
        CliRunner.Result denied = new CliRunner(fake, tmp).run("vm", "list");
        assertEquals(1, denied.exit());
        assertTrue(denied.err().startsWith("golem: bad token; the API token is read from " + tmp.resolve("api.token")),
                denied.toString());
        assertTrue(denied.err().endsWith("(UNAUTHORIZED)\n"), denied.toString());
        assertFalse((denied.out() + denied.err() + ok.out() + ok.err()).contains("s3cret"));
    }

    @Test
    void withoutTokenFileNoAuthorizationHeader() {
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
        new CliRunner(fake, tmp).run("vm", "list");
        assertEquals(null, fake.requests("GET", "/api/v1/vms").get(0).header("Authorization"));
    }

    @Test
    void apiUrlFromEnvironmentWhenNoOption() {
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
        CliRunner.Result r = new CliRunner(tmp).env("GOLEM_REQUESTOR_URL", fake.uri() + "/")
                .env("GOLEM_REQUESTOR_DATA_DIR", tmp.toString())
                .run("--no-start", "vm", "list", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, fake.requests("GET", "/api/v1/vms").size());
    }

    @Test
    void noStartWithServiceDownFailsClearly() throws IOException {
        int port = freePort();
        CliRunner.Result r = new CliRunner("http://127.0.0.1:" + port, tmp, true).run("vm", "list");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem: the requestor service is not running at http://127.0.0.1:" + port
                + " (--no-start given); start it with: golem server api\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void serviceUpWithAFailingCheckIsUsedAtOnceAndTheCommandTellsTheCauseOnce() {
        fake.on("GET", "/health/ready", 503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"requestor-chain\","
                + "\"status\":\"DOWN\",\"data\":{\"error\":\"RPC http://127.0.0.1:8545 unreachable\"}},"
                + "{\"name\":\"requestor-database\",\"status\":\"UP\",\"data\":{\"vms\":\"0\"}}]}");
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
        CliRunner.Result r = new CliRunner(fake, tmp).run("vm", "list", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("{\n  \"vms\": []\n}\n", r.out());
        assertEquals("", r.err(), "nothing to say: the list did not need the chain");
        assertEquals(1, fake.requests("GET", "/health/ready").size(), "no waiting");

        String cause = "the payments chain at http://127.0.0.1:8545 cannot be read (connection refused); check that "
                + "its node runs and GOLEM_REQUESTOR_RPC_URL names it, then retry";
        fake.on("GET", "/api/v1/wallet", 503, "{\"detail\":{\"code\":\"CHAIN_UNAVAILABLE\",\"message\":\"" + cause
                + "\"}}");
        r = new CliRunner(fake, tmp).run("wallet", "balance");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem: " + cause + " (CHAIN_UNAVAILABLE)\n", r.err(), "the cause, once, and nothing before it");
    }

    @Test
    void aServiceStillDeployingIsWaitedFor() {
        // what Payara Micro answers between its boot and the end of the application's deployment
        String deploying = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"No Application deployed\","
                + "\"status\":\"DOWN\",\"data\":{}}]}";
        fake.onSequence("GET", "/health/ready", List.of(new FakeRequestorServer.Response(503, deploying),
                new FakeRequestorServer.Response(503, deploying), new FakeRequestorServer.Response(503, deploying),
                new FakeRequestorServer.Response(200, "{\"status\":\"UP\"}")));
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
        CliRunner.Result r = new CliRunner(fake, tmp).run("vm", "list");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().startsWith("waiting for the requestor service at " + fake.uri() + " to become ready "),
                r.err());
        assertTrue(r.err().endsWith(" ready\n"), r.err());
        assertEquals(4, fake.requests("GET", "/health/ready").size());
        assertEquals(1, fake.requests("GET", "/api/v1/vms").size(), "asked only once deployed (no 404 from Payara)");
    }

    @Test
    void serviceBecomingReadyWhileWaitingGivesNoWarning() {
        fake.onSequence("GET", "/health/ready", List.of(new FakeRequestorServer.Response(503, "{}"),
                new FakeRequestorServer.Response(200, "{\"status\":\"UP\"}")));
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
        CliRunner.Result r = new CliRunner(fake, tmp).run("vm", "list");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().endsWith(" ready\n"), r.err());
        assertFalse(r.err().contains("warning"), r.err());
    }

    @Test
    void somethingElseOnThePortIsNotTakenForTheService() {
        fake.on("GET", "/health/ready", 404, "not found");
        CliRunner.Result r = new CliRunner(fake, tmp).run("vm", "list");
        assertEquals(1, r.exit());
        assertTrue(r.err().endsWith("\ngolem: something answers at " + fake.uri() + " but it is not the requestor "
                + "service (GET /health/ready gave HTTP 404)\n"), r.err());
        assertTrue(fake.requests("GET", "/api/v1/vms").isEmpty());
    }

    @Test
    void startsTheLocalServiceAndWaitsUntilReady() throws Exception {
        int port = freePort();
        Path home = tmp.resolve("repo");
        Path data = tmp.resolve("data");
        // the "service": records its environment, then stays up until the test kills it
        script(home, "echo \"port=$GOLEM_REQUESTOR_PORT data=$GOLEM_REQUESTOR_DATA_DIR\"\n"
                + "echo $$ > \"$GOLEM_REQUESTOR_DATA_DIR/service.pid\"\nexec sleep 60\n");
        Path pidFile = data.resolve("service.pid");
        Thread serve = new Thread(() -> {
            try {
                while (!Files.exists(pidFile)) {
                    Thread.sleep(20);
                }
                Thread.sleep(300); // not ready at once: the CLI waits
                FakeRequestorServer late = new FakeRequestorServer(port);
                late.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
                lateServer = late;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        serve.start();
        try {
            CliRunner.Result r = new CliRunner("http://127.0.0.1:" + port, data, false).golemHome(home)
                    .run("vm", "list", "--json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("{\n  \"vms\": []\n}\n", r.out());
            Path log = data.resolve("requestor.log");
            assertTrue(r.err().startsWith("started the requestor service (log: " + log + ")\n"), r.toString());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("started the requestor service")).count());
            assertTrue(Files.readString(log).contains("port=" + port + " data=" + data), Files.readString(log));
        } finally {
            serve.join(5000);
            if (lateServer != null) {
                lateServer.close();
            }
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    private volatile FakeRequestorServer lateServer;

    @Test
    void serviceThatDiesWhileStartingIsReported() throws IOException {
        int port = freePort();
        Path home = tmp.resolve("repo");
        script(home, "echo broken config >&2\nexit 3\n");
        CliRunner.Result r = new CliRunner("http://127.0.0.1:" + port, tmp, false).golemHome(home)
                .run("vm", "list");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("started the requestor service (log: " + tmp.resolve("requestor.log") + ")"));
        assertTrue(r.err().endsWith("golem: the requestor service exited with status 3 while starting; see "
                + tmp.resolve("requestor.log") + "\n"), r.toString());
        assertTrue(Files.readString(tmp.resolve("requestor.log")).contains("broken config"));
    }

    @Test
    void serviceThatNeverBecomesReadyTimesOut() throws IOException {
        int port = freePort();
        Path home = tmp.resolve("repo");
        script(home, "exec sleep 5\n");
        CliRunner.Result r = new CliRunner("http://127.0.0.1:" + port, tmp, false).golemHome(home)
                .startTimeout(Duration.ofSeconds(1)).run("vm", "list");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().endsWith("golem: the requestor service at http://127.0.0.1:" + port
                + " did not become ready within 1 s; see "
                + tmp.resolve("requestor.log") + "\n"), r.toString());
    }

    @Test
    void withoutGolemHomeTheServiceCannotBeStarted() throws IOException {
        int port = freePort();
        CliRunner.Result r = new CliRunner("http://127.0.0.1:" + port, tmp, false).run("vm", "list");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("golem: the requestor service is not running at http://127.0.0.1:" + port
                + " and cannot be started: golem.home is not set"), r.toString());
    }

    @Test
    void loopbackDetection() {
        assertTrue(ServiceStarter.isLoopback(java.net.URI.create("http://127.0.0.1:8000")));
        assertTrue(ServiceStarter.isLoopback(java.net.URI.create("http://localhost:8000")));
        assertTrue(ServiceStarter.isLoopback(java.net.URI.create("http://[::1]:8000")));
        assertTrue(ServiceStarter.isLoopback(java.net.URI.create("http://127.1.2.3")));
        assertFalse(ServiceStarter.isLoopback(java.net.URI.create("http://10.0.0.1:8000")));
        assertFalse(ServiceStarter.isLoopback(java.net.URI.create("http://requestor.example.com:8000")));
        assertEquals(80, ServiceStarter.port(java.net.URI.create("http://localhost")));
        assertEquals(8123, ServiceStarter.port(java.net.URI.create("http://localhost:8123")));
    }

    @Test
    void invalidApiUrlIsAUsageError() {
        CliRunner.Result r = new CliRunner("ftp://x", tmp, true).run("vm", "list");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("invalid requestor service URL 'ftp://x'"), r.toString());
    }

    @Test
    void serverApiRunsTheServiceScriptWithHostPortAndReturnsItsStatus() throws IOException {
        Path home = tmp.resolve("repo");
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        script(home, "echo \"$GOLEM_REQUESTOR_HOST:$GOLEM_REQUESTOR_PORT $GOLEM_REQUESTOR_DATA_DIR\" > \""
                + data.resolve("env.txt") + "\"\nexit 7\n");
        CliRunner.Result r = new CliRunner("http://127.0.0.1:1", data, true).golemHome(home)
                .run("server", "api", "--host", "0.0.0.0", "--port", "8123");
        assertEquals(7, r.exit(), r.toString());
        assertEquals("0.0.0.0:8123 " + data + "\n", Files.readString(data.resolve("env.txt")));
    }

    private static void script(Path home, String body) throws IOException {
        Path bin = home.resolve("bin");
        Files.createDirectories(bin);
        Path s = bin.resolve("golem-requestor");
        Files.writeString(s, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
