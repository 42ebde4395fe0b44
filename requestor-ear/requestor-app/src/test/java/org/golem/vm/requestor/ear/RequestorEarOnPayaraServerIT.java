package org.golem.vm.requestor.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.keys.KeyFiles;
import org.golem.vm.common.testing.BadJson;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The requestor as an EAR (EJB module + web module) on a full Payara Server 6 (the distribution zip from Maven
 * Central, unpacked by the build): a fresh domain on free ports, {@code asadmin deploy requestor.ear}, then its
 * MicroProfile Health and API routes answer as on Payara Micro. The domain and its data are removed afterwards.
 *
 * <p>The service pays on a real anvil chain with our contract, from a funded wallet that already has a stream
 * open (discovery is not running: nothing here needs a provider). That is all it takes to show that its request
 * bodies are checked before any money moves: fractions, exponents and out-of-range numbers, NUL and lone
 * surrogates in names are 422 naming the field, and the wallet, the stream and the contract's stream count stay as
 * they were.
 */
class RequestorEarOnPayaraServerIT {
    private static final Logger LOG = Logger.getLogger(RequestorEarOnPayaraServerIT.class.getName());
    private static final String DOMAIN = "golem-ear-it";

    private static final String NATIVE = "0x0000000000000000000000000000000000000000";

    private static Path asadmin;
    private static Path domains;
    private static Path dataDir;
    private static int httpPort;
    private static boolean started;
    private static Anvil anvil;
    /** The requestor's wallet (its key file is written before the service starts). */
    private static Credentials wallet;
    /** A stream the wallet opened on the chain before the service started. */
    private static BigInteger stream;
    private static String recipient;

    private static int portBase() throws IOException {
        // create-domain --portbase uses base+48 (admin), +80 (http), +81 (https) and a few more up to +99
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = (s.getLocalPort() / 100) * 100;
            }
            if (base < 20000 || base > 60000) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + 100 && free; p++) {
                try (ServerSocket probe = new ServerSocket(p)) {
                    probe.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of 100 ports for the test domain");
    }

    private static String run(Map<String, String> env, int timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(asadmin.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " timed out:\n" + out);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    @BeforeAll
    static void deploy() throws Exception {
        Path home = Path.of(System.getProperty("payara.server.home"));
        asadmin = home.resolve("bin/asadmin");
        assertTrue(Files.isExecutable(asadmin), "Payara Server unpacked at " + home);
        domains = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "domains-");
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "requestor-data-");
        int base = portBase();
        httpPort = base + 80;
        anvil = Anvil.start(Path.of("target", "anvil-ear-it.log").toAbsolutePath());
        Path deployments = dataDir.resolve("deployments");
        Deployment d = anvil.deployment();
        new Deployment("anvil", d.chainId(), d.blockNumber(), d.timestamp(), d.deployer(),
                new Deployment.StreamPaymentInfo(d.streamPayment().address(), d.streamPayment().oracle(), NATIVE,
                        d.streamPayment().version()), null).write(deployments);
        wallet = anvil.newAccount();
        KeyFiles.writeSecret(dataDir.resolve("requestor.key"),
                Numeric.toHexStringNoPrefixZeroPadded(wallet.getEcKeyPair().getPrivateKey(), 64));
        recipient = anvil.newAccount().getAddress();
        stream = streams().as(wallet).createStream(NATIVE, recipient, BigInteger.valueOf(3_600_000),
                BigInteger.valueOf(1_000));
        Map<String, String> env = Map.of("GOLEM_REQUESTOR_DATA_DIR", dataDir.toString(),
                "GOLEM_REQUESTOR_RPC_URL", anvil.rpcUrl(), "GOLEM_REQUESTOR_PAYMENTS_NETWORK", "anvil",
                "GOLEM_REQUESTOR_DEPLOYMENTS_DIR", deployments.toString(),
                "GOLEM_REQUESTOR_DISCOVERY_URL", "http://127.0.0.1:9");
        run(env, 120, "create-domain", "--nopassword", "--portbase", String.valueOf(base), "--domaindir",
                domains.toString(), DOMAIN);
        run(env, 240, "start-domain", "--domaindir", domains.toString(), DOMAIN);
        started = true;
        String out = run(env, 300, "--port", String.valueOf(base + 48), "deploy",
                System.getProperty("golem.ear"));
        LOG.info(() -> "deployed: " + out.strip());
    }

    private static StreamPaymentClient streams() {
        return new StreamPaymentClient(anvil.chain(), anvil.streamPaymentAddress());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, null, token);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token() throws IOException {
        return Files.readString(dataDir.resolve("api.token")).strip();
    }

    @Test
    void theEarAnswersHealthAndItsApi() throws Exception {
        HttpResponse<String> live = get("/health/live", null);
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"requestor\""), live.body());
        HttpResponse<String> ready = get("/health/ready", null);
        assertTrue(ready.body().contains("requestor-database"), ready.body());
        assertEquals("{\"message\":\"Golem Requestor API\"}", get("/", null).body());
        assertEquals(401, get("/api/v1/vms", null).statusCode(), "the API needs the token");
        HttpResponse<String> vms = get("/api/v1/vms", token());
        assertEquals(200, vms.statusCode(), vms.body());
        assertEquals("{\"vms\":[]}", vms.body());
        // the web console comes with the EAR's WAR: its page and a script, public (they hold no data)
        HttpResponse<String> console = get("/console/", null);
        assertEquals(200, console.statusCode(), console.body());
        assertTrue(console.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                console.headers().toString());
        assertTrue(console.body().contains("<script type=\"module\""), console.body());
        assertTrue(console.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"),
                console.headers().toString());
    }

    /**
     * Bodies with one invalid number or name: the fractional wei and hours, exponents and extreme numbers of issue 15,
     * out-of-range counts, NUL and lone surrogates; before the fix {@code "hours": 1.9} topped the stream up by one
     * hour and {@code "amount_wei": 1.5} was a 500. Each is 422 naming the field; no transaction is sent.
     */
    @Test
    void invalidNumbersAndNamesAre422NamingTheFieldAndMoveNoMoney() throws Exception {
        BadJson bad = BadJson.seeded();
        StreamPayment contract = anvil.streamPayment(wallet);
        BigInteger balance = anvil.balance(wallet.getAddress());
        BigInteger streamCount = contract.nextStreamId().send();
        BigInteger deposit = streams().stream(stream).deposit();
        String topUp = "/api/v1/streams/" + stream + "/topup";
        String open = "{\"provider_id\":\"" + recipient + "\",\"cpu\":1,\"memory\":1,\"storage\":10,\"hours\":1}";
        String create = "{\"name\":\"my-vm\",\"provider_id\":\"" + recipient + "\",\"cpu\":1,\"memory\":1,"
                + "\"storage\":10,\"hours\":1,\"image\":\"micro\",\"stream_id\":" + stream + "}";
        List<String[]> cases = new ArrayList<>(); // path, body, field named
        for (String n : List.of("1.5", "1.9", "1.0", "1e3", "\"1.5\"", "0", "-1", "8761")) {
            cases.add(new String[] {topUp, "{\"hours\":" + n + "}", "hours"});
            cases.add(new String[] {"/api/v1/streams", BadJson.with(open, "hours", n), "hours"});
            cases.add(new String[] {"/api/v1/vms", BadJson.with(create, "hours", n), "hours"});
        }
        for (String n : List.of("1.5", "\"1.5\"", "0", "-1", BigInteger.ONE.shiftLeft(256).toString())) {
            cases.add(new String[] {topUp, "{\"amount_wei\":" + n + "}", "amount_wei"});
        }
        for (String n : BadJson.EXTREME_NUMBERS) {
            cases.add(new String[] {topUp, "{\"amount_wei\":" + n + "}", "amount_wei"});
            cases.add(new String[] {"/api/v1/streams", BadJson.with(open, "storage", n), "storage"});
            cases.add(new String[] {"/api/v1/vms", BadJson.with(create, "stream_id", n), "stream_id"});
        }
        for (int i = 0; i < 10; i++) {
            cases.add(new String[] {topUp, "{\"amount_wei\":" + bad.wei() + "}", "amount_wei"});
            cases.add(new String[] {topUp, "{\"hours\":" + bad.integer(1, 8760) + "}", "hours"});
            cases.add(new String[] {"/api/v1/streams", BadJson.with(open, "cpu", bad.integer(1, 16)), "cpu"});
            cases.add(new String[] {"/api/v1/vms", BadJson.with(create, "stream_id", bad.wei()), "stream_id"});
            cases.add(new String[] {"/api/v1/vms", BadJson.with(create, "name", bad.text("my-vm")), "name"});
            cases.add(new String[] {"/api/v1/vms", BadJson.with(create, "image", bad.text("micro")), "image"});
            cases.add(new String[] {"/api/v1/streams", BadJson.with(open, "provider_id", bad.text(recipient)),
                    "provider_id"});
        }
        cases.add(new String[] {"/api/v1/streams/" + BigInteger.ONE.shiftLeft(256) + "/topup", "{\"hours\":1}",
                "stream id"});
        cases.add(new String[] {"/api/v1/streams/1e3/topup", "{\"hours\":1}", "stream id"});
        String token = token();
        for (String[] c : cases) {
            HttpResponse<String> r = send("POST", c[0], c[1], token);
            String what = bad + ": POST " + c[0] + " " + (c[1].length() > 300 ? c[1].substring(0, 300) + "..." : c[1])
                    + " -> " + r.statusCode() + " " + r.body();
            assertEquals(422, r.statusCode(), what);
            JsonNode detail = Json.tree(r.body()).path("detail");
            assertTrue(List.of("VALIDATION_ERROR", "INVALID_BODY").contains(detail.path("code").asText()), what);
            assertTrue(detail.path("message").asText().contains(c[2]), "names the field: " + what);
        }
        for (String q : List.of("cpu=1.5", "memory=0", "storage=1e3", "cpu=99999999999")) {
            HttpResponse<String> r = get("/api/v1/providers?" + q, token);
            assertEquals(422, r.statusCode(), q + " -> " + r.body());
            assertTrue(r.body().contains(q.substring(0, q.indexOf('=')) + ": "), q + " -> " + r.body());
        }

        assertEquals(balance, anvil.balance(wallet.getAddress()), bad + ": the wallet paid nothing");
        assertEquals(streamCount, contract.nextStreamId().send(), bad + ": no stream opened");
        assertEquals(deposit, streams().stream(stream).deposit(), bad + ": the stream was not topped up");
        assertEquals("{\"vms\":[]}", get("/api/v1/vms", token).body(), bad + ": no VM recorded");

        HttpResponse<String> valid = send("POST", topUp, "{\"hours\":1}", token);
        assertEquals(200, valid.statusCode(), "a valid top-up goes through: " + valid.body());
        assertEquals(deposit.add(BigInteger.valueOf(3_600_000)), streams().stream(stream).deposit());
    }

    @AfterAll
    static void stop() throws Exception {
        if (started) {
            run(Map.of(), 120, "stop-domain", "--domaindir", domains.toString(), DOMAIN);
        }
        if (anvil != null) {
            anvil.close();
        }
        for (Path dir : new Path[] {domains, dataDir}) {
            if (dir != null && Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
