package org.golem.vm.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * destroy (which removes the VM's pinned host key), stream open / topup / inspect / terminate with balances checked
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv env = CliEnv.builder().env(Map.of()).userHome(stack.work.resolve("home"))
                .golemHome(stack.root).stdin(new ByteArrayInputStream(new byte[0])).stdout(out).stderr(err)
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
        LocalStack.Service a = stack.provider("provider-a", discovery, 51820, Map.of());
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
