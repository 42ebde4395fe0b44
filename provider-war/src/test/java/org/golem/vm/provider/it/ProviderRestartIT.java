package org.golem.vm.provider.it;

import static org.golem.vm.provider.it.ProviderStack.anvil;
import static org.golem.vm.provider.it.ProviderStack.json;
import static org.golem.vm.provider.it.ProviderStack.openStream;
import static org.golem.vm.provider.it.ProviderStack.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.testing.CapturedRequest;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.provider.infrastructure.net.TcpForwarder;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport;
import org.golem.vm.provider.infrastructure.vm.qemu.Ssh;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * A provider restart as an operator does it: the provider WAR runs on Payara Micro as its own process (the same
 * command line as the service launchers), a requestor creates a VM and logs in, the provider process is stopped
 * (SIGTERM) and started again on the same data directory and database file: the VM kept running the whole time,
 * is reported running with the same port, SSH still works. Then the provider's link to the chain is cut (its RPC
 * goes through a forwarder the test stops) and the stream is terminated meanwhile: failed reads change nothing (the
 * VM keeps running, readiness says the chain is down and counts the failures) until the link is back, when the
 * monitor stops the VM within an interval. Signed requests used before the restart (a read and a {@code DELETE})
 * are refused as replays after it: the provider's memory of accepted signatures is in its database.
 */
class ProviderRestartIT {
    private static final List<Process> STARTED = new ArrayList<>();
    private static Path dataDir;
    private static TcpForwarder link;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the provider process and waits for /health/ready. */
    private static Process start(Path war, int port, Path log) throws Exception {
        Path root = dataDir.resolve("payara");
        QemuTestSupport.deleteTree(root);
        Files.createDirectories(root);
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-jar", System.getProperty("payara.microJar"),
                "--deploy", war.toString(), "--contextroot", "/", "--port", String.valueOf(port), "--nohazelcast",
                "--rootdir", root.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        STARTED.add(p);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("provider exited; see " + log);
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("provider not ready in 180 s; see " + log);
    }

    @Test
    void aRunningVmSurvivesAProviderRestartAndAChainOutage() throws Exception {
        ProviderStack.chain();
        int rpcPort = freePort();
        InetSocketAddress rpcListen = new InetSocketAddress("127.0.0.1", rpcPort);
        URI anvilUri = URI.create(anvil.rpcUrl());
        InetSocketAddress anvilAddress = new InetSocketAddress(anvilUri.getHost(), anvilUri.getPort());
        link = TcpForwarder.start(rpcListen, anvilAddress);
        // the same WAR and test settings as the Arquillian tests, but a database FILE that outlives the process and
        // the chain reached through the link
        WebArchive archive = ProviderStack.war(Map.of("golem.provider.database.url",
                "jdbc:h2:file:@DATA@/provider;DB_CLOSE_ON_EXIT=FALSE",
                "golem.provider.rpc-url", "http://127.0.0.1:" + rpcPort,
                "golem.provider.monitor.interval-seconds", "2"));
        dataDir = ProviderStack.dataDir;
        Path war = dataDir.resolveSibling(dataDir.getFileName() + ".war");
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);
        int port = freePort();
        Path log = Path.of("target", "it-logs", "provider-restart.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process first = start(war, port, log);

        ProviderStack.Api api = new ProviderStack.Api(new URL("http://127.0.0.1:" + port + "/"));
        String provider = json(api.send(null, "GET", "api/v1/provider/info", null)).get("provider_id").asText();
        Credentials carol = anvil.newAccount();
        Ssh.Key key = Ssh.newKey(dataDir.resolveSibling(dataDir.getFileName() + "-keys"), "carol");
        Resources small = new Resources(1, 1, 10);
        BigInteger stream = openStream(carol, provider, rate(small), 3600);
        GolemHttpClient.Reply created = api.create(carol, CreateVmRequest.of("carol-1", small, key.publicKey(),
                stream), false);
        assertEquals(200, created.status(), created.body());
        int sshPort = json(created).get("ssh_port").asInt();
        String before = Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip();

        // signed requests an eavesdropper captures while they are used, to replay them after the restart (inside
        // their 300 s window): a read of carol's VM, and a DELETE (of a name that does not exist, so using it
        // destroys nothing; its signature was accepted all the same)
        List<CapturedRequest> captured = List.of(
                CapturedRequest.sign(carol, "GET", "/api/v1/vms/carol-1", null),
                CapturedRequest.sign(carol, "DELETE", "/api/v1/vms/carol-gone", null));
        assertEquals(200, captured.get(0).sendTo(api.base).statusCode());
        HttpResponse<String> deleted = captured.get(1).sendTo(api.base);
        assertEquals("VM_NOT_FOUND", CapturedRequest.code(deleted), deleted.body());

        first.destroy(); // SIGTERM, as an operator's stop
        assertTrue(first.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "provider stopped");
        assertEquals(before, Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip(),
                "the VM keeps running (same boot) while the provider is down");

        start(war, port, log);
        // the provider remembers the signatures it accepted before the restart (its database holds them)
        for (CapturedRequest replay : captured) {
            HttpResponse<String> again = replay.sendTo(api.base);
            assertEquals(401, again.statusCode(), replay + " replayed after the restart: " + again.body());
            assertEquals("AUTH_REPLAY", CapturedRequest.code(again), again.body());
        }
        JsonNode vm = json(api.send(carol, "GET", "api/v1/vms/carol-1", null));
        assertEquals("running", vm.get("status").asText(), vm.toString());
        assertEquals(sshPort, vm.get("ssh_port").asInt());
        assertEquals(before, Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip(),
                "same VM, same boot, same port after the restart");
        JsonNode stream2 = json(api.send(carol, "GET", "api/v1/vms/carol-1/stream", null));
        assertTrue(stream2.get("verified").asBoolean(), "the stream binding survived: " + stream2);

        // chain outage: the stream is terminated while the provider cannot read the chain
        link.stop();
        ProviderStack.streams.as(carol).terminate(stream);
        Thread.sleep(7_000); // three monitor intervals, all failing
        assertEquals("running", json(api.send(carol, "GET", "api/v1/vms/carol-1", null)).get("status").asText(),
                "an unreadable chain stops nothing");
        assertEquals(before, Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip());
        HttpResponse<String> ready = api.admin("GET", "/health/ready", null, null);
        assertEquals(503, ready.statusCode(), ready.body());
        JsonNode chain = null;
        for (JsonNode check : org.golem.vm.common.json.Json.tree(ready.body()).get("checks")) {
            if (check.get("name").asText().equals("provider-chain")) {
                chain = check;
            }
        }
        assertEquals("DOWN", chain.get("status").asText(), ready.body());
        assertTrue(chain.path("data").get("monitor_rpc_failures").asLong() >= 2, ready.body());
        HttpResponse<String> metrics = api.admin("GET", "/metrics?scope=application", null, null);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "golem_provider_stream_monitor_failures(\\{[^}]*})?\\s+([0-9.]+)").matcher(metrics.body());
        assertTrue(m.find(), metrics.body());
        assertTrue(Double.parseDouble(m.group(2)) >= 2, "failed reads counted in /metrics: " + m.group());

        link = TcpForwarder.start(rpcListen, anvilAddress);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode vm2 = json(api.send(carol, "GET", "api/v1/vms/carol-1", null));
        while (!vm2.get("status").asText().equals("stopped") && System.nanoTime() < deadline) {
            Thread.sleep(1100);
            vm2 = json(api.send(carol, "GET", "api/v1/vms/carol-1", null));
        }
        assertEquals("stopped", vm2.get("status").asText(), "stopped once the chain is readable again: " + vm2);
        assertTrue(vm2.get("error_message").asText().contains("terminated"), vm2.toString());

        assertEquals(200, api.send(carol, "DELETE", "api/v1/vms/carol-1", null).status());
        QemuTestSupport.assertPortFree(sshPort);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (link != null) {
            link.stop();
        }
        for (Process p : STARTED) {
            p.destroy();
            p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (dataDir != null) {
            new ProcessBuilder("pkill", "-f", dataDir.toString()).start().waitFor();
        }
    }
}
