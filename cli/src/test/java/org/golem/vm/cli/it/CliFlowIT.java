package org.golem.vm.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.golem.vm.cli.requestor.GolemCli;
import org.golem.vm.cli.support.CliEnv;
import org.golem.vm.common.json.Json;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.requestor.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The {@code golem} CLI as a user runs it, against the real marketplace ({@code LocalStack}: anvil with our
 * contract, discovery, two providers — one taking payments on another contract — and the requestor service, each a
 * Payara Micro process, micro VMs under QEMU): providers with filters, create → exec → stats → stop → start → exec →
 * the VM's network through the requestor ({@code vm proxy}, {@code vm ssh --share-network}; provider A runs with
 * egress {@code none}, so without them the VM reaches nothing) → destroy (which removes the VM's pinned host key), stream open / topup / inspect / terminate with balances checked
 * on chain, the refusal of the provider whose contract differs, and the provider's operator with
 * {@code golem-provider}: status, wallet, earnings and a withdrawal on chain, a price change advertised without a
 * restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliFlowIT {
    private static LocalStack stack;
    private static LocalStack.Service requestor;
    private static LocalStack.Service providerServiceA;
    private static String providerA;
    private static String providerB;
    private static String wallet;
    private static StreamPaymentClient streams;

    /** One CLI run: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            return Json.tree(out);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Run golem(String... args) {
        return golemWith(new byte[0], new ByteArrayOutputStream(), args);
    }

    /** A CLI run with this standard input (not a terminal), its stdout written to {@code out} as it comes. */
    private static Run golemWith(byte[] stdin, ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv env = CliEnv.builder().env(Map.of()).userHome(stack.work.resolve("home"))
                .golemHome(stack.root).stdin(new ByteArrayInputStream(stdin)).stdout(out).stderr(err)
                .stdinTerminal(() -> false).stdoutTerminal(() -> false).jobPollInterval(Duration.ofSeconds(1))
                .startTimeout(Duration.ofSeconds(60)).statsInterval(Duration.ofSeconds(2))
                .readyGrace(Duration.ofSeconds(2)).build();
        List<String> all = new ArrayList<>(List.of("--api=" + requestor.url(), "--data-dir=" + requestor.dataDir,
                "--no-start"));
        all.addAll(List.of(args));
        int code = GolemCli.run(env, all.toArray(new String[0]));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code golem-provider} against provider A (its URL and data directory, as its operator would). */
    private static Run operator(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv env = CliEnv.builder().env(Map.of()).userHome(stack.work.resolve("home"))
                .golemHome(stack.root).stdin(new ByteArrayInputStream(new byte[0])).stdout(out).stderr(err)
                .stdinTerminal(() -> false).stdoutTerminal(() -> false).build();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url=" + providerServiceA.url());
        all.add("--data-dir=" + providerServiceA.dataDir);
        int code = org.golem.vm.cli.provider.GolemProviderCli.run(env, all.toArray(new String[0]));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stack-"));
        LocalStack.Service discovery = stack.discovery();
        // egress none: the VM reaches nothing but through the requestor (vm proxy); nothing else here needs more
        LocalStack.Service a = stack.provider("provider-a", discovery, 51820, Map.of("GOLEM_PROVIDER_EGRESS", "none"));
        providerServiceA = a;
        LocalStack.Service b = stack.provider("provider-b", discovery, 51840,
                Map.of("GOLEM_PROVIDER_STREAM_PAYMENT_ADDRESS", stack.otherContract(),
                        "GOLEM_PROVIDER_COUNTRY", "DE"));
        requestor = stack.requestor(discovery, Map.of());
        providerA = a.providerId();
        providerB = b.providerId();
        streams = new StreamPaymentClient(stack.anvil.chain(), stack.anvil.streamPaymentAddress());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Run r = golem("vm", "providers", "--json");
            if (r.exit() == 0 && r.json().get("providers").size() == 2) {
                break;
            }
            Thread.sleep(1000);
        }
    }

    @Test
    @Order(10)
    void walletAndFaucet() {
        Run address = golem("wallet", "address", "--json");
        assertEquals(0, address.exit(), address.toString());
        wallet = address.json().get("address").asText();
        Run faucet = golem("wallet", "faucet", "--json");
        assertEquals(0, faucet.exit(), faucet.toString());
        assertEquals(BigInteger.TEN.pow(20), stack.anvil.balance(wallet), "the dev-chain faucet funded the wallet");
        Run balance = golem("wallet", "balance");
        assertEquals(0, balance.exit(), balance.toString());
        assertTrue(balance.out().contains("100 ETH"), balance.out());
    }

    @Test
    @Order(20)
    void providersWithFiltersAndAnEstimate() {
        Run all = golem("vm", "providers", "--cpu", "1", "--memory", "1", "--storage", "10", "--json");
        assertEquals(0, all.exit(), all.toString());
        assertEquals(2, all.json().get("providers").size(), all.out());
        assertTrue(all.json().get("providers").get(0).has("estimate"));
        Run de = golem("vm", "providers", "--country", "DE", "--json");
        assertEquals(1, de.json().get("providers").size(), de.out());
        assertEquals(providerB, de.json().get("providers").get(0).get("provider_id").asText());
        Run table = golem("vm", "providers", "--cpu", "1", "--memory", "1", "--storage", "10");
        assertEquals(0, table.exit(), table.toString());
        assertTrue(table.out().contains(providerA), table.out());
    }

    @Test
    @Order(30)
    void createExecStopStartExec() {
        Run created = golem("vm", "create", "cli-1", "--provider-id", providerA, "--cpu", "1", "--memory", "1",
                "--storage", "10", "--hours", "1", "--yes");
        assertEquals(0, created.exit(), created.toString());
        assertTrue(created.err().contains("booting") || created.err().contains("creating"), created.err());

        Run uname = golem("vm", "exec", "cli-1", "--", "uname", "-a");
        assertEquals(0, uname.exit(), uname.toString());
        assertTrue(uname.out().contains("Linux"), uname.out());
        Run three = golem("vm", "exec", "cli-1", "--", "sh", "-c", "exit 3");
        assertEquals(3, three.exit(), "the remote command's exit code: " + three);

        // the micro image keeps its root in memory: stats report the rented disk, where it is mounted
        Run stats = golem("vm", "stats", "cli-1");
        assertEquals(0, stats.exit(), stats.toString());
        assertTrue(stats.out().contains("\nDisk /root : "), stats.out());
        JsonNode sample = golem("vm", "stats", "cli-1", "--json").json();
        assertEquals("/root", sample.get("disk_mount").asText(), sample.toString());
        long diskKib = sample.get("disk_size_kib").asLong();
        assertTrue(diskKib > 10L * 1024 * 1024 * 95 / 100 && diskKib <= 10L * 1024 * 1024, "10 GiB disk: " + sample);
        assertTrue(sample.get("cpu_percent").isNumber() && sample.get("memory_total_mib").asLong() > 0,
                sample.toString());

        assertEquals(0, golem("vm", "stop", "cli-1").exit());
        assertEquals("stopped", golem("vm", "info", "cli-1", "--json").json().get("status").asText());
        assertEquals(0, golem("vm", "start", "cli-1").exit());
        Run again = golem("vm", "exec", "cli-1", "--", "echo", "back");
        assertEquals(0, again.exit(), "same host key after the restart, so the pinned key still matches: " + again);
        assertTrue(again.out().contains("back"));
        Run list = golem("vm", "list", "--json");
        assertEquals(1, list.json().get("vms").size(), list.out());
    }

    /** Requestor-side HTTP server on 127.0.0.1: {@code /blob?seed=N} (512 KiB each), requests counted. */
    private static HttpServer requestorSideServer(AtomicInteger requests) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/blob", ex -> {
            requests.incrementAndGet();
            byte[] body = blob(Long.parseLong(ex.getRequestURI().getQuery().substring("seed=".length())));
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return server;
    }

    private static byte[] blob(long seed) {
        byte[] b = new byte[512 * 1024];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    @Order(32)
    void theVmReachesTheNetworkOnlyThroughTheRequestor() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = requestorSideServer(requests);
        int port = server.getAddress().getPort();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            // egress none: the host (10.0.2.2 in QEMU's user network, this machine's 127.0.0.1) is out of reach.
            // nc, as EgressTest probes: under egress open this prints the whole answer (524387 bytes); busybox wget
            // cannot serve as the probe, it crashes on a direct URL in the micro image
            Run direct = golem("vm", "exec", "cli-1", "--",
                    "printf 'GET /blob?seed=1 HTTP/1.0\\r\\n\\r\\n' | nc -w 3 10.0.2.2 " + port + " | wc -c");
            assertEquals("0", direct.out().strip(), "the VM reached the host without the proxy: " + direct);
            assertEquals(0, requests.get());

            ByteArrayOutputStream proxyOut = new ByteArrayOutputStream();
            Future<Run> proxy = background.submit(() -> golemWith(new byte[0], proxyOut, "vm", "proxy", "cli-1",
                    "--json"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!proxyOut.toString(StandardCharsets.UTF_8).contains("\"environment\"")) {
                assertFalse(proxy.isDone(), () -> "vm proxy ended: " + futureRun(proxy));
                assertTrue(System.nanoTime() < deadline, "vm proxy not ready in 30 s");
                Thread.sleep(200);
            }
            StringBuilder script = new StringBuilder("export http_proxy=http://127.0.0.1:3128; cd /tmp; ");
            for (int i = 1; i <= 8; i++) {
                script.append("(wget -q -O- 'http://127.0.0.1:").append(port).append("/blob?seed=").append(i)
                        .append("' | sha256sum >sum.").append(i).append(") & ");
            }
            script.append("wait; cat sum.1 sum.2 sum.3 sum.4 sum.5 sum.6 sum.7 sum.8");
            Run fetched = golem("vm", "exec", "cli-1", "--", script.toString());
            assertEquals(0, fetched.exit(), fetched.toString());
            StringBuilder expected = new StringBuilder();
            for (int i = 1; i <= 8; i++) {
                expected.append(sha256(blob(i))).append("  -\n");
            }
            assertEquals(expected.toString(), fetched.out(), "8 parallel transfers through the proxy, by SHA-256");
            assertEquals(8, requests.get());

            background.shutdownNow(); // interrupts vm proxy, as Ctrl+C does
            Run stopped = proxy.get(30, TimeUnit.SECONDS);
            assertEquals(0, stopped.exit(), stopped.toString());
            List<JsonNode> docs = Json.mapper().readerFor(JsonNode.class).<JsonNode>readValues(stopped.out())
                    .readAll();
            assertEquals("http://127.0.0.1:3128", docs.get(0).path("environment").get("http_proxy").asText());
            JsonNode summary = docs.get(1);
            assertEquals("stopped", summary.get("ended").asText(), summary.toString());
            assertEquals(8, summary.get("connections").asInt(), summary.toString());
            assertTrue(summary.get("bytes_down").asLong() >= 8L * 512 * 1024, summary.toString());

            // the same for an interactive session: the proxy variables are set in the VM's login shell
            Run shell = golemWith(("echo \"proxy=$http_proxy all=$all_proxy\"; wget -q -O- 'http://127.0.0.1:" + port
                    + "/blob?seed=9' | sha256sum; exit 7\n").getBytes(StandardCharsets.UTF_8),
                    new ByteArrayOutputStream(), "vm", "ssh", "cli-1", "--share-network");
            assertEquals(7, shell.exit(), shell.toString());
            assertTrue(shell.out().contains("proxy=http://127.0.0.1:3128 all=socks5h://127.0.0.1:3128\n"),
                    shell.toString());
            assertTrue(shell.out().contains(sha256(blob(9)) + "  -\n"), shell.toString());
            assertTrue(shell.err().contains("proxy: 0 open, 1 connection, "), shell.toString());
            assertEquals(9, requests.get());
        } finally {
            background.shutdownNow();
            server.stop(0);
        }
    }

    private static String futureRun(Future<Run> f) {
        try {
            return f.get().toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    @Order(35)
    void theOperatorSeesTheVmAndCollectsItsEarnings() throws Exception {
        Run status = operator("status", "--json");
        assertEquals(0, status.exit(), status.toString());
        assertEquals(providerA, status.json().get("provider_id").asText());
        assertEquals("tcg", status.json().path("hypervisor").get("accelerator").asText());

        assertEquals(0, operator("wallet", "faucet", "--json").exit(), "gas for withdrawals");
        Run balance = operator("wallet", "balance", "--json");
        assertEquals(BigInteger.TEN.pow(19), balance.json().get("balance_wei").bigIntegerValue(), balance.out());

        BigInteger stream = golem("vm", "info", "cli-1", "--json").json().get("stream_id").bigIntegerValue();
        stack.anvil.increaseTime(120);
        Run earnings = operator("streams", "earnings", "--json");
        assertEquals(0, earnings.exit(), earnings.toString());
        assertTrue(earnings.json().path("totals").get("withdrawable").bigIntegerValue().signum() > 0, earnings.out());
        Run withdraw = operator("streams", "withdraw", "--all", "--json");
        assertEquals(0, withdraw.exit(), withdraw.toString());
        assertTrue(streams.stream(stream).withdrawn().signum() > 0, "withdrawn on chain");

        Run price = operator("pricing", "set", "--usd-per-core", "6", "--usd-per-mem", "2", "--usd-per-disk", "0.1",
                "--json");
        assertEquals(0, price.exit(), price.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String advertised = "";
        while (System.nanoTime() < deadline) {
            for (JsonNode p : golem("vm", "providers", "--json").json().get("providers")) {
                if (p.get("provider_id").asText().equals(providerA)) {
                    advertised = p.path("pricing").get("usd_per_core_month").asText();
                }
            }
            if (advertised.startsWith("6")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(advertised.startsWith("6"), "the new price is advertised without a restart: " + advertised);
        Run monitor = operator("config", "monitor", "--interval", "5", "--json");
        assertEquals(0, monitor.exit(), monitor.toString());
        assertEquals(5, monitor.json().get("interval_seconds").asInt(), monitor.out());
    }

    @Test
    @Order(40)
    void streamOpenTopUpInspectTerminateOnChain() throws Exception {
        Run open = golem("vm", "stream", "open", "--provider-id", providerA, "--cpu", "1", "--memory", "1",
                "--storage", "10", "--hours", "1", "--json");
        assertEquals(0, open.exit(), open.toString());
        BigInteger id = open.json().get("stream_id").bigIntegerValue();
        BigInteger rate = open.json().get("rate_per_second_wei").bigIntegerValue();
        assertEquals(rate.multiply(BigInteger.valueOf(3600)), streams.stream(id).deposit());

        Run topup = golem("vm", "stream", "topup", "--stream-id", id.toString(), "--hours", "1", "--json");
        assertEquals(0, topup.exit(), topup.toString());
        assertEquals(rate.multiply(BigInteger.valueOf(7200)), streams.stream(id).deposit());

        Run inspect = golem("vm", "stream", "inspect", "--stream-id", id.toString(), "--json");
        assertEquals(0, inspect.exit(), inspect.toString());
        assertEquals("active", inspect.json().path("computed").get("status").asText());

        BigInteger before = stack.anvil.balance(wallet);
        Run term = golem("vm", "stream", "terminate", "--stream-id", id.toString(), "--json");
        assertEquals(0, term.exit(), term.toString());
        BigInteger refund = term.json().get("refunded_wei").bigIntegerValue();
        TransactionReceipt r = stack.anvil.chain().web3j().ethGetTransactionReceipt(term.json().get("tx").asText())
                .send().getTransactionReceipt().orElseThrow();
        BigInteger gas = r.getGasUsed().multiply(new BigInteger(r.getEffectiveGasPrice().substring(2), 16));
        assertEquals(before.add(refund).subtract(gas), stack.anvil.balance(wallet), "refund on chain, exactly");
        assertTrue(streams.stream(id).terminated());
    }

    @Test
    @Order(50)
    void aProviderOnAnotherContractIsRefused() {
        BigInteger before = stack.anvil.balance(wallet);
        Run refused = golem("vm", "create", "cli-b", "--provider-id", providerB, "--cpu", "1", "--memory", "1",
                "--storage", "10", "--yes");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("CONTRACT_MISMATCH"), refused.err());
        assertEquals(before, stack.anvil.balance(wallet), "nothing spent");
    }

    @Test
    @Order(60)
    void destroyRefundsAndLeavesNothing() throws Exception {
        BigInteger stream = golem("vm", "info", "cli-1", "--json").json().get("stream_id").bigIntegerValue();
        Path knownHosts = requestor.dataDir.resolve("ssh").resolve("known_hosts");
        String pin = "cli-1." + providerA.toLowerCase(java.util.Locale.ROOT) + ".golem-vm ";
        assertTrue(Files.readString(knownHosts).contains(pin), "exec pinned the VM's host key under its own name");
        Run destroyed = golem("vm", "destroy", "cli-1");
        assertEquals(0, destroyed.exit(), destroyed.toString());
        assertFalse(Files.readString(knownHosts).contains(pin), "destroy removes the VM's pin");
        assertTrue(streams.stream(stream).terminated(), "stream terminated (refund)");
        Run list = golem("vm", "list", "--json");
        assertEquals(0, list.json().get("vms").size(), list.out());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stack.qemuProcesses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, stack.qemuProcesses());
        Run unknown = golem("vm", "info", "cli-1");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("golem: "), unknown.err());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }
}
