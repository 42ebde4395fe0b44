package org.golem.vm.cli.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.admin.OperatorImages;
import org.golem.vm.common.wire.admin.ProviderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin-API commands of {@code golem-provider} against {@link FakeProviderAdmin}. */
class ProviderAdminCommandsTest {

    static final String TOKEN = "s3cret-admin-token-4711";

    static final String EARNINGS = """
            {"streams":[
               {"vm_id":"web1","stream_id":7,"token":"0x0000000000000000000000000000000000000000",
                "vested":3000000000000000,"withdrawn":1000000000000000,"withdrawable":2000000000000000,
                "status":"active","settled":false},
               {"vm_id":"old","stream_id":3,"token":"0x0000000000000000000000000000000000000000",
                "vested":500000000000000,"withdrawn":500000000000000,"withdrawable":0,
                "status":"terminated","settled":true}],
             "totals":{"vested":3500000000000000,"withdrawn":1500000000000000,"withdrawable":2000000000000000},
             "withdrawals":[{"stream_id":7,"vm_id":"web1","amount_wei":1000000000000000,"tx_hash":"0xaaa",
                "origin":"auto","created_at":1760000000000}],
             "chain_time":1760000100}
            """;

    @TempDir
    Path tmp;

    FakeProviderAdmin fake;
    ProviderCliRunner cli;
    Path dataDir;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeProviderAdmin();
        dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("admin.token"), TOKEN + "\n");
        cli = new ProviderCliRunner(fake.uri().toString(), dataDir);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private void assertNoToken(ProviderCliRunner.Result r) {
        assertFalse(r.out().contains(TOKEN) || r.err().contains(TOKEN), "the token is never printed");
    }

    @Test
    void bearerTokenFromTheDataDirIsSentAndNeverPrinted() {
        ProviderCliRunner.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.toString());
        List<FakeProviderAdmin.Request> reqs = fake.requests("GET", "/api/v1/admin/status");
        assertEquals(1, reqs.size());
        assertEquals("Bearer " + TOKEN, reqs.get(0).header("Authorization"));
        assertNoToken(r);

        fake.on("GET", "/api/v1/admin/pricing", 401, "{\"detail\":{\"code\":\"ADMIN_UNAUTHORIZED\","
                + "\"message\":\"missing or wrong admin token\"}}");
        ProviderCliRunner.Result denied = cli.run("pricing", "show");
        assertEquals(1, denied.exit(), denied.toString());
        assertTrue(denied.err().startsWith("golem-provider: missing or wrong admin token; the admin token is read "
                + "from " + dataDir.resolve("admin.token")), denied.err());
        assertTrue(denied.err().contains("(ADMIN_UNAUTHORIZED)"), denied.err());
        assertNoToken(denied);
    }

    @Test
    void optionsAfterTheSubcommandAndTheEnvironment() throws IOException {
        ProviderCliRunner bare = new ProviderCliRunner(null, tmp.resolve("elsewhere"))
                .env("GOLEM_PROVIDER_URL", fake.uri().toString());
        ProviderCliRunner.Result r = bare.runRaw("status", "--json", "--data-dir", dataDir.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("Bearer " + TOKEN, fake.requests("GET", "/api/v1/admin/status").get(0).header("Authorization"));

        ProviderCliRunner byPort = new ProviderCliRunner(null, dataDir)
                .env("GOLEM_PROVIDER_PORT", String.valueOf(fake.uri().getPort()));
        assertEquals(0, byPort.run("status").exit());
    }

    @Test
    void imagesListShowsEveryImageWithItsStatusAndWhyNotReady() {
        String images = Json.toJson(new OperatorImages(List.of(
                new OperatorImages.Image("debian-12", OperatorImages.READY, "/data/images/debian-12", null,
                        new ImageInfo("debian-12", "Debian 12 (bookworm)", 579L, "debian", "kernel+initrd+disk",
                                true)),
                new OperatorImages.Image("debian-12-docker", OperatorImages.MISSING, "/data/images/debian-12-docker",
                        "/data/images/debian-12-docker does not exist (build it with: golem-provider images build "
                                + "debian-12-docker --dir /data/images)", null),
                new OperatorImages.Image("micro", OperatorImages.INVALID, "/data/images/micro",
                        "image 'micro' in /data/images/micro is damaged: vmlinuz is missing", null))));
        fake.on("GET", "/api/v1/admin/images", 200, images);
        ProviderCliRunner.Result r = cli.run("images", "list");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("NAME +STATUS +OS +SIZE \\(MiB\\) +LOGIN +BOOT +USER-DATA +LOCATION"),
                lines.get(0));
        assertTrue(lines.get(2).matches("debian-12 +ready +Debian 12 \\(bookworm\\) +579 +debian +kernel\\+initrd\\+disk "
                + "+yes +/data/images/debian-12"), lines.get(2));
        assertTrue(lines.get(3).matches("debian-12-docker +missing +— +— +— +— +— +/data/images/debian-12-docker"),
                lines.get(3));
        assertTrue(lines.get(4).startsWith("micro "), lines.get(4));
        assertTrue(lines.contains("debian-12-docker: /data/images/debian-12-docker does not exist (build it with: "
                + "golem-provider images build debian-12-docker --dir /data/images)"), r.out());
        assertTrue(lines.contains("micro: image 'micro' in /data/images/micro is damaged: vmlinuz is missing"),
                r.out());
        assertEquals("Bearer " + TOKEN, fake.requests("GET", "/api/v1/admin/images").get(0).header("Authorization"));

        ProviderCliRunner.Result json = cli.run("images", "list", "--json");
        assertEquals(0, json.exit(), json.toString());
        assertEquals(Json.tree(images), Json.tree(json.out()));
    }

    @Test
    void imagesBuildRunsTheBuilderItCarriesWithItsOutputShown() throws IOException {
        // the jar carries provider-war/images/build-image as it is
        try (var in = ImagesCommand.class.getResourceAsStream(ImagesCommand.BUILDER_RESOURCE)) {
            assertTrue(in != null, "build-image is bundled");
            assertEquals(Files.readString(Path.of("..", "provider-war", "images", "build-image")),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        // the builder's own refusal of a name it does not know, passed through with its status
        ProviderCliRunner.Result r = cli.run("images", "build", "windows-95", "--dir", tmp.resolve("img").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("building windows-95 into " + tmp.resolve("img/windows-95")), r.err());
        assertTrue(r.err().contains("build-image: unknown image 'windows-95' (known: micro, debian-12, "
                + "debian-12-docker)"), r.err());
        assertEquals("", r.out());
        // the default directory is the provider's, where its catalogue looks
        ProviderCliRunner.Result d = cli.run("images", "build", "windows-95");
        assertTrue(d.err().contains("building windows-95 into " + dataDir.resolve("images/windows-95")), d.err());
    }

    @Test
    void statusPanel() {
        fake.on("GET", "/api/v1/admin/earnings", 200, EARNINGS);
        ProviderCliRunner.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.toString());
        String o = r.out();
        assertTrue(o.startsWith("Provider         : 0xAbCd000000000000000000000000000000001234\n"), o);
        assertTrue(o.contains("State            : running, ready\n"), o);
        assertTrue(o.contains("Earnings         : 0.002 ETH withdrawable, 0.0015 ETH withdrawn, 0.0035 ETH vested "
                + "in total (2 streams)\n"), o);
        assertTrue(o.contains("Payments\n  Network        : local, chain ok\n"), o);
        assertTrue(o.contains("  Token          : native ETH\n"), o);
        assertTrue(o.contains("Hypervisor\n  Driver         : qemu, KVM\n"), o);
        assertTrue(o.contains("  CPU            : 2 of 8 cores used, 6 free\n"), o);
        assertTrue(o.contains("  Memory         : 4 of 15 GB used, 11 GB free\n"), o);
        assertTrue(o.contains("  VMs            : 2 running, 1 stopped (at most 10)\n"), o);
        assertTrue(o.contains("  Stream monitor : enabled, every 30s; 120 runs, 0 RPC failures\n"), o);
        assertTrue(o.contains("  Auto-withdraw  : enabled, every 30m 00s from 0 ETH; 0 failures\n"), o);
        assertTrue(o.contains("  Last published : never\n"), o);
        assertTrue(o.contains("Prices (per month)\n  CPU            : $5.00 per core (0.0025 ETH)\n"), o);
        assertTrue(o.contains("  Token price    : $2000.00 per ETH\n"), o);
    }

    @Test
    void statusShowsOneLinePerAdvertisingDestination() {
        String destinations = Json.toJson(List.of(
                new ProviderStatus.Destination("central", "http://127.0.0.1:9001", 4_102_444_800_000L, null, null,
                        null, null),
                new ProviderStatus.Destination("chain", "ProviderRegistry 0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
                        null, "cannot pay gas for the registry entry: wallet 0xAbCd000000000000000000000000000000001234"
                        + " has 0 ETH; fund it (on the development chain: golem-provider wallet faucet)", 61_234L,
                        "0x01", "renew")));
        String status = FakeProviderAdmin.STATUS.replace("\"last_skip\":null}",
                "\"last_skip\":\"chain: cannot pay\",\"destinations\":" + destinations + "}");
        assertTrue(status.contains("\"destinations\""), status);
        fake.on("GET", "/api/v1/admin/status", 200, status);
        ProviderCliRunner.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.toString());
        String o = r.out();
        assertTrue(o.contains("Advertising\n  central        : http://127.0.0.1:9001; published just now\n"
                + "  chain          : ProviderRegistry 0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0; published never; "
                + "cannot pay gas for the registry entry: wallet 0xAbCd000000000000000000000000000000001234 has 0 ETH; "
                + "fund it (on the development chain: golem-provider wallet faucet); last renew used 61234 gas\n"), o);
        assertFalse(o.contains("Last published"), o);
    }

    @Test
    void statusNotReadyAndTcg() {
        fake.on("GET", "/health/ready", 503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"provider-chain\","
                + "\"status\":\"DOWN\",\"data\":{\"error\":\"connection refused\"}}]}");
        fake.on("GET", "/api/v1/admin/status", 200, FakeProviderAdmin.STATUS
                .replace("\"accelerator\":\"kvm\"", "\"accelerator\":\"tcg\"")
                .replace("\"chain_ok\":true", "\"chain_ok\":false,\"chain_error\":\"connection refused\""));
        ProviderCliRunner.Result r = cli.run("status");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("running, NOT ready: provider-chain DOWN (connection refused)"), r.out());
        assertTrue(r.out().contains("local, chain NOT reachable: connection refused"), r.out());
        assertTrue(r.out().contains("qemu, TCG (software emulation: VMs run slowly)"), r.out());
        // earnings cannot be read from this fake: said, not fatal
        assertTrue(r.out().contains("Earnings         : unknown ("), r.out());
    }

    @Test
    void statusJson() {
        ProviderCliRunner.Result r = cli.run("status", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out());
        assertEquals("0xAbCd000000000000000000000000000000001234", j.get("provider_id").asText());
        assertEquals("kvm", j.path("hypervisor").get("accelerator").asText());
        assertTrue(j.path("pricing").get("wei_per_core_month").isIntegralNumber(), "wei stay integers");
        assertEquals(fake.uri().toString(), j.get("url").asText());
        assertTrue(j.get("ready").asBoolean());
        assertEquals("UP", j.path("health").get("status").asText());

        // the provider's status document as it wrote it, then the three added keys
        assertEquals(List.of("provider_id", "payments", "hypervisor", "ssh_ports", "capacity", "vms", "monitor",
                "withdraw", "advertiser", "pricing", "url", "ready", "health"), keys(j));
        ObjectNode document = j.deepCopy();
        document.remove(List.of("url", "ready", "health"));
        assertEquals(Json.tree(FakeProviderAdmin.STATUS), document);
        assertEquals(Json.tree("{\"status\":\"UP\",\"checks\":[]}"), j.get("health"));
    }

    @Test
    void statusJsonWhenNotReadyKeepsTheHealthAnswer() {
        String down = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"provider-chain\",\"status\":\"DOWN\","
                + "\"data\":{\"error\":\"connection refused\"}},{\"name\":\"provider-db\",\"status\":\"UP\"}]}";
        fake.on("GET", "/health/ready", 503, down);
        ProviderCliRunner.Result r = cli.run("status", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out());
        assertFalse(j.get("ready").asBoolean());
        assertEquals(Json.tree(down), j.get("health"));

        fake.on("GET", "/health/ready", 503, "not json");
        JsonNode plain = Json.tree(cli.run("status", "--json").out());
        assertTrue(plain.get("health").isNull(), plain.toString());
        assertEquals("running, NOT ready: HTTP 503", cli.run("status").out().lines()
                .filter(l -> l.startsWith("State")).findFirst().orElseThrow().replaceFirst("State\\s*: ", ""));
    }

    @Test
    void anAnswerThatIsNotTheRoutesRecordIsUnexpected() {
        fake.on("GET", "/api/v1/admin/wallet", 200, "[1,2]");
        ProviderCliRunner.Result r = cli.run("wallet", "balance");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem-provider: unexpected response from the provider to GET /api/v1/admin/wallet: not a JSON "
                + "object\n", r.err());

        fake.on("GET", "/api/v1/admin/wallet", 200, "{\"address\":\"0xA\",\"balance_wei\":\"lots\"}");
        ProviderCliRunner.Result wrong = cli.run("wallet", "balance");
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().startsWith("golem-provider: unexpected response from the provider to GET "
                + "/api/v1/admin/wallet: "), wrong.err());
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void statusWhenNothingRuns() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProviderCliRunner down = new ProviderCliRunner("http://127.0.0.1:" + closed, dataDir);
        ProviderCliRunner.Result r = down.run("status");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem-provider: the provider is not running at http://127.0.0.1:" + closed
                + "; start it with: golem-provider start\n", r.err());
        ProviderCliRunner.Result j = down.run("status", "--json");
        assertEquals(1, j.exit(), j.toString());
        assertEquals(Json.tree("{\"running\":false,\"url\":\"http://127.0.0.1:" + closed + "\"}"), Json.tree(j.out()));
    }

    @Test
    void pricingShowWithExamples() {
        fake.on("GET", "/api/v1/admin/pricing", 200, "{\"usd_per_core_month\":5.0,\"usd_per_gb_ram_month\":2.0,"
                + "\"usd_per_gb_storage_month\":0.1,\"glm_per_core_month\":0.0025,\"glm_per_gb_ram_month\":0.001,"
                + "\"glm_per_gb_storage_month\":0.00005,\"token_usd_price\":2000,\"token_decimals\":18,"
                + "\"wei_per_core_month\":2500000000000000,\"wei_per_gb_ram_month\":1000000000000000,"
                + "\"wei_per_gb_storage_month\":50000000000000}");
        ProviderCliRunner.Result r = cli.run("pricing", "show");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("""
                Current pricing (per month):
                CPU         : $5.00 per core (0.0025 ETH)
                Memory      : $2.00 per GB RAM (0.001 ETH)
                Disk        : $0.10 per GB disk (0.00005 ETH)
                Token price : $2000.00 per ETH

                Example monthly costs with current settings:
                (Estimated monthly earnings with your current pricing)
                - Small (1C, 1GB RAM, 10GB Disk): ~$8.00 per month (~0.004 ETH)
                - Medium (2C, 4GB RAM, 20GB Disk): ~$20.00 per month (~0.01 ETH)
                """, r.out());
        JsonNode j = Json.tree(cli.run("pricing", "show", "--json").out());
        assertEquals("ETH", j.get("token_symbol").asText());
        assertEquals("small", j.path("examples").get(0).get("name").asText());
        assertTrue(j.path("examples").get(1).get("wei_per_month").isIntegralNumber());
        assertEquals(List.of("usd_per_core_month", "usd_per_gb_ram_month", "usd_per_gb_storage_month",
                "glm_per_core_month", "glm_per_gb_ram_month", "glm_per_gb_storage_month", "token_usd_price",
                "token_decimals", "wei_per_core_month", "wei_per_gb_ram_month", "wei_per_gb_storage_month",
                "token_symbol", "examples"), keys(j));
        assertEquals(Json.tree("{\"name\":\"small\",\"cpu\":1,\"memory\":1,\"storage\":10,\"usd_per_month\":8.0,"
                + "\"wei_per_month\":4000000002048000}"), j.path("examples").get(0),
                "0.004 ETH a month at a whole wei per second, rounded up (1522070016 wei/s × 2628000 s)");

        // without the token's price: no wei figures, and the keys the provider left out stay out
        fake.on("GET", "/api/v1/admin/pricing", 200, "{\"usd_per_core_month\":5.0,\"usd_per_gb_ram_month\":2.0,"
                + "\"usd_per_gb_storage_month\":0.1,\"glm_per_core_month\":null,\"glm_per_gb_ram_month\":null,"
                + "\"glm_per_gb_storage_month\":null}");
        JsonNode bare = Json.tree(cli.run("pricing", "show", "--json").out());
        assertEquals(List.of("usd_per_core_month", "usd_per_gb_ram_month", "usd_per_gb_storage_month",
                "glm_per_core_month", "glm_per_gb_ram_month", "glm_per_gb_storage_month", "token_symbol",
                "examples"), keys(bare));
        assertEquals(List.of("name", "cpu", "memory", "storage", "usd_per_month"), keys(bare.path("examples").get(1)));
    }

    @Test
    void pricingSetValidatesAndPutsOnlyWhatIsGiven() {
        ProviderCliRunner.Result negative = cli.run("pricing", "set", "--usd-per-core", "-1", "--usd-per-mem", "2",
                "--usd-per-disk", "0.1");
        assertEquals(2, negative.exit(), negative.toString());
        assertTrue(negative.err().contains("--usd-per-core must not be negative"), negative.err());
        ProviderCliRunner.Result zeroToken = cli.run("pricing", "set", "--token-usd-price", "0");
        assertEquals(2, zeroToken.exit(), zeroToken.toString());
        ProviderCliRunner.Result nothing = cli.run("pricing", "set");
        assertEquals(2, nothing.exit(), nothing.toString());
        assertTrue(fake.requests("PUT", "/api/v1/admin/pricing").isEmpty(), "nothing sent");

        fake.on("PUT", "/api/v1/admin/pricing", 200, "{\"usd_per_core_month\":6,\"usd_per_gb_ram_month\":2.5,"
                + "\"usd_per_gb_storage_month\":0.12,\"glm_per_core_month\":0.003,\"glm_per_gb_ram_month\":0.00125,"
                + "\"glm_per_gb_storage_month\":0.00006,\"token_usd_price\":2000,\"token_decimals\":18,"
                + "\"wei_per_core_month\":3000000000000000,\"wei_per_gb_ram_month\":1250000000000000,"
                + "\"wei_per_gb_storage_month\":60000000000000}");
        ProviderCliRunner.Result r = cli.run("pricing", "set", "--core-usd", "6", "--ram-usd", "2.5",
                "--storage-usd", "0.12");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Json.tree("{\"usd_per_core_month\":6,\"usd_per_gb_ram_month\":2.5,"
                        + "\"usd_per_gb_storage_month\":0.12}"),
                Json.tree(fake.requests("PUT", "/api/v1/admin/pricing").get(0).body()));
        assertTrue(r.out().startsWith("Updated pricing (applied by the running provider, advertised at once):\n"
                + "CPU         : $6.00 per core (0.003 ETH)\n"), r.out());

        cli.run("pricing", "set", "--token-usd-price", "2500.5");
        assertEquals("{\"token_usd_price\":2500.5}", fake.requests("PUT", "/api/v1/admin/pricing").get(1).body());

        ProviderCliRunner.Result j = cli.run("pricing", "set", "--usd-per-core", "6", "--json");
        assertEquals(0, j.exit(), j.toString());
        assertEquals(Json.tree("{\"usd_per_core_month\":6,\"usd_per_gb_ram_month\":2.5,"
                + "\"usd_per_gb_storage_month\":0.12,\"glm_per_core_month\":0.003,\"glm_per_gb_ram_month\":0.00125,"
                + "\"glm_per_gb_storage_month\":0.00006,\"token_usd_price\":2000,\"token_decimals\":18,"
                + "\"wei_per_core_month\":3000000000000000,\"wei_per_gb_ram_month\":1250000000000000,"
                + "\"wei_per_gb_storage_month\":60000000000000}"), Json.tree(j.out()));
    }

    @Test
    void streamsEarningsJsonKeepsTheOriginalShape() {
        fake.on("GET", "/api/v1/admin/earnings", 200, EARNINGS);
        ProviderCliRunner.Result r = cli.run("streams", "earnings", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = Json.tree(r.out());
        assertEquals(2, j.get("streams").size());
        JsonNode s = j.get("streams").get(0);
        for (String k : List.of("vm_id", "stream_id", "token", "vested", "withdrawn", "withdrawable")) {
            assertTrue(s.has(k), k);
        }
        assertEquals(2000000000000000L, s.get("withdrawable").asLong());
        assertEquals(Json.tree("{\"vested\":3500000000000000,\"withdrawn\":1500000000000000,"
                + "\"withdrawable\":2000000000000000}"), j.get("totals"));
        assertEquals("0xaaa", j.get("withdrawals").get(0).get("tx_hash").asText());
        assertEquals(Json.tree(EARNINGS), j, "the provider's report, field for field");
        assertEquals(List.of("streams", "totals", "withdrawals", "chain_time"), keys(j));

        ProviderCliRunner.Result text = cli.run("streams", "earnings");
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.out().startsWith("Earnings summary (ETH)\nWithdrawable : 0.002 ETH\n"), text.out());
        assertTrue(text.out().contains("web1       7  active       0.003 ETH   0.001 ETH     0.002 ETH"), text.out());
        assertTrue(text.out().contains("Withdrawals\n"), text.out());
    }

    @Test
    void streamsListAndShow() {
        fake.on("GET", "/api/v1/admin/earnings", 200, EARNINGS);
        fake.on("GET", "/api/v1/admin/vms", 200, "{\"vms\":[{\"name\":\"web1\",\"stream_id\":7,"
                + "\"runway_seconds\":3725}]}");
        ProviderCliRunner.Result r = cli.run("streams", "list");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("web1       7  active                   1h 02m"), r.out());
        assertTrue(r.out().contains("old        3  terminated (settled)"), r.out());
        JsonNode j = Json.tree(cli.run("streams", "list", "--json").out());
        assertEquals(3725, j.get("streams").get(0).get("remaining_seconds").asLong());
        assertTrue(j.get("streams").get(1).get("remaining_seconds").isNull());
        List<String> row = List.of("vm_id", "stream_id", "token", "vested", "withdrawn", "withdrawable", "status",
                "settled", "remaining_seconds");
        assertEquals(row, keys(j.get("streams").get(0)));
        assertEquals(row, keys(j.get("streams").get(1)));
        assertEquals(List.of("streams"), keys(j));

        ProviderCliRunner.Result show = cli.run("streams", "show", "web1");
        assertEquals(0, show.exit(), show.toString());
        assertTrue(show.out().contains("Stream ID    : 7\n"), show.out());
        assertTrue(show.out().contains("Withdrawable : 0.002 ETH\n"), show.out());
        assertTrue(show.out().contains("0.001 ETH  auto  tx 0xaaa"), show.out());
        JsonNode sj = Json.tree(cli.run("streams", "show", "web1", "--json").out());
        assertEquals(7, sj.get("stream_id").asInt());
        assertEquals(1, sj.get("withdrawals").size());
        List<String> shown = new ArrayList<>(row);
        shown.add("withdrawals");
        assertEquals(shown, keys(sj));
        assertEquals(Json.tree(EARNINGS).get("withdrawals").get(0), sj.get("withdrawals").get(0));

        ProviderCliRunner.Result unknown = cli.run("streams", "show", "nope");
        assertEquals(1, unknown.exit(), unknown.toString());
        assertEquals("golem-provider: No stream mapped for this VM.\n", unknown.err());
    }

    @Test
    void withdrawAllPrintsEachStream() {
        fake.on("POST", "/api/v1/admin/withdraw", 200, "{\"results\":[{\"stream_id\":7,\"vm_name\":\"web1\","
                + "\"amount_wei\":2000000000000000,\"tx_hash\":\"0xbeef\",\"error\":null},{\"stream_id\":9,"
                + "\"vm_name\":\"db\",\"amount_wei\":null,\"tx_hash\":null,\"error\":\"insufficient funds for gas\"}]}");
        ProviderCliRunner.Result r = cli.run("streams", "withdraw", "--all");
        assertEquals(1, r.exit(), "one failed: " + r);
        assertEquals("{\"all\":true}", fake.requests("POST", "/api/v1/admin/withdraw").get(0).body());
        assertEquals("""
                Withdrew stream 7 for VM web1: tx=0xbeef amount=0.002 ETH (2000000000000000 wei)
                Failed to withdraw stream 9 for VM db: insufficient funds for gas
                """, r.out());

        fake.on("POST", "/api/v1/admin/withdraw", 200, "{\"results\":[]}");
        ProviderCliRunner.Result vm = cli.run("streams", "withdraw", "--vm-id", "web1");
        assertEquals(0, vm.exit(), vm.toString());
        assertEquals("{\"vm_id\":\"web1\"}", fake.requests("POST", "/api/v1/admin/withdraw").get(1).body());
        assertEquals("Nothing to withdraw.\n", vm.out());
        cli.run("streams", "withdraw", "--stream-id", "12");
        assertEquals("{\"stream_id\":12}", fake.requests("POST", "/api/v1/admin/withdraw").get(2).body());

        ProviderCliRunner.Result neither = cli.run("streams", "withdraw");
        assertEquals(2, neither.exit(), neither.toString());
        ProviderCliRunner.Result both = cli.run("streams", "withdraw", "--all", "--vm-id", "x");
        assertEquals(2, both.exit(), both.toString());
        assertEquals(3, fake.requests("POST", "/api/v1/admin/withdraw").size());

        fake.on("POST", "/api/v1/admin/withdraw", 404, "{\"detail\":{\"code\":\"NO_STREAM\","
                + "\"message\":\"no stream mapped for this VM\"}}");
        ProviderCliRunner.Result unknown = cli.run("streams", "withdraw", "--vm-id", "nope");
        assertEquals(1, unknown.exit());
        assertEquals("golem-provider: no stream mapped for this VM (NO_STREAM)\n", unknown.err());

        String results = "{\"results\":[{\"stream_id\":7,\"vm_name\":\"web1\",\"amount_wei\":2000000000000000,"
                + "\"tx_hash\":\"0xbeef\",\"error\":null},{\"stream_id\":9,\"vm_name\":\"db\",\"amount_wei\":null,"
                + "\"tx_hash\":null,\"error\":\"insufficient funds for gas\"}]}";
        fake.on("POST", "/api/v1/admin/withdraw", 200, results);
        ProviderCliRunner.Result j = cli.run("streams", "withdraw", "--all", "--json");
        assertEquals(1, j.exit(), "one failed: " + j);
        assertEquals(Json.tree(results), Json.tree(j.out()));
    }

    @Test
    void configMonitorDisableAndWithdrawSettings() {
        String monitor = "{\"enabled\":false,\"interval_seconds\":30,\"stopped_retention_seconds\":86400,"
                + "\"min_runway_seconds\":300,\"runs\":4,\"rpc_failures\":1,\"last_error\":null}";
        fake.on("PUT", "/api/v1/admin/settings/monitor", 200, monitor);
        fake.on("GET", "/api/v1/admin/settings/monitor", 200, monitor);
        ProviderCliRunner.Result r = cli.run("config", "monitor", "--disable");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Json.tree("{\"enabled\":false}"),
                Json.tree(fake.requests("PUT", "/api/v1/admin/settings/monitor").get(0).body()));
        assertTrue(r.out().startsWith("Updated monitor settings (applied by the running provider):\n"
                + "Stream monitor    : disabled\n"), r.out());
        assertTrue(r.out().contains("Stopped retention : 1d 0h (86400 s)\n"), r.out());

        cli.run("config", "monitor", "--enable", "--interval", "60", "--min-remaining", "600", "--retention", "0");
        assertEquals(Json.tree("{\"enabled\":true,\"interval_seconds\":60,\"stopped_retention_seconds\":0,"
                + "\"min_runway_seconds\":600}"),
                Json.tree(fake.requests("PUT", "/api/v1/admin/settings/monitor").get(1).body()));
        cli.run("config", "monitor", "--enable", "false");
        assertEquals("{\"enabled\":false}", fake.requests("PUT", "/api/v1/admin/settings/monitor").get(2).body());

        ProviderCliRunner.Result current = cli.run("config", "monitor");
        assertEquals(0, current.exit(), current.toString());
        assertTrue(current.out().startsWith("Current monitor settings:\n"), current.out());
        assertEquals(1, fake.requests("GET", "/api/v1/admin/settings/monitor").size());

        assertEquals(2, cli.run("config", "monitor", "--enable", "--disable").exit());
        assertEquals(2, cli.run("config", "monitor", "--interval", "0").exit());
        assertEquals(2, cli.run("config", "monitor", "--retention", "-5").exit());
        assertEquals(3, fake.requests("PUT", "/api/v1/admin/settings/monitor").size());

        fake.on("PUT", "/api/v1/admin/settings/withdraw", 200, "{\"enabled\":true,\"interval_seconds\":900,"
                + "\"min_wei\":1000}");
        ProviderCliRunner.Result w = cli.run("config", "withdraw", "--enable", "--interval", "900", "--min-wei",
                "1000", "--json");
        assertEquals(0, w.exit(), w.toString());
        assertEquals(Json.tree("{\"enabled\":true,\"interval_seconds\":900,\"min_wei\":1000}"),
                Json.tree(fake.requests("PUT", "/api/v1/admin/settings/withdraw").get(0).body()));
        assertEquals(1000, Json.tree(w.out()).get("min_wei").asLong());
        assertEquals(Json.tree("{\"enabled\":true,\"interval_seconds\":900,\"min_wei\":1000}"), Json.tree(w.out()));
        ProviderCliRunner.Result m = cli.run("config", "monitor", "--json");
        assertEquals(0, m.exit(), m.toString());
        assertEquals(Json.tree(monitor), Json.tree(m.out()));
        assertEquals(2, cli.run("config", "withdraw", "--min-wei", "-1").exit());
    }

    @Test
    void wallet() {
        fake.on("GET", "/api/v1/provider/info", 200, "{\"provider_id\":\"0xAbCd000000000000000000000000000000001234\"}");
        ProviderCliRunner.Result a = cli.run("wallet", "address");
        assertEquals("0xAbCd000000000000000000000000000000001234\n", a.out());
        assertEquals(Json.tree("{\"address\":\"0xAbCd000000000000000000000000000000001234\"}"),
                Json.tree(cli.run("wallet", "address", "--json").out()));

        fake.on("GET", "/api/v1/admin/wallet", 200, "{\"address\":\"0xAbCd000000000000000000000000000000001234\","
                + "\"balance_wei\":1500000000000000000,\"token_symbol\":\"ETH\"}");
        ProviderCliRunner.Result b = cli.run("wallet", "balance");
        assertEquals(0, b.exit(), b.toString());
        assertTrue(b.out().contains("Balance : 1.5 ETH\n"), b.out());
        assertEquals(1500000000000000000L, Json.tree(cli.run("wallet", "balance", "--json").out())
                .get("balance_wei").asLong());

        fake.on("POST", "/api/v1/admin/wallet/faucet", 409, "{\"detail\":{\"code\":\"FAUCET_DISABLED\","
                + "\"message\":\"no faucet on payments network l2.holesky (only the local development chain has "
                + "one)\"}}");
        ProviderCliRunner.Result f = cli.run("wallet", "faucet");
        assertEquals(1, f.exit(), f.toString());
        assertEquals("golem-provider: no faucet on payments network l2.holesky (only the local development chain "
                + "has one); fund the provider's address (golem-provider wallet address) from a wallet of your own "
                + "(FAUCET_DISABLED)\n", f.err());

        fake.on("POST", "/api/v1/admin/wallet/faucet", 200, "{\"address\":\"0xAbCd000000000000000000000000000000001234\","
                + "\"funded_wei\":10000000000000000000}");
        ProviderCliRunner.Result ok = cli.run("wallet", "faucet-l2");
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("Funded 10 ETH to 0xAbCd000000000000000000000000000000001234.\n", ok.out());
        assertEquals(Json.tree("{\"address\":\"0xAbCd000000000000000000000000000000001234\","
                + "\"funded_wei\":10000000000000000000}"), Json.tree(cli.run("wallet", "faucet", "--json").out()));
        assertEquals(Json.tree("{\"address\":\"0xAbCd000000000000000000000000000000001234\","
                + "\"balance_wei\":1500000000000000000,\"token_symbol\":\"ETH\"}"),
                Json.tree(cli.run("wallet", "balance", "--json").out()));
    }

    @Test
    void paymentsDisabledIsSaidPlainly() {
        fake.on("GET", "/api/v1/admin/status", 200, FakeProviderAdmin.STATUS.replace("\"enabled\":true,\"network\"",
                "\"enabled\":false,\"network\""));
        fake.on("GET", "/api/v1/admin/earnings", 503, "{\"detail\":{\"code\":\"CHAIN_UNAVAILABLE\","
                + "\"message\":\"payments are not configured\"}}");
        ProviderCliRunner.Result r = cli.run("streams", "list");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem-provider: Streaming payments are disabled on this provider "
                + "(GOLEM_PROVIDER_PAYMENTS_ENABLED=false).\n", r.err());
        ProviderCliRunner.Result s = cli.run("status");
        assertEquals(0, s.exit(), s.toString());
        assertTrue(s.out().contains("Earnings         : none: payments are disabled\n"), s.out());
        assertTrue(s.out().contains("  Network        : local, payments disabled (VMs are free)\n"), s.out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, cli.run().exit());
        assertEquals(2, cli.run("pricing").exit());
        assertEquals(2, cli.run("streams", "show").exit());
        ProviderCliRunner.Result v = cli.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("golem-provider "), v.out());
    }
}
