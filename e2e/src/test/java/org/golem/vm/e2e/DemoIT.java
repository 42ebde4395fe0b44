package org.golem.vm.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.contracts.Chain;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/demo}, the first thing a new user runs, run as they run it and checked from outside:
 * <ul>
 *   <li>the whole flow: on the chain (every event of the stream and the balance change it caused, block by block),
 *       on the machine (the VM's QEMU process, overlay disk and SSH port, seen while it ran and gone after destroy),
 *       through every service's health (UP from its start until the end), and that the demo stops everything;</li>
 *   <li>Ctrl-C while a VM runs: everything it started stops, the VM too (stopped by the provider itself, which
 *       runs with {@code GOLEM_PROVIDER_STOP_VMS_ON_EXIT=true}, before the demo cleans up);</li>
 *   <li>a failure half-way (no SSH port the provider could use): everything started so far stops;</li>
 *   <li>{@code bin/demo up} leaves the stack running for {@code bin/golem} and {@code bin/golem-provider} (through
 *       the env file it writes), and {@code bin/demo down} stops all of it.</li>
 * </ul>
 * The chain of the demo charges no gas, so balances move by exactly the stream's amounts.
 */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("golem.root", "..")).toAbsolutePath().normalize();
    private static final Path BASE = ROOT.resolve("e2e/target/demo");

    @Test
    void demoRentsAVmPaysPerSecondAndSettlesEveryWei() throws Exception {
        Path work = fresh("flow");
        DemoRun.Ports ports = DemoRun.Ports.free();
        try (DemoRun demo = DemoRun.start(ROOT, work, ports, true, null, "debian-12")) {
            StackWatch watch = new StackWatch(demo);
            boolean reported;
            try {
                reported = demo.awaitReport(Duration.ofMinutes(20));
            } finally {
                watch.close();
            }
            assertTrue(reported, () -> "bin/demo wrote no report; its output:\n" + demo.output());
            JsonNode report = JSON.readTree(demo.report.toFile());

            // health: every service UP from its first UP answer to the end of the flow, polled all along
            assertEquals(List.of(), watch.healthProblems(), "services whose health lapsed");
            watch.health.values().forEach(h -> assertTrue(h.upAnswers >= 20,
                    () -> h.service + " was polled only " + h.upAnswers + " times"));

            checkChain(report);
            checkRegistry(report);
            checkMachine(demo, watch, report);

            demo.release();
            int status = demo.waitFor(Duration.ofMinutes(4));
            assertEquals(0, status, () -> "bin/demo exit status; its output:\n" + demo.output());
            assertTrue(demo.output().contains("\nDemo complete.\n"), demo::output);
            assertEverythingStopped(work, ports.all());
        }
    }

    /** The stream's history on the chain against what a user was promised and what the demo printed. */
    private static void checkChain(JsonNode report) throws Exception {
        String requestor = report.at("/requestor/address").asText();
        String provider = report.at("/provider/id").asText();
        BigInteger streamId = new BigInteger(report.at("/stream/id").asText());
        try (ChainLedger ledger = new ChainLedger(report.at("/rpc_url").asText(), report.at("/contract").asText(),
                streamId)) {
            assertTrue(requestor.equalsIgnoreCase(ledger.created.sender), "the stream's sender is the requestor");
            assertTrue(provider.equalsIgnoreCase(ledger.created.recipient), "the stream's recipient is the provider");
            StreamState s = ledger.stream();

            // the operator's withdrawal: the provider's balance went up by exactly the amount, in its block
            assertFalse(ledger.withdrawals.isEmpty(), "the provider's operator withdrew from the stream");
            for (ChainLedger.Move w : ledger.withdrawals) {
                assertEquals(1, ledger.transactionCount(w.block()), "one transaction in block " + w.block());
                assertEquals(w.amount(), ledger.balanceChange(provider, w.block()),
                        "the provider's balance change in the withdrawal's block " + w.block());
            }
            BigInteger withdrawn = ChainLedger.sum(ledger.withdrawals);
            assertEquals(withdrawn, wei(report, "/stream/withdrawn_by_operator_wei"), "withdrawn, as the demo said");
            assertEquals(withdrawn, wei(report, "/balances/provider_after_withdraw_wei")
                    .subtract(wei(report, "/balances/provider_before_withdraw_wei")), "the provider's wallet change, "
                    + "as the demo said");

            // destroy: the stream closed, the requestor got back exactly the unvested rest, the provider the rest
            assertEquals(1, ledger.terminations.size(), "one Terminated event");
            ChainLedger.Termination t = ledger.terminations.get(0);
            assertEquals(1, ledger.transactionCount(t.block()), "one transaction in block " + t.block());
            assertTrue(s.terminated(), "the stream is closed on chain: " + s);
            assertEquals(ledger.blockTime(t.block()), s.stopTime(), "vesting stopped at the termination");
            BigInteger vested = s.ratePerSecond().multiply(BigInteger.valueOf(s.stopTime() - s.startTime()));
            assertEquals(vested, s.withdrawn(), "the provider got exactly rate x seconds");
            assertTrue(s.stopTime() - s.startTime() >= 600, "ten minutes of chain time were paid for");
            assertEquals(ledger.created.deposit.add(ChainLedger.sum(ledger.topUps)), s.deposit(),
                    "deposit = created + top-ups");
            assertEquals(s.deposit().subtract(vested), t.senderRefund(), "the refund is the unvested rest");
            assertEquals(vested.subtract(withdrawn), t.recipientPayout(), "the provider's last payout");
            assertEquals(t.senderRefund(), ledger.balanceChange(requestor, t.block()),
                    "the requestor's balance change in the termination's block");
            assertEquals(t.recipientPayout(), ledger.balanceChange(provider, t.block()),
                    "the provider's balance change in the termination's block");

            // what the demo printed agrees with the chain
            assertEquals(t.senderRefund(), wei(report, "/stream/refund_wei"), "refund, as the demo said");
            assertEquals(vested, wei(report, "/stream/paid_wei"), "paid to the provider, as the demo said");
            assertEquals(t.senderRefund(), wei(report, "/balances/requestor_after_destroy_wei")
                    .subtract(wei(report, "/balances/requestor_before_destroy_wei")), "requestor wallet at destroy");
            assertEquals(s.deposit(), wei(report, "/stream/deposit_wei"), "deposit, as the demo said");
            // no gas on this chain: the requestor spent exactly what the provider earned
            assertEquals(vested, wei(report, "/balances/requestor_start_wei")
                    .subtract(wei(report, "/balances/requestor_after_destroy_wei")), "the requestor's total spend");
        }
    }

    /**
     * The provider's entry in the ProviderRegistry contract (where the demo's first listing found it): owned by the
     * provider's address, live, and carrying the offer the provider serves (address, API port, the demo's image).
     */
    private static void checkRegistry(JsonNode report) throws Exception {
        assertEquals("all", report.at("/discovery/sources").asText(), "the demo used both discovery sources");
        String provider = report.at("/provider/id").asText();
        URI providerUrl = URI.create(report.at("/provider/url").asText());
        try (Chain chain = Chain.connect(report.at("/rpc_url").asText())) {
            ProviderRegistryClient.Snapshot directory = new ProviderRegistryClient(chain,
                    report.at("/registry").asText()).snapshot();
            List<ProviderRegistryClient.Entry> mine = directory.entries().stream()
                    .filter(e -> e.provider().equalsIgnoreCase(provider)).toList();
            assertEquals(1, mine.size(), () -> "the provider's entries in the registry: " + directory.entries());
            assertTrue(mine.get(0).expiresAt() > directory.blockTimestamp(), "the entry is live");
            AdvertisementRequest ad = RegistryEntryCodec.decode(mine.get(0).data());
            assertEquals(providerUrl.getHost(), ad.ipAddress(), "the advertised address");
            assertEquals(providerUrl.getPort(), ad.apiPort(), "the advertised API port");
            assertTrue(ad.images().stream().anyMatch(i -> i.name().equals(report.at("/vm/image").asText())),
                    () -> "the advertised images: " + ad.images());
        }
    }

    /** The VM was seen running (QEMU, overlay, SSH) and is gone after destroy, while the provider still runs. */
    private static void checkMachine(DemoRun demo, StackWatch watch, JsonNode report) throws Exception {
        String name = report.at("/vm/name").asText();
        String vmId = report.at("/vm/vm_id").asText();
        int sshPort = report.at("/vm/ssh_port").asInt();
        StackWatch.VmSeen seen = watch.running.get(name);
        assertNotNull(seen, () -> "the requestor never listed " + name + " as running; seen: " + watch.vms);
        assertEquals(vmId, seen.vmId(), "the VM id the requestor listed");
        assertEquals(sshPort, seen.sshPort(), "the SSH port the requestor listed");
        assertTrue(sshPort >= demo.ports.sshFirst() && sshPort <= demo.ports.sshLast(), "SSH port from the range");
        assertTrue(watch.sshBanners.containsKey(sshPort), () -> "no SSH server was seen on port " + sshPort);

        String driverId = watch.driverIds.get(name);
        assertNotNull(driverId, () -> "the provider's operator never saw " + name + "; seen: " + watch.driverIds);
        Path providerData = demo.work.resolve("provider").toRealPath();
        Path vmDir = providerData.resolve("vms").resolve(driverId);
        assertTrue(watch.qemuDirs.containsKey(vmDir), () -> "no QEMU process was seen in " + vmDir + "; seen: "
                + watch.qemuDirs);
        assertTrue(watch.overlaysSeen.containsKey(vmDir), () -> "the overlay disk in " + vmDir + " was never seen");

        // the renter's view: the standard image, with apt, and a web server in the VM answering through the VM's
        // forwarded port (a port of the provider's range, next to SSH)
        assertEquals("debian-12", report.at("/vm/image").asText(), "the image the demo rents by default");
        assertEquals("hello from " + name, report.at("/vm/page").asText(), "the page the VM served");
        int hostPort = report.at("/vm/host_port").asInt();
        assertEquals(8080, report.at("/vm/guest_port").asInt(), "the VM's forwarded port");
        assertTrue(hostPort >= demo.ports.sshFirst() && hostPort <= demo.ports.sshLast() && hostPort != sshPort,
                () -> "the forwarded port " + hostPort + " comes from the provider's range, beside SSH " + sshPort);
        assertTrue(demo.output().contains("packages installed"), () -> "apt in the VM; the demo printed:\n"
                + demo.output());
        assertFalse(Machine.listening(hostPort), "something still listens on the VM's forwarded port " + hostPort);

        // now, after destroy
        assertEquals(List.of(), Machine.qemuOf(providerData), "QEMU processes of the provider after destroy");
        assertFalse(Files.exists(vmDir), () -> vmDir + " (the VM's overlay disk and state) still exists");
        assertFalse(Machine.listening(sshPort), "something still listens on the VM's SSH port " + sshPort);
        assertTrue(Machine.bindable(sshPort), "the VM's SSH port " + sshPort + " is free");
        assertEquals(0, get(URI.create(report.at("/requestor/url").asText() + "/api/v1/vms"),
                demo.work.resolve("requestor/api.token")).path("vms").size(), "the requestor's VMs after destroy");
        assertEquals(0, get(URI.create(report.at("/provider/url").asText() + "/api/v1/admin/vms"),
                demo.work.resolve("provider/admin.token")).path("vms").size(), "the provider's VMs after destroy");
    }

    @Test
    void ctrlCWhileAVmRunsStopsEverythingTheDemoStarted() throws Exception {
        Path work = fresh("interrupted");
        DemoRun.Ports ports = DemoRun.Ports.free();
        try (DemoRun demo = DemoRun.start(ROOT, work, ports, false)) {
            Path providerData = work.resolve("provider");
            try (StackWatch watch = new StackWatch(demo)) {
                awaitOrFail(demo, Duration.ofMinutes(20), "a running VM",
                        () -> !watch.running.isEmpty() && !Machine.qemuOf(providerData).isEmpty());
            }
            demo.interrupt();
            int status = demo.waitFor(Duration.ofMinutes(4));
            assertEquals(130, status, () -> "exit status after Ctrl-C; output:\n" + demo.output());
            assertTrue(demo.output().contains("demo: interrupted"), demo::output);
            // the demo's provider runs with GOLEM_PROVIDER_STOP_VMS_ON_EXIT=true: it stopped its VM before it exited,
            // and the demo says what it found before it cleaned up
            assertTrue(demo.output().contains("no VM left running by the provider"), demo::output);
            assertEverythingStopped(work, ports.all());
        }
    }

    @Test
    void aFailureHalfWayStopsWhatWasStarted() throws Exception {
        Path work = fresh("failed");
        DemoRun.Ports ports = DemoRun.Ports.free();
        // every SSH port of the provider's range taken: golem-provider start refuses to start the provider
        List<ServerSocket> taken = new ArrayList<>();
        try {
            for (int p = ports.sshFirst(); p <= ports.sshLast(); p++) {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                taken.add(s);
            }
            try (DemoRun demo = DemoRun.start(ROOT, work, ports, false)) {
                int status = demo.waitFor(Duration.ofMinutes(15));
                assertEquals(1, status, () -> "exit status; output:\n" + demo.output());
                String out = demo.output();
                assertTrue(out.contains("demo: the provider did not start"), out);
                assertTrue(out.contains("data and logs kept in " + work), out);
                assertTrue(out.contains("stopped: requestor"), out);
                List<Integer> servicePorts = List.of(ports.chain(), ports.discovery(), ports.portChecker(),
                        ports.provider(), ports.requestor());
                assertEverythingStopped(work, servicePorts);
            }
        } finally {
            for (ServerSocket s : taken) {
                s.close();
            }
        }
    }

    @Test
    void upLeavesTheStackForBothCommandsAndDownStopsIt() throws Exception {
        Path work = fresh("up");
        DemoRun.Ports ports = DemoRun.Ports.free();
        try {
            // providers found on chain only: no discovery service runs in this stack
            try (DemoRun up = DemoRun.start(ROOT, work, ports, false, "up", "micro",
                    Map.of("GOLEM_DEMO_DISCOVERY", "chain"))) {
                int status = up.waitFor(Duration.ofMinutes(15));
                assertEquals(0, status, () -> "bin/demo up exit status; output:\n" + up.output());
                assertTrue(up.output().contains("Stop it all: bin/demo down"), up::output);
                assertTrue(up.output().contains("discovery     none: providers are found in the ProviderRegistry"),
                        up::output);
                assertTrue(up.output().contains("console       http://127.0.0.1:" + ports.requestor() + "/console/"),
                        up::output);
            }
            // the console it names answers: its page, from the requestor service
            HttpResponse<String> console = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + ports.requestor() + "/console/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, console.statusCode(), console::body);
            assertTrue(console.body().contains("app.js"), console::body);
            assertFalse(Machine.listening(ports.discovery()), "no discovery service was started");
            // the stack stays up, and the env file points both commands at it
            JsonNode info = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + ports.provider() + "/api/v1/provider/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String providerId = info.path("provider_id").asText();
            JsonNode providers = JSON.readTree(shell(work, "bin/golem vm providers --json"));
            assertEquals(List.of(providerId), providers.path("providers").findValuesAsText("provider_id"),
                    "bin/golem lists the stack's provider, found on chain");
            assertEquals(List.of("chain"), providers.path("providers").findValuesAsText("source"),
                    "the listing's source");
            JsonNode status = JSON.readTree(shell(work, "bin/golem-provider status --json"));
            assertEquals(providerId, status.path("provider_id").asText(), "bin/golem-provider reads its provider");
            assertTrue(status.at("/payments/chain_ok").asBoolean(), status::toString);
        } finally {
            try (DemoRun down = DemoRun.start(ROOT, work, ports, false, "down", "micro")) {
                int status = down.waitFor(Duration.ofMinutes(4));
                assertEquals(0, status, () -> "bin/demo down exit status; output:\n" + down.output());
                assertTrue(down.output().contains("Stopping the demo stack in " + work), down::output);
            }
        }
        assertEverythingStopped(work, ports.all());
    }

    /** Runs {@code source <work>/env && command} in the repository root; @return its stdout (exit status 0) */
    private static String shell(Path work, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "source " + work.resolve("env") + " && " + command)
                .directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> command + " failed; stdout:\n" + out);
        return out;
    }

    /** No process names the work directory (services, VMs), and the ports of the run are free again. */
    private static void assertEverythingStopped(Path work, List<Integer> ports) {
        assertEquals(List.of(), Machine.processes(work + "/"), "processes of the demo still running");
        List<Integer> busy = ports.stream().filter(p -> !Machine.bindable(p)).toList();
        assertEquals(List.of(), busy, "ports of the demo still in use");
    }

    private static void awaitOrFail(DemoRun demo, Duration limit, String what, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (!demo.alive() || System.nanoTime() > end) {
                throw new AssertionError("no " + what + " while bin/demo ran; its output:\n" + demo.output());
            }
            Thread.sleep(500);
        }
    }

    private static JsonNode get(URI url, Path tokenFile) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                        .header("Authorization", "Bearer " + Files.readString(tokenFile).strip())
                        .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), () -> "GET " + url + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static BigInteger wei(JsonNode report, String pointer) {
        JsonNode n = report.at(pointer);
        assertFalse(n.isMissingNode() || n.asText().isEmpty(), "report has " + pointer);
        return new BigInteger(n.asText());
    }

    /** @return {@code BASE/name}, emptied (its report and output files too) */
    private static Path fresh(String name) throws IOException {
        Path work = BASE.resolve(name);
        if (Files.exists(work)) {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.deleteIfExists(Path.of(work + ".report.json"));
        Files.createDirectories(BASE);
        return work;
    }
}
