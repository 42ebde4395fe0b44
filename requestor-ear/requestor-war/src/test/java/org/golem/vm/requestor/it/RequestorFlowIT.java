package org.golem.vm.requestor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.requestor.stack.LocalStack;
import org.golem.vm.requestor.stack.RequestorApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The requestor service against the real marketplace ({@link LocalStack}: anvil, discovery, two providers — one
 * taking payments on another contract — and the requestor, each a Payara Micro process): find providers, create a VM
 * paid by a new stream and run a command in it over SSH, stop and start it, let the auto top-up extend its stream,
 * open / top up / inspect / terminate a stream with balances checked on chain, refuse the provider whose contract
 * differs without spending anything, get the deposit back when the provider refuses the VM, and destroy the VM with
 * its unvested deposit refunded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestorFlowIT {
    private static LocalStack stack;
    private static LocalStack.Service requestor;
    private static RequestorApi api;
    private static String providerA;
    private static String providerB;
    private static String wallet;
    private static StreamPaymentClient streams;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stack-"));
        LocalStack.Service discovery = stack.discovery();
        LocalStack.Service a = stack.provider("provider-a", discovery, 51780, Map.of());
        LocalStack.Service b = stack.provider("provider-b", discovery, 51800,
                Map.of("GOLEM_PROVIDER_STREAM_PAYMENT_ADDRESS", stack.otherContract()));
        requestor = stack.requestor(discovery, Map.of("GOLEM_REQUESTOR_TOPUP_INTERVAL_SECONDS", "5"));
        api = new RequestorApi(requestor.url(), requestor.dataDir);
        providerA = a.providerId();
        providerB = b.providerId();
        wallet = api.get("api/v1/info").get("address").asText();
        stack.anvil.setBalance(wallet, BigInteger.TEN.pow(20));
        streams = new StreamPaymentClient(stack.anvil.chain(), stack.anvil.streamPaymentAddress());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.get("api/v1/providers").get("providers").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1000); // both providers advertise within their first interval
        }
    }

    private static String createBody(String name, String provider, String image) {
        return "{\"name\":\"" + name + "\",\"provider_id\":\"" + provider + "\",\"cpu\":1,\"memory\":1,"
                + "\"storage\":10,\"hours\":1" + (image == null ? "" : ",\"image\":\"" + image + "\"") + "}";
    }

    /** Runs a command over SSH as the requestor's key; returns stdout, checks the host key fingerprint. */
    private static String ssh(JsonNode access, String command) throws Exception {
        JSch jsch = new JSch();
        jsch.addIdentity(access.get("private_key_file").asText());
        Session s = jsch.getSession(access.get("user").asText(), access.get("host").asText(),
                access.get("port").asInt());
        s.setConfig("StrictHostKeyChecking", "no");
        s.connect(20_000);
        try {
            byte[] blob = Base64.getDecoder().decode(s.getHostKey().getKey());
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
            assertEquals(access.get("host_key_fingerprint").asText(),
                    "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
            ChannelExec ch = (ChannelExec) s.openChannel("exec");
            ch.setCommand(command);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ch.setOutputStream(out);
            ch.connect(20_000);
            while (!ch.isClosed()) {
                Thread.sleep(50);
            }
            assertEquals(0, ch.getExitStatus(), out.toString(StandardCharsets.UTF_8));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            s.disconnect();
        }
    }

    @Test
    @Order(1)
    void providersAreListedWithAnEstimate() throws Exception {
        JsonNode list = api.get("api/v1/providers?cpu=1&memory=1&storage=10").get("providers");
        assertEquals(2, list.size(), list.toString());
        for (JsonNode p : list) {
            JsonNode e = p.get("estimate");
            assertNotNull(e, p.toString());
            assertEquals(0, new java.math.BigDecimal("8.0000").compareTo(e.get("usd_per_month").decimalValue()));
            assertTrue(e.get("rate_per_second_wei").bigIntegerValue().signum() > 0);
        }
    }

    @Test
    @Order(2)
    void aVmIsCreatedPaidAndReachable() throws Exception {
        BigInteger before = stack.anvil.balance(wallet);
        var accepted = api.send("POST", "api/v1/vms", createBody("flow-1", providerA, null));
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode job = api.awaitJob(accepted.json().get("job_id").asText(), Duration.ofSeconds(180));
        assertEquals("ready", job.get("status").asText(), job.toString());
        BigInteger stream = job.get("stream_id").bigIntegerValue();
        StreamState s = streams.stream(stream);
        assertEquals(wallet.toLowerCase(), s.sender().toLowerCase());
        assertEquals(providerA.toLowerCase(), s.recipient().toLowerCase());
        assertTrue(before.subtract(stack.anvil.balance(wallet)).compareTo(s.deposit()) >= 0, "the deposit was paid");
        JsonNode access = api.get("api/v1/vms/flow-1/access");
        assertTrue(ssh(access, "uname -a").contains("Linux"));
        assertEquals("running", api.get("api/v1/vms/flow-1").get("status").asText());
        var again = api.send("POST", "api/v1/vms", createBody("flow-1", providerA, null));
        assertEquals(409, again.status());
        assertEquals("VM_EXISTS", again.code());
    }

    @Test
    @Order(3)
    void stopAndStartOnTheProvider() throws Exception {
        assertEquals("stopped", api.send("POST", "api/v1/vms/flow-1/stop", null).json().get("status").asText());
        assertEquals("running", api.send("POST", "api/v1/vms/flow-1/start", null).json().get("status").asText());
        assertTrue(ssh(api.get("api/v1/vms/flow-1/access"), "echo again").contains("again"));
    }

    @Test
    @Order(4)
    void theAutoTopUpKeepsTheRunway() throws Exception {
        BigInteger stream = api.get("api/v1/vms/flow-1").get("stream_id").bigIntegerValue();
        long stopBefore = streams.stream(stream).stopTime();
        stack.anvil.increaseTime(2000); // runway ~1600 s < half of the 1 h target
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.stream(stream).stopTime() == stopBefore && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        StreamState after = streams.stream(stream);
        long runway = after.stopTime() - stack.anvil.now();
        assertTrue(after.stopTime() > stopBefore, "topped up");
        assertTrue(runway >= 3500 && runway <= 3600, "back to about the 1 h target: " + runway);
    }

    @Test
    @Order(5)
    void streamsOpenTopUpInspectTerminateWithBalancesOnChain() throws Exception {
        var opened = api.send("POST", "api/v1/streams", "{\"provider_id\":\"" + providerA
                + "\",\"cpu\":1,\"memory\":1,\"storage\":10,\"hours\":1}");
        assertEquals(200, opened.status(), opened.body());
        BigInteger id = opened.json().get("stream_id").bigIntegerValue();
        BigInteger rate = opened.json().get("rate_per_second_wei").bigIntegerValue();
        assertEquals(rate.multiply(BigInteger.valueOf(3600)), streams.stream(id).deposit());
        var topped = api.send("POST", "api/v1/streams/" + id + "/topup", "{\"hours\":2}");
        assertEquals(200, topped.status(), topped.body());
        assertEquals(rate.multiply(BigInteger.valueOf(3 * 3600)), streams.stream(id).deposit());
        JsonNode view = api.get("api/v1/streams/" + id);
        assertEquals("active", view.path("computed").get("status").asText());
        assertTrue(view.path("computed").get("remaining_seconds").asLong() > 3 * 3600 - 60);

        BigInteger before = stack.anvil.balance(wallet);
        var term = api.send("POST", "api/v1/streams/" + id + "/terminate", null);
        assertEquals(200, term.status(), term.body());
        BigInteger refund = term.json().get("refunded_wei").bigIntegerValue();
        TransactionReceipt r = stack.anvil.chain().web3j().ethGetTransactionReceipt(term.json().get("tx").asText())
                .send().getTransactionReceipt().orElseThrow();
        BigInteger gas = r.getGasUsed().multiply(new BigInteger(r.getEffectiveGasPrice().substring(2), 16));
        assertEquals(before.add(refund).subtract(gas), stack.anvil.balance(wallet), "refund arrived, exactly");
        assertTrue(streams.stream(id).terminated());
        var bad = api.send("POST", "api/v1/streams/" + id + "/topup", "{}");
        assertEquals(422, bad.status());
    }

    @Test
    @Order(6)
    void aProviderOnAnotherContractIsRefusedBeforeAnyPayment() throws Exception {
        BigInteger before = stack.anvil.balance(wallet);
        var refused = api.send("POST", "api/v1/vms", createBody("flow-b", providerB, null));
        assertEquals(409, refused.status(), refused.body());
        assertEquals("CONTRACT_MISMATCH", refused.code());
        assertEquals(before, stack.anvil.balance(wallet), "nothing spent");
        assertEquals(404, api.send("GET", "api/v1/vms/flow-b", null).status(), "nothing recorded");
    }

    @Test
    @Order(7)
    void whenTheProviderRefusesTheVmTheDepositComesBack() throws Exception {
        var accepted = api.send("POST", "api/v1/vms", createBody("flow-2", providerA, "no-such-image"));
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode job = api.awaitJob(accepted.json().get("job_id").asText(), Duration.ofSeconds(120));
        assertEquals("failed", job.get("status").asText(), job.toString());
        assertEquals("PROVIDER_REFUSED", job.path("error").get("code").asText());
        assertTrue(job.path("error").get("message").asText().contains("refunded"), job.toString());
        assertTrue(streams.stream(job.get("stream_id").bigIntegerValue()).terminated(), "stream terminated");
        assertEquals(404, api.send("GET", "api/v1/vms/flow-2", null).status(), "no record left");
    }

    @Test
    @Order(8)
    void destroyRefundsTheUnvestedDeposit() throws Exception {
        BigInteger stream = api.get("api/v1/vms/flow-1").get("stream_id").bigIntegerValue();
        var deleted = api.send("DELETE", "api/v1/vms/flow-1", null);
        assertEquals(200, deleted.status(), deleted.body());
        assertTrue(deleted.json().get("refund_wei").bigIntegerValue().signum() > 0, deleted.body());
        assertTrue(streams.stream(stream).terminated());
        assertEquals(404, api.send("GET", "api/v1/vms/flow-1", null).status());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stack.qemuProcesses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, stack.qemuProcesses(), "the VM is gone on the provider");
        assertFalse(api.get("api/v1/vms").get("vms").elements().hasNext());
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }
}
