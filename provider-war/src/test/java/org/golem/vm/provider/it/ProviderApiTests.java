package org.golem.vm.provider.it;

import static org.golem.vm.provider.it.ProviderStack.FIRST_PORT;
import static org.golem.vm.provider.it.ProviderStack.LAST_PORT;
import static org.golem.vm.provider.it.ProviderStack.MIN_RUNWAY;
import static org.golem.vm.provider.it.ProviderStack.anvil;
import static org.golem.vm.provider.it.ProviderStack.code;
import static org.golem.vm.provider.it.ProviderStack.json;
import static org.golem.vm.provider.it.ProviderStack.openStream;
import static org.golem.vm.provider.it.ProviderStack.rate;
import static org.golem.vm.provider.it.ProviderStack.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.testing.BadJson;
import org.golem.vm.common.testing.WireRecording;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport;
import org.golem.vm.provider.infrastructure.vm.qemu.Ssh;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The provider on Payara Micro against a real anvil chain and real micro VMs under QEMU: a requestor pays through a
 * stream, creates a VM and logs in over SSH; every stream rule and auth failure is refused with its code and
 * changes nothing; the stream monitor stops VMs whose stream is terminated or runs out (chain time moved forward)
 * and deletes them after the retention; auto-withdraw moves vested wei to the provider; delete leaves no process,
 * disk or port behind; invalid create and admin bodies are 422 naming the field and change nothing. The tests run in order and share the provider, the chain and the VMs.
 *
 * <p>Run twice: {@link ProviderApiIT} on the embedded H2 database, {@link ProviderApiOnPostgresIT} on PostgreSQL.
 * Both compare the answers of every public and admin route with the same recorded shapes ({@link WireRecording},
 * files in {@code src/test/resources/wire/provider-*.json}).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
abstract class ProviderApiTests {
    private static final Resources SMALL = new Resources(1, 1, 10);

    @ArquillianResource
    URL url;

    /** The running VM of alice created at order 50 (the dashboard test of {@link ProviderApiIT} looks at it). */
    static final String ALICE_VM = "alice-1";

    static Credentials alice;  // package-visible for the subclasses

    static Credentials bob;
    static String provider;
    static Ssh.Key aliceKey;
    static Ssh.Key bobKey;
    /** alice's first VM, paid for one hour. */
    static BigInteger hourStream;

    /**
     * @param database extra settings naming the database (empty: the in-memory H2 of {@link ProviderStack})
     * @return the deployment of one run, with fresh requestor state
     */
    static WebArchive deployment(Map<String, String> database) throws Exception {
        alice = null;
        bob = null;
        provider = null;
        hourStream = null;
        Map<String, String> settings = new java.util.HashMap<>(database);
        settings.put("golem.provider.monitor.interval-seconds", "2");
        settings.put("golem.provider.withdraw.enabled", "false");
        return ProviderStack.war(settings);
    }

    ProviderStack.Api api() {
        return new ProviderStack.Api(url);
    }

    private static final WireRecording WIRE = WireRecording.fromSystemProperties().prefixed("provider-");
    private static final String VMS = "GET /api/v1/vms";
    private static final String CREATE = "POST /api/v1/vms";
    private static final String VM = "GET /api/v1/vms/{name}";
    private static final String DELETE = "DELETE /api/v1/vms/{name}";


    private static void init() throws Exception {
        if (alice == null) {
            alice = anvil.newAccount();
            bob = anvil.newAccount();
            Path keys = ProviderStack.dataDir.resolveSibling(ProviderStack.dataDir.getFileName() + "-keys");
            aliceKey = Ssh.newKey(keys, "alice");
            bobKey = Ssh.newKey(keys, "bob");
        }
    }

    private static CreateVmRequest request(String name, Ssh.Key key, BigInteger stream) {
        return CreateVmRequest.of(name, SMALL, key.publicKey(), stream);
    }

    /** @return the request asking for these guest ports besides SSH */
    private static CreateVmRequest withPorts(CreateVmRequest r, Integer... ports) {
        return new CreateVmRequest(r.name(), r.size(), r.resources(), r.image(), r.sshKey(), r.streamId(),
                r.userData(), java.util.Arrays.asList(ports));
    }

    private static void eventually(String what, Duration limit, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(1100); // > 1 s: identical signed requests in one second would be replays
        }
    }

    @Test
    @Order(10)
    void providerInfoIsPublicAndNamesContractTokenAndPrices() throws Exception {
        init();
        GolemHttpClient.Reply r = WIRE.check("info", "GET /api/v1/provider/info",
                api().send(null, "GET", "api/v1/provider/info", null));
        assertEquals(200, r.status(), r.body());
        JsonNode info = json(r);
        provider = info.get("provider_id").asText();
        assertEquals(Keys.toChecksumAddress(provider), provider);
        assertEquals(anvil.streamPaymentAddress().toLowerCase(), info.get("stream_payment_address").asText()
                .toLowerCase());
        assertEquals("0x0000000000000000000000000000000000000000", info.get("glm_token_address").asText());
        assertEquals(MIN_RUNWAY, info.get("min_runway_seconds").asLong());
        assertEquals(0, new java.math.BigDecimal("5.0").compareTo(info.path("pricing").get("usd_per_core_month")
                .decimalValue()));
        // the VM offer: only the ready image of the catalogue (micro; debian-12 is not built here)
        assertEquals(1, info.get("images").size(), info.toString());
        assertEquals("micro", info.at("/images/0/name").asText());
        assertEquals("false", info.at("/images/0/user_data").asText());
        // the provider pays gas for its withdrawals
        anvil.setBalance(provider, BigInteger.TEN.pow(19));
        assertEquals(200, WIRE.check("health-ready", "GET /health/ready",
                api().admin("GET", "/health/ready", null, null)).statusCode());
    }

    @Test
    @Order(20)
    void unsignedStaleReplayedAndForgedRequestsAreRefused() throws Exception {
        GolemHttpClient.Reply unsigned = WIRE.check("vms-unsigned", VMS, api().send(null, "GET", "api/v1/vms", null));
        assertEquals(401, unsigned.status());
        assertEquals("AUTH_MISSING", code(unsigned));

        Clock past = Clock.fixed(Instant.now().minusSeconds(900), ZoneOffset.UTC);
        GolemHttpClient stale = new GolemHttpClient(new RequestSigner(alice), past, Duration.ofSeconds(30));
        GolemHttpClient.Reply expired = WIRE.check("vms-stale", VMS,
                stale.send("GET", api().base.resolve("api/v1/vms"), null));
        assertEquals(401, expired.status());
        assertEquals("AUTH_EXPIRED", code(expired));

        Clock fixed = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        GolemHttpClient same = new GolemHttpClient(new RequestSigner(alice), fixed, Duration.ofSeconds(30));
        assertEquals(200, same.send("GET", api().base.resolve("api/v1/vms"), null).status());
        GolemHttpClient.Reply replay = WIRE.check("vms-replay", VMS,
                same.send("GET", api().base.resolve("api/v1/vms"), null));
        assertEquals(401, replay.status());
        assertEquals("AUTH_REPLAY", code(replay));

        // a signature over another body: the signer recovered is someone else
        var headers = new RequestSigner(alice).sign("POST", "/api/v1/vms", "{}".getBytes(), Instant.now()
                .getEpochSecond());
        var forged = java.net.http.HttpRequest.newBuilder(api().base.resolve("api/v1/vms"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                .header("X-Golem-Address", headers.address()).header("X-Golem-Timestamp", headers.timestamp())
                .header("X-Golem-Signature", headers.signature()).build();
        var reply = WIRE.check("create-bad-signature", CREATE, java.net.http.HttpClient.newHttpClient().send(forged,
                java.net.http.HttpResponse.BodyHandlers.ofString()));
        assertEquals(401, reply.statusCode());
        assertTrue(reply.body().contains("AUTH_BAD_SIGNATURE"), reply.body());
    }

    @Test
    @Order(30)
    void invalidRequestsAre4xxAndCreateNothing() throws Exception {
        BigInteger s = openStream(alice, provider, rate(SMALL), 3600);
        assertEquals(422, WIRE.check("create-invalid-name", CREATE,
                api().create(alice, request("Bad_Name", aliceKey, s), false)).status());
        assertEquals(422, api().create(alice, CreateVmRequest.of("vm-ok", SMALL, "not-a-key", s), false).status());
        assertEquals(422, api().create(alice, CreateVmRequest.of("vm-ok", new Resources(3, 1, 10),
                aliceKey.publicKey(), s), false).status());
        GolemHttpClient.Reply image = WIRE.check("create-image-unknown", CREATE, api().create(alice,
                new CreateVmRequest("vm-ok", null, SMALL, "windows-95", aliceKey.publicKey(), s), false));
        assertEquals(422, image.status());
        assertEquals("UNKNOWN_IMAGE", code(image));
        GolemHttpClient.Reply ssh = WIRE.check("create-invalid-port", CREATE, api().create(alice,
                withPorts(request("vm-ok", aliceKey, s), 80, 22), false));
        assertEquals(400, ssh.status());
        assertEquals("INVALID_PORT", code(ssh));
        assertEquals("INVALID_PORT", code(api().create(alice, withPorts(request("vm-ok", aliceKey, s), 8080, 8080),
                false)));
        assertEquals("INVALID_PORT", code(api().create(alice, withPorts(request("vm-ok", aliceKey, s), 65536),
                false)));
        GolemHttpClient.Reply tooMany = WIRE.check("create-too-many-ports", CREATE, api().create(alice,
                withPorts(request("vm-ok", aliceKey, s), 80, 81, 82, 83, 84), false));
        assertEquals(400, tooMany.status());
        assertEquals("TOO_MANY_PORTS", code(tooMany));
        GolemHttpClient.Reply garbage = WIRE.check("create-invalid-json", CREATE,
                api().send(alice, "POST", "api/v1/vms", "{not json"));
        assertEquals(400, garbage.status());
        GolemHttpClient.Reply noStream = WIRE.check("create-stream-required", CREATE,
                api().create(alice, request("vm-ok", aliceKey, null), false));
        assertEquals(400, noStream.status());
        assertEquals("STREAM_REQUIRED", code(noStream));
        assertEquals("[]", WIRE.check("vms-empty", VMS, api().send(alice, "GET", "api/v1/vms", null)).body()
                .replace(" ", ""));
        GolemHttpClient.Reply unknown = WIRE.check("delete-not-found", DELETE,
                api().send(alice, "DELETE", "api/v1/vms/no-such-vm", null));
        WIRE.check("vm-not-found", VM, api().send(alice, "GET", "api/v1/vms/no-such-vm", null));
        WIRE.check("job-not-found", "GET /api/v1/vms/jobs/{job_id}",
                api().send(alice, "GET", "api/v1/vms/jobs/00000000-0000-0000-0000-000000000000", null));
        assertEquals(404, unknown.status());
        assertEquals("VM_NOT_FOUND", code(unknown));
    }

    /**
     * Fuzz: create bodies with one field made invalid (stream ids and resources that are fractions, exponents, the
     * extreme numbers of issue 15 or out of range; names, keys and images with NUL, control characters or lone
     * surrogates) over an acceptable stream are all 4xx naming the field, and leave no VM, no SSH port and no
     * binding of the stream behind.
     */
    @Test
    @Order(35)
    void generatedBadCreateBodiesAreRefusedWith4xxAndLeaveNoVmPortOrBinding() throws Exception {
        BadJson bad = BadJson.seeded();
        BigInteger stream = openStream(alice, provider, rate(SMALL), 3600);
        String json = org.golem.vm.common.json.Json.toJson(request("fuzz-vm", aliceKey, stream));
        Map<String, String> cases = new java.util.LinkedHashMap<>(); // "path=raw" -> path
        BadJson.EXTREME_NUMBERS.forEach(n -> cases.put("stream_id=" + n, "stream_id"));
        cases.put("stream_id=1.5", "stream_id");
        cases.put("resources.cpu=1.5", "resources.cpu");
        for (String text : List.of("name", "ssh_key")) {
            cases.put(text + "=" + bad.text(text.equals("name") ? "fuzz-vm" : aliceKey.publicKey())
                    .replaceAll("\\\\u[0-9a-f]{4}", "\\\\u0000"), text);
            cases.put(text + "=" + bad.text(text.equals("name") ? "fuzz-vm" : aliceKey.publicKey())
                    .replaceAll("\\\\u[0-9a-f]{4}", "\\\\udc00"), text);
        }
        Map<String, java.util.function.Function<BadJson, String>> generators = new java.util.LinkedHashMap<>();
        generators.put("stream_id", BadJson::wei);
        generators.put("resources.cpu", g -> g.integer(1, 16));
        generators.put("resources.memory", g -> g.integer(1, 64));
        generators.put("resources.storage", g -> g.integer(10, Integer.MAX_VALUE));
        generators.put("name", g -> g.text("fuzz-vm"));
        generators.put("ssh_key", g -> g.text(aliceKey.publicKey()));
        generators.put("image", g -> g.text("micro"));
        List<String> fields = new java.util.ArrayList<>(generators.keySet());
        for (int i = 0; i < 60; i++) {
            String field = fields.get(bad.random().nextInt(fields.size()));
            cases.put(field + "=" + generators.get(field).apply(bad), field);
        }
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String field = c.getValue();
            String raw = c.getKey().substring(field.length() + 1);
            GolemHttpClient.Reply r = api().send(alice, "POST", "api/v1/vms", BadJson.with(json, field, raw));
            String what = bad + ": " + field + " = " + (raw.length() > 200 ? raw.substring(0, 200) + "..." : raw)
                    + " -> " + r.status() + " " + r.body();
            assertTrue(r.status() >= 400 && r.status() < 500, what);
            assertTrue(List.of("VALIDATION_ERROR", "INVALID_BODY").contains(code(r)), what);
            assertTrue(json(r).at("/detail/message").asText().contains(field.substring(field.indexOf('.') + 1)),
                    "names the field: " + what);
        }
        assertEquals("[]", api().send(alice, "GET", "api/v1/vms", null).body().replace(" ", ""), bad + ": no VM");
        String token = ProviderStack.Api.adminToken();
        JsonNode summary = org.golem.vm.common.json.Json.tree(api().admin("GET", "api/v1/summary", null, token)
                .body());
        assertEquals(0, summary.get("vms").size(), bad + ": no VM, so no SSH port: " + summary);
        assertEquals(summary.at("/resources/total"), summary.at("/resources/available"), bad + ": nothing reserved");
        JsonNode earnings = org.golem.vm.common.json.Json.tree(api().admin("GET", "api/v1/admin/earnings", null,
                token).body());
        for (JsonNode e : earnings.path("streams")) {
            assertNotEquals(stream.toString(), e.path("stream_id").asText(), bad + ": the stream was bound");
        }
    }

    @Test
    @Order(40)
    void everyUnacceptableStreamIsRefusedWithItsCode() throws Exception {
        BigInteger price = rate(SMALL);
        // not the signer's stream
        BigInteger bobs = openStream(bob, provider, price, 3600);
        GolemHttpClient.Reply notSender = WIRE.check("create-not-the-sender", CREATE,
                api().create(alice, request("vm-a", aliceKey, bobs), false));
        assertEquals(403, notSender.status());
        assertEquals("AUTH_FORBIDDEN", code(notSender));
        // pays someone else
        assertRefused("STREAM_WRONG_RECIPIENT", openStream(alice, bob.getAddress(), price, 3600));
        // rate below the price
        assertRefused("STREAM_RATE_TOO_LOW", openStream(alice, provider, price.subtract(BigInteger.ONE), 3600));
        // too little runway
        assertRefused("STREAM_RUNWAY_TOO_SHORT", openStream(alice, provider, price, MIN_RUNWAY / 2));
        // halted by the oracle
        BigInteger halted = openStream(alice, provider, price, 3600);
        streams.as(anvil.oracle()).haltStream(halted);
        assertRefused("STREAM_HALTED", halted);
        // terminated by its sender
        BigInteger terminated = openStream(alice, provider, price, 3600);
        streams.as(alice).terminate(terminated);
        assertRefused("STREAM_TERMINATED", terminated);
        // no such stream
        assertRefused("STREAM_NOT_FOUND", BigInteger.valueOf(999_999));
        // another token than the provider's (ETH)
        BigInteger amount = price.multiply(BigInteger.valueOf(3600));
        anvil.token(anvil.deployer()).mint(alice.getAddress(), amount).send();
        anvil.token(alice).approve(anvil.streamPaymentAddress(), amount).send();
        BigInteger tokenStream = streams.as(alice).createStream(anvil.tokenAddress(), provider, amount, price);
        assertRefused("STREAM_WRONG_TOKEN", tokenStream);
        assertEquals("[]", api().send(alice, "GET", "api/v1/vms", null).body().replace(" ", ""));
    }

    private void assertRefused(String expectedCode, BigInteger stream) throws Exception {
        GolemHttpClient.Reply r = WIRE.check("create-" + expectedCode.toLowerCase().replace('_', '-'), CREATE,
                api().create(alice, request("vm-refused", aliceKey, stream), false));
        assertEquals(402, r.status(), r.body());
        assertEquals(expectedCode, code(r), r.body());
        assertTrue(json(r).path("detail").path("message").asText().startsWith("invalid stream: "), r.body());
    }

    @Test
    @Order(50)
    void aPaidVmRunsAndOnlyItsOwnerGetsIn() throws Exception {
        hourStream = openStream(alice, provider, rate(SMALL), 3600);
        GolemHttpClient.Reply created = WIRE.check("create", CREATE,
                api().create(alice, request("alice-1", aliceKey, hourStream), false));
        assertEquals(200, created.status(), created.body());
        JsonNode vm = json(created);
        assertEquals("running", vm.get("status").asText());
        int port = vm.get("ssh_port").asInt();
        assertTrue(port >= FIRST_PORT && port <= LAST_PORT, "port from the configured range: " + port);

        JsonNode access = json(WIRE.check("access", "GET /api/v1/vms/{name}/access",
                api().send(alice, "GET", "api/v1/vms/alice-1/access", null)));
        assertEquals(port, access.get("ssh_port").asInt());
        assertEquals("root", access.get("ssh_user").asText());
        String fingerprint = access.get("ssh_host_key_fingerprint").asText();
        assertTrue(fingerprint.startsWith("SHA256:"), access.toString());
        Ssh.Result r = Ssh.exec("root", port, aliceKey, "echo hello from $(hostname); nproc");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("hello from"), r.out());
        assertEquals(fingerprint, r.hostKeyFingerprint(), "the provider reported the key the VM presents");

        // bob: not his VM, not his key
        GolemHttpClient.Reply bobGet = WIRE.check("vm-forbidden", VM,
                api().send(bob, "GET", "api/v1/vms/alice-1", null));
        assertEquals(403, bobGet.status());
        assertEquals(403, WIRE.check("delete-forbidden", DELETE, api().send(bob, "DELETE", "api/v1/vms/alice-1", null))
                .status());
        assertEquals(403, WIRE.check("stop-forbidden", "POST /api/v1/vms/{name}/stop",
                api().send(bob, "POST", "api/v1/vms/alice-1/stop", null)).status());
        WIRE.check("vms", VMS, api().send(alice, "GET", "api/v1/vms", null));
        WIRE.check("vm", VM, api().send(alice, "GET", "api/v1/vms/alice-1", null));
        assertEquals("[]", api().send(bob, "GET", "api/v1/vms", null).body().replace(" ", ""));
        assertThrowsSsh(port, bobKey);

        // one stream, one VM; one name, one VM
        GolemHttpClient.Reply again = WIRE.check("create-stream-already-bound", CREATE,
                api().create(alice, request("alice-2", aliceKey, hourStream), false));
        assertEquals(409, again.status());
        assertEquals("STREAM_ALREADY_BOUND", code(again));
        BigInteger bobsStream = openStream(bob, provider, rate(SMALL), 3600);
        GolemHttpClient.Reply taken = WIRE.check("create-vm-name-taken", CREATE,
                api().create(bob, request("alice-1", bobKey, bobsStream), false));
        assertEquals(409, taken.status());
        assertEquals("VM_NAME_TAKEN", code(taken));
        // more than the provider has (8 cores configured)
        Resources huge = new Resources(16, 1, 10);
        BigInteger bigStream = openStream(bob, provider, rate(huge), 3600);
        GolemHttpClient.Reply full = WIRE.check("create-capacity-exhausted", CREATE, api().create(bob,
                CreateVmRequest.of("bob-huge", huge, bobKey.publicKey(), bigStream), false));
        assertEquals(503, full.status(), full.body());
        assertEquals("CAPACITY_EXHAUSTED", code(full));
        assertEquals("[]", api().send(bob, "GET", "api/v1/vms", null).body().replace(" ", ""));

        JsonNode stream = json(WIRE.check("vm-stream", "GET /api/v1/vms/{name}/stream",
                api().send(alice, "GET", "api/v1/vms/alice-1/stream", null)));
        assertTrue(stream.get("verified").asBoolean(), stream.toString());
        assertEquals(hourStream.longValue(), stream.get("stream_id").asLong());
        assertTrue(stream.path("computed").get("remaining_seconds").asLong() > 3000);
        assertEquals(1, json(WIRE.check("payments-streams", "GET /api/v1/payments/streams",
                api().send(alice, "GET", "api/v1/payments/streams", null))).size());
    }

    private static void assertThrowsSsh(int port, Ssh.Key key) {
        try {
            Ssh.exec("root", port, key, "true");
        } catch (Exception e) {
            return;
        }
        throw new AssertionError("a key that is not the owner's logged in");
    }

    @Test
    @Order(60)
    void stopAndStartKeepTheVmAndItsPort() throws Exception {
        int port = json(api().send(alice, "GET", "api/v1/vms/alice-1", null)).get("ssh_port").asInt();
        JsonNode stopped = json(WIRE.check("stop", "POST /api/v1/vms/{name}/stop",
                api().send(alice, "POST", "api/v1/vms/alice-1/stop", null)));
        assertEquals("stopped", stopped.get("status").asText());
        GolemHttpClient.Reply access = WIRE.check("access-vm-not-running", "GET /api/v1/vms/{name}/access",
                api().send(alice, "GET", "api/v1/vms/alice-1/access", null));
        assertEquals(409, access.status());
        assertEquals("VM_NOT_RUNNING", code(access));
        JsonNode started = json(WIRE.check("start", "POST /api/v1/vms/{name}/start",
                api().send(alice, "POST", "api/v1/vms/alice-1/start", null)));
        assertEquals("running", started.get("status").asText());
        assertEquals(port, started.get("ssh_port").asInt());
        assertEquals(0, Ssh.exec("root", port, aliceKey, "true").exit());
    }

    @Test
    @Order(70)
    void autoWithdrawMovesVestedWeiToTheProvider() throws Exception {
        String token = ProviderStack.Api.adminToken();
        BigInteger before = anvil.balance(provider);
        BigInteger withdrawnBefore = streams.stream(hourStream).withdrawn();
        var put = WIRE.check("admin-withdraw-settings-put", "PUT /api/v1/admin/settings/withdraw",
                api().admin("PUT", "api/v1/admin/settings/withdraw",
                "{\"enabled\": true, \"interval_seconds\": 3600, \"min_wei\": 1}", token));
        assertEquals(200, put.statusCode(), put.body());
        // done = paid on chain AND recorded for the operator (the record follows the receipt, up to a poll later)
        eventually("a withdrawal from stream " + hourStream + ", on chain and in the earnings",
                Duration.ofSeconds(90), () -> {
            try {
                return streams.stream(hourStream).withdrawn().compareTo(withdrawnBefore) > 0
                        && !org.golem.vm.common.json.Json.tree(api().admin("GET", "api/v1/admin/earnings", null,
                                token).body()).get("withdrawals").isEmpty();
            } catch (Exception e) {
                return false;
            }
        });
        // once per interval per stream: no second withdrawal within the hour
        api().admin("PUT", "api/v1/admin/settings/withdraw", "{\"enabled\": false}", token);
        JsonNode earnings = org.golem.vm.common.json.Json.tree(WIRE.check("admin-earnings",
                "GET /api/v1/admin/earnings", api().admin("GET", "api/v1/admin/earnings", null, token)).body());
        JsonNode withdrawals = earnings.get("withdrawals");
        assertEquals(1, withdrawals.size(), earnings.toString());
        BigInteger amount = new BigInteger(withdrawals.get(0).get("amount_wei").asText());
        BigInteger onChain = streams.stream(hourStream).withdrawn().subtract(withdrawnBefore);
        assertEquals(onChain, amount, "recorded amount = what the contract paid");
        TransactionReceipt receipt = anvil.chain().web3j().ethGetTransactionReceipt(
                withdrawals.get(0).get("tx_hash").asText()).send().getTransactionReceipt().orElseThrow();
        BigInteger gas = receipt.getGasUsed().multiply(new BigInteger(receipt.getEffectiveGasPrice().substring(2), 16));
        assertEquals(before.add(amount).subtract(gas), anvil.balance(provider),
                "provider balance up by exactly the withdrawn amount (minus its gas)");
    }

    @Test
    @Order(80)
    void asyncCreationReportsItsJob() throws Exception {
        BigInteger stream = openStream(bob, provider, rate(SMALL), 3600);
        GolemHttpClient.Reply accepted = WIRE.check("create-async", CREATE + "?async=true",
                api().create(bob, request("bob-1", bobKey, stream), true));
        assertEquals(202, accepted.status(), accepted.body());
        String job = json(accepted).get("job_id").asText();
        assertEquals("creating", json(accepted).get("status").asText());
        assertEquals(403, WIRE.check("job-forbidden", "GET /api/v1/vms/jobs/{job_id}",
                api().send(alice, "GET", "api/v1/vms/jobs/" + job, null)).status());
        eventually("job ready", Duration.ofSeconds(120), () -> {
            try {
                return "ready".equals(json(api().send(bob, "GET", "api/v1/vms/jobs/" + job, null))
                        .get("status").asText());
            } catch (Exception e) {
                return false;
            }
        });
        WIRE.check("job-ready", "GET /api/v1/vms/jobs/{job_id}",
                api().send(bob, "GET", "api/v1/vms/jobs/" + job, null));
        JsonNode vm = json(api().send(bob, "GET", "api/v1/vms/bob-1", null));
        assertEquals("running", vm.get("status").asText());
        assertEquals(0, Ssh.exec("root", vm.get("ssh_port").asInt(), bobKey, "true").exit());
    }

    @Test
    @Order(90)
    void theMonitorStopsAVmWhoseStreamIsTerminated() throws Exception {
        BigInteger stream = json(api().send(bob, "GET", "api/v1/vms/bob-1/stream", null)).get("stream_id")
                .bigIntegerValue();
        streams.as(bob).terminate(stream);
        eventually("bob-1 stopped", Duration.ofSeconds(30), () -> status(bob, "bob-1").equals("stopped"));
        JsonNode vm = json(WIRE.check("vm-stopped-by-monitor", VM, api().send(bob, "GET", "api/v1/vms/bob-1", null)));
        assertTrue(vm.get("error_message").asText().contains("terminated"), vm.toString());
        GolemHttpClient.Reply start = WIRE.check("start-stream-terminated", "POST /api/v1/vms/{name}/start",
                api().send(bob, "POST", "api/v1/vms/bob-1/start", null));
        assertEquals(402, start.status());
        assertEquals("STREAM_TERMINATED", code(start));
        assertEquals("running", status(alice, "alice-1"), "the other VM is untouched");
    }

    @Test
    @Order(100)
    void theMonitorStopsAVmWhenChainTimePassesItsRunwayAndDeletesItAfterTheRetention() throws Exception {
        String token = ProviderStack.Api.adminToken();
        JsonNode access = json(api().send(alice, "GET", "api/v1/vms/alice-1/access", null));
        int port = access.get("ssh_port").asInt();
        String driverId = access.get("multipass_name").asText();
        anvil.increaseTime(3600);
        eventually("alice-1 stopped", Duration.ofSeconds(30), () -> status(alice, "alice-1").equals("stopped"));
        assertTrue(json(api().send(alice, "GET", "api/v1/vms/alice-1", null)).get("error_message").asText()
                .contains("ran out"));
        var put = WIRE.check("admin-monitor-put", "PUT /api/v1/admin/settings/monitor",
                api().admin("PUT", "api/v1/admin/settings/monitor", "{\"stopped_retention_seconds\": 0}", token));
        assertEquals(200, put.statusCode(), put.body());
        eventually("alice-1 deleted", Duration.ofSeconds(30),
                () -> status(alice, "alice-1").equals("404"));
        eventually("bob-1 (terminated stream) deleted too", Duration.ofSeconds(30),
                () -> status(bob, "bob-1").equals("404"));
        assertTrue(QemuTestSupport.qemuProcessesNamed("golem-vm-" + driverId).isEmpty(), "qemu process gone");
        QemuTestSupport.assertPortFree(port);
        // the last vested wei are collected once the VM is gone, whatever the interval (withdraw re-enabled)
        api().admin("PUT", "api/v1/admin/settings/withdraw", "{\"enabled\": true, \"min_wei\": 0}", token);
        eventually("stream " + hourStream + " fully withdrawn", Duration.ofSeconds(90), () -> {
            try {
                var s = streams.stream(hourStream);
                return s.withdrawn().equals(s.deposit());
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    @Order(110)
    void deleteRemovesTheVmItsProcessAndItsPort() throws Exception {
        BigInteger stream = openStream(bob, provider, rate(SMALL), 3600);
        JsonNode vm = json(api().create(bob, withPorts(request("bob-2", bobKey, stream), 80), false));
        assertEquals("running", vm.get("status").asText(), vm.toString());
        int port = vm.get("ssh_port").asInt();
        JsonNode access = json(WIRE.check("access-with-ports", "GET /api/v1/vms/{name}/access",
                api().send(bob, "GET", "api/v1/vms/bob-2/access", null)));
        assertEquals(1, access.get("ports").size(), access.toString());
        assertEquals(80, access.get("ports").get(0).get("guest_port").asInt(), access.toString());
        int web = access.get("ports").get(0).get("host_port").asInt();
        assertTrue(web >= FIRST_PORT && web <= LAST_PORT && web != port, "a second port from the range: " + web);
        JsonNode listed = org.golem.vm.common.json.Json.tree(api().admin("GET", "api/v1/admin/vms", null,
                ProviderStack.Api.adminToken()).body());
        boolean shown = false;
        for (JsonNode v : listed.path("vms")) {
            if (v.path("name").asText().equals("bob-2")) {
                assertEquals(access.get("ports"), v.get("ports"), "the operator's listing shows the forward");
                shown = true;
            }
        }
        assertTrue(shown, listed.toString());
        GolemHttpClient.Reply deleted = WIRE.check("delete", DELETE,
                api().send(bob, "DELETE", "api/v1/vms/bob-2", null));
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("deleted", json(deleted).get("status").asText());
        assertEquals(404, api().send(bob, "GET", "api/v1/vms/bob-2", null).status());
        assertEquals(404, api().send(bob, "DELETE", "api/v1/vms/bob-2", null).status());
        QemuTestSupport.assertPortFree(port);
        QemuTestSupport.assertPortFree(web);
        assertEquals(0, countQemu(), "no VM process left");
    }

    @Test
    @Order(120)
    void operatorRoutesNeedTheToken() throws Exception {
        assertEquals(401, WIRE.check("summary-no-token", "GET /api/v1/summary",
                api().admin("GET", "api/v1/summary", null, null)).statusCode());
        assertEquals(401, WIRE.check("summary-wrong-token", "GET /api/v1/summary", api().admin("GET", "api/v1/summary",
                null, "wrong-token-wrong-token")).statusCode());
        var summary = WIRE.check("summary", "GET /api/v1/summary",
                api().admin("GET", "api/v1/summary", null, ProviderStack.Api.adminToken()));
        assertEquals(200, summary.statusCode(), summary.body());
        JsonNode s = org.golem.vm.common.json.Json.tree(summary.body());
        assertEquals(8, s.path("resources").path("total").get("cpu").asInt());
        assertEquals(8, s.path("resources").path("available").get("cpu").asInt(), "no VM left");
        var bad = WIRE.check("admin-pricing-put-invalid", "PUT /api/v1/admin/pricing",
                api().admin("PUT", "api/v1/admin/pricing", "{\"usd_per_core_month\": -1}",
                ProviderStack.Api.adminToken()));
        assertEquals(422, bad.statusCode(), bad.body());
        var ok = WIRE.check("admin-pricing-put", "PUT /api/v1/admin/pricing",
                api().admin("PUT", "api/v1/admin/pricing", "{\"usd_per_core_month\": 7.5}",
                ProviderStack.Api.adminToken()));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("7.5", json(api().send(null, "GET", "api/v1/provider/info", null)).path("pricing")
                .get("usd_per_core_month").asText(), "a price change applies at once");
    }

    /**
     * Fuzz of the operator's bodies (prices, monitor and withdraw settings, a withdrawal): fractions and exponents in
     * whole-number fields, the extreme numbers of issue 15, prices with more than 12 decimal places or of 10^18 USD,
     * a token price so small that the advertised token prices would pass 10^20 (discovery refuses those), seconds
     * beyond their bound (a retention of 2^63-1 s overflowed to "delete now"), a misspelt setting. Each is 422 naming
     * the field, and nothing was persisted, applied or withdrawn.
     */
    @Test
    @Order(125)
    void generatedBadAdminBodiesAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
        BadJson bad = BadJson.seeded();
        String token = ProviderStack.Api.adminToken();
        Path operatorFile = ProviderStack.dataDir.resolve("operator.properties");
        java.util.function.Supplier<String> state = () -> {
            try {
                JsonNode monitor = org.golem.vm.common.json.Json.tree(api().admin("GET",
                        "api/v1/admin/settings/monitor", null, token).body());
                ((com.fasterxml.jackson.databind.node.ObjectNode) monitor).remove(List.of("runs", "rpc_failures",
                        "last_error"));
                return api().admin("GET", "api/v1/admin/pricing", null, token).body() + monitor
                        + api().admin("GET", "api/v1/admin/settings/withdraw", null, token).body()
                        + org.golem.vm.common.json.Json.tree(api().admin("GET", "api/v1/admin/earnings", null, token)
                        .body()).path("withdrawals") + (java.nio.file.Files.exists(operatorFile)
                        ? java.nio.file.Files.readString(operatorFile).replaceAll("(?m)^#.*$", "") : "no file");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String before = state.get();

        List<String[]> cases = new java.util.ArrayList<>(); // path, body, field named
        String pricing = "api/v1/admin/pricing";
        for (String field : List.of("usd_per_core_month", "usd_per_gb_ram_month", "usd_per_gb_storage_month",
                "token_usd_price")) {
            List<String> values = new java.util.ArrayList<>(BadJson.EXTREME_NUMBERS);
            values.addAll(List.of("5.0000000000001", "1000000000000000000", "-1", "\"abc\"", "true"));
            values.addAll(bad.cases(5, g -> g.decimal(18, 12)));
            values.forEach(v -> cases.add(new String[] {pricing, "{\"" + field + "\":" + v + "}", field}));
        }
        cases.add(new String[] {pricing, "{\"token_usd_price\":0}", "token_usd_price"});
        // every price valid alone, but 10^9 USD a core at 10^-12 USD a token is 10^21 tokens a month
        cases.add(new String[] {pricing, "{\"usd_per_core_month\":1000000000,\"token_usd_price\":0.000000000001}",
                "glm_per_core_month"});
        cases.add(new String[] {pricing, "{\"usd_per_cpu_month\":5}", "usd_per_cpu_month"});
        String monitor = "api/v1/admin/settings/monitor ";
        // sorted: the first refusal of each route is the one recorded (WIRE below), so the order must not vary
        Map<String, long[]> seconds = new java.util.TreeMap<>(Map.of(monitor + "interval_seconds",
                new long[] {1, 31_536_000},
                monitor + "stopped_retention_seconds", new long[] {0, 315_360_000},
                monitor + "min_runway_seconds", new long[] {0, 31_536_000},
                "api/v1/admin/settings/withdraw interval_seconds", new long[] {1, 31_536_000}));
        seconds.forEach((where, range) -> {
            String path = where.substring(0, where.indexOf(' '));
            String field = where.substring(where.indexOf(' ') + 1);
            List<String> values = new java.util.ArrayList<>(List.of("1.5", "1e3", "9223372036854775807",
                    String.valueOf(range[1] + 1), String.valueOf(range[0] - 1)));
            values.addAll(bad.cases(4, g -> g.integer(range[0], range[1])));
            values.forEach(v -> cases.add(new String[] {path, "{\"" + field + "\":" + v + "}", field}));
        });
        cases.add(new String[] {"api/v1/admin/settings/monitor", "{\"interval_second\":5}", "interval_second"});
        // a fixed case first: the first refusal of each route is the one recorded (WIRE below), and the generated
        // cases differ from run to run
        cases.add(new String[] {"api/v1/admin/withdraw", "{\"stream_id\":-1}", "stream_id"});
        for (String v : bad.cases(6, BadJson::wei)) {
            cases.add(new String[] {"api/v1/admin/settings/withdraw", "{\"min_wei\":" + v + "}", "min_wei"});
            cases.add(new String[] {"api/v1/admin/withdraw", "{\"stream_id\":" + v + "}", "stream_id"});
        }
        cases.add(new String[] {"api/v1/admin/withdraw", "{\"stream_id\":1.5}", "stream_id"});
        cases.add(new String[] {"api/v1/admin/withdraw", "{\"vm_id\":" + bad.text(ALICE_VM) + "}", "vm_id"});

        java.util.Set<String> recorded = new java.util.HashSet<>();
        for (String[] c : cases) {
            String method = c[0].endsWith("withdraw") && !c[0].contains("settings") ? "POST" : "PUT";
            var r = api().admin(method, c[0], c[1], token);
            if (recorded.add(c[0])) { // the first refusal of each route
                WIRE.check("admin-" + c[0].substring("api/v1/admin/".length()).replace('/', '-') + "-invalid",
                        method + " /" + c[0], r);
            }
            String what = bad + ": " + c[0] + " " + (c[1].length() > 200 ? c[1].substring(0, 200) + "..." : c[1])
                    + " -> " + r.statusCode() + " " + r.body();
            assertEquals(422, r.statusCode(), what);
            JsonNode detail = org.golem.vm.common.json.Json.tree(r.body()).path("detail");
            assertTrue(List.of("VALIDATION_ERROR", "INVALID_BODY").contains(detail.path("code").asText()), what);
            assertTrue(detail.path("message").asText().contains(c[2]), "names the field: " + what);
        }
        assertEquals(before, state.get(), bad + ": nothing was persisted, applied or withdrawn");
    }

    /**
     * The operator's read-only routes (earnings: at order 70) and the refusals not met above, each compared with its
     * recorded shape; then
     * the faucet (last: it changes the provider's balance that the withdraw tests watch).
     */
    @Test
    @Order(130)
    void operatorRoutesAnswerInTheirRecordedShape() throws Exception {
        String token = ProviderStack.Api.adminToken();
        for (String route : List.of("pricing", "settings/monitor", "settings/withdraw", "status", "vms", "wallet")) {
            var r = WIRE.check("admin-" + route.replace('/', '-'), "GET /api/v1/admin/" + route,
                    api().admin("GET", "api/v1/admin/" + route, null, token));
            assertEquals(200, r.statusCode(), route + ": " + r.body());
        }
        // the image catalogue: micro is built (ProviderStack), the other standard images are not
        var images = api().admin("GET", "api/v1/admin/images", null, token);
        assertEquals(200, images.statusCode(), images.body());
        JsonNode catalogue = org.golem.vm.common.json.Json.tree(images.body()).get("images");
        assertEquals(List.of("debian-12", "debian-12-docker", "micro"),
                java.util.stream.StreamSupport.stream(catalogue.spliterator(), false)
                        .map(i -> i.get("name").asText()).toList());
        assertEquals("missing", catalogue.get(0).get("status").asText());
        assertTrue(catalogue.get(0).get("reason").asText().contains("golem-provider images build debian-12"),
                catalogue.get(0).toString());
        assertEquals("ready", catalogue.get(2).get("status").asText());
        assertEquals("root", catalogue.get(2).at("/image/login_user").asText());
        var noStream = WIRE.check("admin-withdraw-no-stream", "POST /api/v1/admin/withdraw",
                api().admin("POST", "api/v1/admin/withdraw", "{\"vm_id\": \"no-such-vm\"}", token));
        assertEquals(404, noStream.statusCode(), noStream.body());
        var nothing = WIRE.check("admin-withdraw-nothing-given", "POST /api/v1/admin/withdraw",
                api().admin("POST", "api/v1/admin/withdraw", "{}", token));
        assertEquals(422, nothing.statusCode(), nothing.body());
        var withdrawn = WIRE.check("admin-withdraw", "POST /api/v1/admin/withdraw",
                api().admin("POST", "api/v1/admin/withdraw", "{\"stream_id\": " + hourStream + "}", token));
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        var noToken = WIRE.check("admin-status-no-token", "GET /api/v1/admin/status",
                api().admin("GET", "api/v1/admin/status", null, null));
        assertEquals(401, noToken.statusCode(), noToken.body());
        var faucet = WIRE.check("admin-wallet-faucet", "POST /api/v1/admin/wallet/faucet",
                api().admin("POST", "api/v1/admin/wallet/faucet", null, token));
        assertEquals(200, faucet.statusCode(), faucet.body());
    }

    private String status(Credentials as, String name) {
        try {
            GolemHttpClient.Reply r = api().send(as, "GET", "api/v1/vms/" + name, null);
            return r.status() == 404 ? "404" : json(r).get("status").asText();
        } catch (Exception e) {
            return "error: " + e;
        }
    }

    private static long countQemu() throws Exception {
        try (var procs = java.nio.file.Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            long n = 0;
            for (Path p : procs) {
                try {
                    String cmd = new String(java.nio.file.Files.readAllBytes(p.resolve("cmdline")));
                    if (cmd.contains("qemu-system") && cmd.contains(ProviderStack.dataDir.toString())) {
                        n++;
                    }
                } catch (java.io.IOException e) {
                    // gone
                }
            }
            return n;
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        // anything a failed test left running is killed: processes under this test's data directory only
        if (ProviderStack.dataDir != null && countQemu() > 0) {
            new ProcessBuilder("pkill", "-f", ProviderStack.dataDir.toString()).start().waitFor();
        }
    }
}
