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
import java.util.Set;
import java.util.TreeSet;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.testing.WireRecording;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.requestor.stack.LocalStack;
import org.golem.vm.requestor.stack.RequestorApi;
import org.golem.vm.requestor.stack.TerminalClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The requestor service against the real marketplace ({@link LocalStack}: anvil, discovery, two providers — one
 * taking payments on another contract — and the requestor, each a Payara Micro process): find providers, create a VM
 * paid by a new stream and run a command in it over SSH, stop and start it, let the auto top-up extend its stream,
 * open / top up / inspect / terminate a stream with balances checked on chain, refuse the provider whose contract
 * differs without spending anything, get the deposit back when the provider refuses the VM, and destroy the VM with
 * its unvested deposit refunded. Every route's answer and its main refusals are compared with their recorded shape
 * ({@link WireRecording}, files in {@code src/test/resources/wire/requestor-*.json}).
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
    /** The job's {@code error} is built with {@code Map.of}: its two fields come in either order. */
    private static final WireRecording WIRE = WireRecording.fromSystemProperties().prefixed("requestor-")
            .ignoringFieldOrderAt("$.body.error");

    /** Compares the answer with its recorded shape and hands it on. */
    private static RequestorApi.Reply wire(String name, String route, RequestorApi.Reply r) {
        WIRE.check(name, route, r.status(), r.body());
        return r;
    }

    /** GETs {@code path}, compares the answer with its recorded shape and returns its JSON. */
    private static JsonNode wireGet(String name, String route, String path) throws Exception {
        RequestorApi.Reply r = wire(name, route, api.send("GET", path, null));
        assertEquals(200, r.status(), path + ": " + r.body());
        return r.json();
    }

    /** The central discovery service: stopped by the last test, which then finds providers on chain only. */
    private static LocalStack.Service discovery;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "stack-"));
        discovery = stack.discovery();
        // provider-a also offers "unusable": a file that passes the catalogue's checks (qcow2 magic) but that no VM
        // can be made from, so a creation the requestor lets through is refused by the provider after the stream
        // is opened
        Path unusable = stack.work.resolve("unusable.qcow2");
        Files.write(unusable, new byte[]{'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        LocalStack.Service a = stack.provider("provider-a", discovery, 51780, Map.of("GOLEM_PROVIDER_VM_IMAGES",
                "micro=" + stack.microImage() + ",unusable=" + unusable + ",unusable.user=nobody"));
        LocalStack.Service b = stack.provider("provider-b", discovery, 51800,
                Map.of("GOLEM_PROVIDER_STREAM_PAYMENT_ADDRESS", stack.otherContract()));
        requestor = stack.requestor(discovery, Map.of("GOLEM_REQUESTOR_TOPUP_INTERVAL_SECONDS", "5"));
        api = new RequestorApi(requestor.url(), requestor.dataDir);
        providerA = a.providerId();
        providerB = b.providerId();
        // gas for the providers' entries in the ProviderRegistry (the stack's deployment names it, so each advertises
        // there as well as to discovery; without ETH they say so and retry on their next tick)
        stack.anvil.setBalance(providerA, BigInteger.TEN.pow(19));
        stack.anvil.setBalance(providerB, BigInteger.TEN.pow(19));
        wallet = api.get("api/v1/info").get("address").asText();
        stack.anvil.setBalance(wallet, BigInteger.TEN.pow(20));
        streams = new StreamPaymentClient(stack.anvil.chain(), stack.anvil.streamPaymentAddress());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((api.get("api/v1/providers?discovery=central").get("providers").size() < 2
                || api.get("api/v1/providers?discovery=chain").get("providers").size() < 2)
                && System.nanoTime() < deadline) {
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
        RequestorApi.Reply reply = api.send("GET", "api/v1/providers?cpu=1&memory=1&storage=10", null);
        assertEquals(200, reply.status(), reply.body());
        // the listing's order is the freshest first, which depends on when each provider last advertised: the
        // recorded shape is compared in a fixed order (provider-a, with its two images, first)
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                reply.json().deepCopy();
        java.util.List<JsonNode> sorted = new java.util.ArrayList<>();
        body.get("providers").forEach(sorted::add);
        sorted.sort(java.util.Comparator.comparingInt((JsonNode n) -> -n.path("images").size()));
        body.putArray("providers").addAll(sorted);
        WIRE.check("providers", "GET /api/v1/providers", reply.status(), body.toString());
        JsonNode list = body.get("providers");
        assertEquals(2, list.size(), list.toString());
        for (JsonNode p : list) {
            JsonNode e = p.get("estimate");
            assertNotNull(e, p.toString());
            assertEquals(0, new java.math.BigDecimal("8.0000").compareTo(e.get("usd_per_month").decimalValue()));
            assertTrue(e.get("rate_per_second_wei").bigIntegerValue().signum() > 0);
        }
        assertEquals("VALIDATION_ERROR", wire("providers-invalid", "GET /api/v1/providers",
                api.send("GET", "api/v1/providers?cpu=0", null)).code());
    }

    @Test
    @Order(0)
    void serviceRoutesAnswerInTheirRecordedShape() throws Exception {
        wireGet("root", "GET /", "");
        wireGet("info", "GET /api/v1/info", "api/v1/info");
        wireGet("wallet", "GET /api/v1/wallet", "api/v1/wallet");
        wireGet("vms-empty", "GET /api/v1/vms", "api/v1/vms");
        wireGet("legacy-vms-empty", "GET /vms", "vms");
        wireGet("streams-empty", "GET /api/v1/streams", "api/v1/streams");
        assertEquals(404, wire("job-not-found", "GET /api/v1/jobs/{id}",
                api.send("GET", "api/v1/jobs/no-such-job", null)).status());
        assertEquals(404, wire("vm-not-found", "GET /api/v1/vms/{name}",
                api.send("GET", "api/v1/vms/no-such-vm", null)).status());
        int invalid = wire("create-invalid", "POST /api/v1/vms",
                api.send("POST", "api/v1/vms", "{\"name\":\"x\"}")).status();
        assertTrue(invalid >= 400 && invalid < 500, "a create without provider and resources: " + invalid);
        assertEquals(422, wire("stream-invalid-id", "GET /api/v1/streams/{id}",
                api.send("GET", "api/v1/streams/abc", null)).status());
        java.net.http.HttpResponse<String> noToken = WIRE.check("vms-no-token", "GET /api/v1/vms",
                java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(requestor.url().resolve("api/v1/vms")).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()));
        assertEquals(401, noToken.statusCode(), noToken.body());
    }

    @Test
    @Order(2)
    void aVmIsCreatedPaidAndReachable() throws Exception {
        BigInteger before = stack.anvil.balance(wallet);
        var accepted = wire("create", "POST /api/v1/vms",
                api.send("POST", "api/v1/vms", createBody("flow-1", providerA, null)));
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode job = api.awaitJob(accepted.json().get("job_id").asText(), Duration.ofSeconds(180));
        assertEquals("ready", job.get("status").asText(), job.toString());
        wireGet("job-ready", "GET /api/v1/jobs/{id}", "api/v1/jobs/" + accepted.json().get("job_id").asText());
        BigInteger stream = job.get("stream_id").bigIntegerValue();
        StreamState s = streams.stream(stream);
        assertEquals(wallet.toLowerCase(), s.sender().toLowerCase());
        assertEquals(providerA.toLowerCase(), s.recipient().toLowerCase());
        assertTrue(before.subtract(stack.anvil.balance(wallet)).compareTo(s.deposit()) >= 0, "the deposit was paid");
        JsonNode access = wireGet("access", "GET /api/v1/vms/{name}/access", "api/v1/vms/flow-1/access");
        assertTrue(ssh(access, "uname -a").contains("Linux"));
        assertEquals("running", wireGet("vm", "GET /api/v1/vms/{name}", "api/v1/vms/flow-1").get("status").asText());
        wireGet("vms", "GET /api/v1/vms", "api/v1/vms");
        wireGet("legacy-vms", "GET /vms", "vms");
        wireGet("vm-stream", "GET /api/v1/vms/{name}/stream", "api/v1/vms/flow-1/stream");
        wireGet("streams", "GET /api/v1/streams", "api/v1/streams");
        var again = wire("create-vm-exists", "POST /api/v1/vms",
                api.send("POST", "api/v1/vms", createBody("flow-1", providerA, null)));
        assertEquals(409, again.status());
        assertEquals("VM_EXISTS", again.code());
    }

    @Test
    @Order(3)
    void stopAndStartOnTheProvider() throws Exception {
        assertEquals("stopped", wire("stop", "POST /api/v1/vms/{name}/stop",
                api.send("POST", "api/v1/vms/flow-1/stop", null)).json().get("status").asText());
        assertEquals(409, wire("access-vm-not-running", "GET /api/v1/vms/{name}/access",
                api.send("GET", "api/v1/vms/flow-1/access", null)).status());
        assertEquals("running", wire("start", "POST /api/v1/vms/{name}/start",
                api.send("POST", "api/v1/vms/flow-1/start", null)).json().get("status").asText());
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
        var opened = wire("stream-open", "POST /api/v1/streams", api.send("POST", "api/v1/streams",
                "{\"provider_id\":\"" + providerA + "\",\"cpu\":1,\"memory\":1,\"storage\":10,\"hours\":1}"));
        assertEquals(200, opened.status(), opened.body());
        BigInteger id = opened.json().get("stream_id").bigIntegerValue();
        BigInteger rate = opened.json().get("rate_per_second_wei").bigIntegerValue();
        assertEquals(rate.multiply(BigInteger.valueOf(3600)), streams.stream(id).deposit());
        var topped = wire("stream-topup", "POST /api/v1/streams/{id}/topup",
                api.send("POST", "api/v1/streams/" + id + "/topup", "{\"hours\":2}"));
        assertEquals(200, topped.status(), topped.body());
        assertEquals(rate.multiply(BigInteger.valueOf(3 * 3600)), streams.stream(id).deposit());
        JsonNode view = wireGet("stream", "GET /api/v1/streams/{id}", "api/v1/streams/" + id);
        assertEquals("active", view.path("computed").get("status").asText());
        assertTrue(view.path("computed").get("remaining_seconds").asLong() > 3 * 3600 - 60);

        BigInteger before = stack.anvil.balance(wallet);
        var term = wire("stream-terminate", "POST /api/v1/streams/{id}/terminate",
                api.send("POST", "api/v1/streams/" + id + "/terminate", null));
        assertEquals(200, term.status(), term.body());
        BigInteger refund = term.json().get("refunded_wei").bigIntegerValue();
        TransactionReceipt r = stack.anvil.chain().web3j().ethGetTransactionReceipt(term.json().get("tx").asText())
                .send().getTransactionReceipt().orElseThrow();
        BigInteger gas = r.getGasUsed().multiply(new BigInteger(r.getEffectiveGasPrice().substring(2), 16));
        assertEquals(before.add(refund).subtract(gas), stack.anvil.balance(wallet), "refund arrived, exactly");
        assertTrue(streams.stream(id).terminated());
        var bad = wire("stream-topup-invalid", "POST /api/v1/streams/{id}/topup",
                api.send("POST", "api/v1/streams/" + id + "/topup", "{}"));
        assertEquals(422, bad.status());
        wire("stream-terminate-again", "POST /api/v1/streams/{id}/terminate",
                api.send("POST", "api/v1/streams/" + id + "/terminate", null));
    }

    @Test
    @Order(6)
    void aProviderOnAnotherContractIsRefusedBeforeAnyPayment() throws Exception {
        BigInteger before = stack.anvil.balance(wallet);
        var refused = wire("create-contract-mismatch", "POST /api/v1/vms",
                api.send("POST", "api/v1/vms", createBody("flow-b", providerB, null)));
        assertEquals(409, refused.status(), refused.body());
        assertEquals("CONTRACT_MISMATCH", refused.code());
        assertEquals(before, stack.anvil.balance(wallet), "nothing spent");
        assertEquals(404, api.send("GET", "api/v1/vms/flow-b", null).status(), "nothing recorded");
    }

    @Test
    @Order(6)
    void anImageTheProviderDoesNotOfferIsRefusedBeforeAnyPayment() throws Exception {
        BigInteger before = stack.anvil.balance(wallet);
        var images = wire("provider-images", "GET /api/v1/providers/{provider_id}/images",
                api.send("GET", "api/v1/providers/" + providerA + "/images", null));
        assertEquals(200, images.status(), images.body());
        assertEquals("micro", images.json().at("/images/0/name").asText());
        assertEquals("root", images.json().at("/images/0/login_user").asText());
        var refused = wire("create-unknown-image", "POST /api/v1/vms",
                api.send("POST", "api/v1/vms", createBody("flow-2", providerA, "no-such-image")));
        assertEquals(422, refused.status(), refused.body());
        assertEquals("UNKNOWN_IMAGE", refused.code());
        assertTrue(refused.body().contains("it offers: micro, unusable"), refused.body());
        assertEquals(before, stack.anvil.balance(wallet), "nothing spent");
        assertEquals(404, api.send("GET", "api/v1/vms/flow-2", null).status(), "nothing recorded");
    }

    private static String token() throws Exception {
        return Files.readString(requestor.dataDir.resolve("api.token")).strip();
    }

    @Test
    @Order(6)
    void theTerminalRefusesAWrongTokenAndAnUnknownVm() throws Exception {
        try (TerminalClient t = new TerminalClient(requestor.url(), "flow-1")) {
            JsonNode e = t.send("{\"type\":\"auth\",\"token\":\"wrong\",\"cols\":80,\"rows\":24}").frame();
            assertEquals("error", e.get("type").asText(), e.toString());
            assertEquals("UNAUTHORIZED", e.get("code").asText(), e.toString());
            assertEquals(4401, t.closeCode());
        }
        try (TerminalClient t = new TerminalClient(requestor.url(), "no-such-vm")) {
            JsonNode e = t.send("{\"type\":\"auth\",\"token\":\"" + token() + "\"}").frame();
            assertEquals("VM_NOT_FOUND", e.get("code").asText(), e.toString());
            assertEquals(4404, t.closeCode());
        }
    }

    @Test
    @Order(6)
    void theTerminalRunsAShellInTheVmWithItsPinnedHostKey() throws Exception {
        String fingerprint = api.get("api/v1/vms/flow-1/access").get("host_key_fingerprint").asText();
        try (TerminalClient t = new TerminalClient(requestor.url(), "flow-1")) {
            JsonNode ready = t.send("{\"type\":\"auth\",\"token\":\"" + token() + "\",\"cols\":100,\"rows\":30}")
                    .frame();
            assertEquals("ready", ready.get("type").asText(), ready.toString());
            assertEquals(fingerprint, ready.get("host_key_fingerprint").asText());
            t.send("{\"type\":\"resize\",\"cols\":120,\"rows\":40}");
            t.send("{\"type\":\"input\",\"data\":\"uname -a; stty size\\n\"}");
            String out = t.awaitOutput("40 120");
            assertTrue(out.contains("Linux"), out);
            assertTrue(out.contains("40 120"), "the resize reached the PTY: " + out);
            t.send("{\"type\":\"input\",\"data\":\"exit 3\\n\"}");
            JsonNode exit = t.frame();
            assertEquals("exit", exit.get("type").asText(), exit.toString());
            assertEquals(3, exit.get("status").asInt());
            assertEquals(1000, t.closeCode());
        }
    }

    @Test
    @Order(6)
    void aTopUpBySecondsExtendsTheStreamByExactlyThatLong() throws Exception {
        BigInteger stream = api.get("api/v1/vms/flow-1").get("stream_id").bigIntegerValue();
        StreamState before = streams.stream(stream);
        var topped = api.send("POST", "api/v1/streams/" + stream + "/topup", "{\"seconds\":1800}");
        assertEquals(200, topped.status(), topped.body());
        StreamState after = streams.stream(stream);
        BigInteger wei = before.ratePerSecond().multiply(BigInteger.valueOf(1800));
        assertEquals(wei, topped.json().get("topped_up_wei").bigIntegerValue());
        assertEquals(before.deposit().add(wei), after.deposit(), "rate × 1800 wei on chain");
        assertEquals(before.stopTime() + 1800, after.stopTime(), "30 minutes more runway");
        var both = api.send("POST", "api/v1/streams/" + stream + "/topup", "{\"seconds\":60,\"hours\":1}");
        assertEquals(422, both.status(), both.body());
    }

    @Test
    @Order(7)
    void whenTheProviderRefusesTheVmTheDepositComesBack() throws Exception {
        var accepted = api.send("POST", "api/v1/vms", createBody("flow-2", providerA, "unusable"));
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode job = api.awaitJob(accepted.json().get("job_id").asText(), Duration.ofSeconds(120));
        assertEquals("failed", job.get("status").asText(), job.toString());
        wireGet("job-failed", "GET /api/v1/jobs/{id}", "api/v1/jobs/" + accepted.json().get("job_id").asText());
        assertEquals("PROVIDER_REFUSED", job.path("error").get("code").asText());
        assertTrue(job.path("error").get("message").asText().contains("refunded"), job.toString());
        assertTrue(streams.stream(job.get("stream_id").bigIntegerValue()).terminated(), "stream terminated");
        assertEquals(404, api.send("GET", "api/v1/vms/flow-2", null).status(), "no record left");
    }

    @Test
    @Order(8)
    void destroyRefundsTheUnvestedDeposit() throws Exception {
        BigInteger stream = api.get("api/v1/vms/flow-1").get("stream_id").bigIntegerValue();
        BigInteger before = stack.anvil.balance(wallet);
        var deleted = wire("delete", "DELETE /api/v1/vms/{name}", api.send("DELETE", "api/v1/vms/flow-1", null));
        assertEquals(200, deleted.status(), deleted.body());
        BigInteger refund = deleted.json().get("refunded_wei").bigIntegerValue();
        assertTrue(refund.signum() > 0, deleted.body());
        assertTrue(streams.stream(stream).terminated());
        TransactionReceipt r = stack.anvil.chain().web3j().ethGetTransactionReceipt(
                deleted.json().get("refund_tx").asText()).send().getTransactionReceipt().orElseThrow();
        BigInteger gas = r.getGasUsed().multiply(new BigInteger(r.getEffectiveGasPrice().substring(2), 16));
        assertEquals(before.add(refund).subtract(gas), stack.anvil.balance(wallet), "the refund shown arrived, exactly");
        assertEquals(404, api.send("GET", "api/v1/vms/flow-1", null).status());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (stack.qemuProcesses() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, stack.qemuProcesses(), "the VM is gone on the provider");
        assertFalse(api.get("api/v1/vms").get("vms").elements().hasNext());
        assertEquals(404, wire("delete-not-found", "DELETE /api/v1/vms/{name}",
                api.send("DELETE", "api/v1/vms/flow-1", null)).status());
        assertEquals(200, wire("purge-nothing", "POST /api/v1/vms/purge",
                api.send("POST", "api/v1/vms/purge", null)).status());
    }

    @Test
    @Order(9)
    void aProviderInTheRegistryIsListedFromTheChainOnly() throws Exception {
        // an entry of another payments network, so the listings of the tests above (ours only) never see it
        Credentials owner = stack.anvil.newAccount();
        AdvertisementRequest ad = new AdvertisementRequest("203.0.113.50", "NO", "x86_64",
                new org.golem.vm.common.money.Resources(2, 4, 40), null, "chain-only", 7466, null, "elsewhere", null,
                null);
        new ProviderRegistryClient(stack.anvil.chain(), stack.anvil.deployment().providerRegistry().address())
                .as(owner).register(RegistryEntryCodec.encode(ad), 3600);
        JsonNode chain = api.get("api/v1/providers?discovery=chain&all_payments=true").get("providers");
        JsonNode entry = null;
        for (JsonNode p : chain) {
            assertEquals("chain", p.get("source").asText(), p.toString());
            if (owner.getAddress().equalsIgnoreCase(p.get("provider_id").asText())) {
                entry = p;
            }
        }
        assertNotNull(entry, chain.toString());
        assertEquals("chain-only", entry.get("provider_name").asText());
        assertEquals(3, chain.size(), "the two providers advertise on chain too: " + chain);
        JsonNode central = api.get("api/v1/providers?discovery=central&all_payments=true").get("providers");
        assertEquals(2, central.size(), central.toString());
        central.forEach(p -> assertEquals("central", p.get("source").asText(), p.toString()));
        assertEquals(3, api.get("api/v1/providers?all_payments=true").get("providers").size());
        assertEquals(422, api.send("GET", "api/v1/providers?discovery=ipfs", null).status());
    }

    /** Provider ids of a listing, lower case, and the sources named. */
    private static Set<String> idsOf(JsonNode providers, String source) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode p : providers) {
            assertEquals(source, p.path("source").asText(), p.toString());
            ids.add(p.get("provider_id").asText().toLowerCase());
        }
        return ids;
    }

    @Test
    @Order(10)
    void withTheCentralServiceStoppedProvidersAreFoundOnChainAndRented() throws Exception {
        Set<String> both = new TreeSet<>(Set.of(providerA.toLowerCase(), providerB.toLowerCase()));
        // each provider advertised to both directories (its default with a registry and a discovery URL)
        assertEquals(both, idsOf(api.get("api/v1/providers?discovery=chain").get("providers"), "chain"));
        assertEquals(both, idsOf(api.get("api/v1/providers?discovery=central").get("providers"), "central"));

        discovery.stop();
        // all sources: the central one fails, the chain answers alone
        assertEquals(both, idsOf(api.get("api/v1/providers?cpu=1&memory=1&storage=10").get("providers"), "chain"));
        var unreachable = api.send("GET", "api/v1/providers?discovery=central", null);
        assertEquals(503, unreachable.status(), unreachable.body());
        assertEquals("DISCOVERY_UNREACHABLE", unreachable.code());

        // a VM rented from a provider found on chain only: the same checks, the same stream, the same refund
        BigInteger before = stack.anvil.balance(wallet);
        var accepted = api.send("POST", "api/v1/vms", createBody("flow-3", providerA, null));
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode job = api.awaitJob(accepted.json().get("job_id").asText(), Duration.ofSeconds(180));
        assertEquals("ready", job.get("status").asText(), job.toString());
        assertTrue(ssh(api.get("api/v1/vms/flow-3/access"), "uname -a").contains("Linux"));
        var deleted = api.send("DELETE", "api/v1/vms/flow-3", null);
        assertEquals(200, deleted.status(), deleted.body());
        BigInteger stream = job.get("stream_id").bigIntegerValue();
        assertTrue(streams.stream(stream).terminated(), "the stream is closed");
        assertTrue(before.subtract(stack.anvil.balance(wallet)).compareTo(streams.stream(stream).withdrawn()) >= 0,
                "the requestor paid at least what the provider received");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }
}
