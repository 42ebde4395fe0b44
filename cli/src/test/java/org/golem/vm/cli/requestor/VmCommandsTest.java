package org.golem.vm.cli.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.requestor.ProviderImages;
import org.golem.vm.common.wire.requestor.CreationStarted;
import org.golem.vm.common.wire.requestor.JobError;
import org.golem.vm.common.wire.requestor.JobView;
import org.golem.vm.common.wire.requestor.PurgeResult;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.common.wire.requestor.VmDeleted;
import org.junit.jupiter.api.Test;

/** The {@code vm} commands against canned service answers: what the user sees and what is sent. */
class VmCommandsTest extends FakeServiceTest {

    static final String PROVIDER_ID = Answers.PROVIDER_ID;

    static final String VM = Answers.json(Answers.VM);

    static final String PROVIDERS = Answers.json(Answers.providers("l2.holesky"));

    @Test
    void listEmptyGivesVmsArrayInJsonAndALineOtherwise() {
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[]}");
        CliRunner.Result json = cli.run("vm", "list", "--json");
        assertEquals(0, json.exit(), json.toString());
        assertEquals("{\n  \"vms\": []\n}\n", json.out());
        assertEquals("", json.err());

        CliRunner.Result text = cli.run("vm", "list");
        assertEquals(0, text.exit());
        assertTrue(text.out().startsWith("No VMs found."), text.toString());
    }

    @Test
    void listShowsAnAlignedTable() {
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[" + VM + "," + VM.replace("web1", "db-server-2")
                .replace("\"running\"", "\"stopped\"") + "]}");
        CliRunner.Result r = cli.run("vm", "list");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("Your VMs (2)", lines.get(0));
        String header = lines.get(1);
        assertTrue(header.startsWith("Name         Status   Provider"), header);
        for (String col : List.of("CPU", "Memory (GB)", "Disk (GB)", "SSH", "Stream", "Created")) {
            assertTrue(header.contains(col), col);
        }
        assertTrue(lines.get(2).startsWith("-----------  -------  "), lines.get(2));
        assertTrue(lines.get(3).startsWith("web1         running  0xDd329f…7055"), lines.get(3));
        assertTrue(lines.get(3).contains("root@2.2.2.2:50022"), lines.get(3));
        assertTrue(lines.get(4).startsWith("db-server-2  stopped  "), lines.get(4));
        // columns line up: "Status" starts at the same offset in every row
        int col = header.indexOf("Status");
        assertEquals("running", lines.get(3).substring(col, col + 7));
        assertFalse(r.out().contains("\u001b["), "no ANSI escapes when stdout is not a terminal");
    }

    @Test
    void listJsonKeepsTheServiceRecords() {
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[" + VM + "]}");
        CliRunner.Result r = cli.run("vm", "list", "--json");
        assertEquals(Json.tree("{\"vms\":[" + VM + "]}"), Json.tree(r.out()));
    }

    @Test
    void providersTableWithEstimateColumns() {
        fake.on("GET", "/api/v1/providers", 200, PROVIDERS);
        CliRunner.Result r = cli.run("vm", "providers", "--cpu", "2", "--memory", "4", "--storage", "20",
                "--country", "SE");
        assertEquals(0, r.exit(), r.toString());
        FakeRequestorServer.Request req = fake.requests("GET", "/api/v1/providers").get(0);
        assertEquals("cpu=2&memory=4&storage=20&country=SE", req.query());
        List<String> lines = r.out().lines().toList();
        assertEquals("Providers (2), estimates for 2 CPU, 4 GB RAM, 20 GB disk:", lines.get(0));
        String header = lines.get(1);
        assertTrue(header.matches("Provider ID +Name +IP Address +Country +Platform +CPU +Memory \\(GB\\) +"
                + "Disk \\(GB\\) +USD/core/mo +USD/GB RAM/mo +USD/GB disk/mo +Egress +Source "
                + "+Est\\. \\$/mo +Est\\. ETH/mo "
                + "+Updated"),
                header);
        String row = lines.get(3);
        assertTrue(row.startsWith(PROVIDER_ID + "  alpha  2.2.2.2     SE       x86_64"), row);
        assertTrue(row.contains("$6.00"), row);
        assertTrue(row.contains("$0.10"), row);
        assertTrue(row.endsWith(" ago"), row);
        assertTrue(row.contains("~$22.00"), row);
        assertTrue(row.contains("~0.0088 ETH"), row);
        // the provider without prices gets dashes, not an error
        assertTrue(lines.get(4).startsWith("0x2222222222222222222222222222222222222222  —"), lines.get(4));
    }

    /**
     * Runs {@code golem vm providers <args>} against {@code body}, checks the query sent, and returns each row's text
     * (the two providers of {@link Answers#providers}) from the start of column {@code header} on.
     */
    private List<String> providersColumn(String body, String header, String query, String... args) {
        fake.on("GET", "/api/v1/providers", 200, body);
        List<String> argv = new java.util.ArrayList<>(List.of("vm", "providers"));
        argv.addAll(List.of(args));
        CliRunner.Result r = cli.run(argv.toArray(new String[0]));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(query, fake.requests("GET", "/api/v1/providers").get(0).query());
        List<String> lines = r.out().lines().toList();
        int col = lines.get(1).indexOf(header);
        assertTrue(col > 0, lines.get(1));
        return lines.subList(3, 5).stream().map(l -> l.substring(col)).toList();
    }

    @Test
    void providersFilteredByEgressShowThePolicy() {
        String body = PROVIDERS.replaceFirst("\"pricing\"", "\"egress\":{\"policy\":\"none\"},\"pricing\"");
        List<String> column = providersColumn(body, "Egress", "egress=none", "--egress", "none");
        assertEquals("none", column.get(0).substring(0, 4), column.get(0));
        CliRunner.Result json = cli.run("vm", "providers", "--egress", "none", "--json");
        assertEquals("none", Json.tree(json.out()).path("providers").get(0).path("egress")
                .path("policy").asText(), json.out());
    }

    @Test
    void providersFromOneSourceShowWhereEachWasFound() {
        List<String> column = providersColumn(PROVIDERS, "Source", "discovery=chain", "--discovery", "chain");
        assertTrue(column.get(0).startsWith("chain "), column.get(0));
        assertTrue(column.get(1).startsWith("central "), column.get(1));
        CliRunner.Result json = cli.run("vm", "providers", "--discovery", "chain", "--json");
        assertEquals(Json.tree(PROVIDERS), Json.tree(json.out()));
        assertEquals("chain", Json.tree(json.out()).path("providers").get(0).path("source").asText());
    }

    @Test
    void imagesShowsTheProvidersCatalogueAsATableOrItsJson() {
        String images = Answers.json(new ProviderImages(PROVIDER_ID, List.of(
                new ImageInfo("debian-12", "Debian 12 (bookworm)", 579L, "debian", "kernel+initrd+disk", true),
                new ImageInfo("micro", "BusyBox on the Debian 12 cloud kernel", 17L, "root", "kernel+initrd",
                        false))));
        fake.on("GET", "/api/v1/providers/" + PROVIDER_ID + "/images", 200, images);
        CliRunner.Result r = cli.run("vm", "images", "--provider-id", PROVIDER_ID);
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("Images of provider " + PROVIDER_ID + " (2):", lines.get(0));
        assertTrue(lines.get(1).matches("Name +OS +Size \\(MiB\\) +Login +Boot +User-data"), lines.get(1));
        assertTrue(lines.get(3).matches("debian-12 +Debian 12 \\(bookworm\\) +579 +debian +kernel\\+initrd\\+disk +yes"),
                lines.get(3));
        assertTrue(lines.get(4).matches("micro +BusyBox on the Debian 12 cloud kernel +17 +root +kernel\\+initrd +no"),
                lines.get(4));
        assertTrue(lines.get(5).contains("--image IMAGE"), lines.get(5));

        CliRunner.Result json = cli.run("vm", "images", "--provider-id", PROVIDER_ID, "--json");
        assertEquals(0, json.exit(), json.toString());
        assertEquals(Json.tree(images), Json.tree(json.out()));

        CliRunner.Result missing = cli.run("vm", "images");
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("--provider-id"), missing.err());
    }

    @Test
    void anUnknownImageIsTheServicesRefusal() {
        fake.on("POST", "/api/v1/vms", 422, "{\"detail\":{\"code\":\"UNKNOWN_IMAGE\",\"message\":\"the provider does "
                + "not offer image 'windows-95'; it offers: debian-12, micro\"}}");
        CliRunner.Result r = cli.run("vm", "create", "web1", "--provider-id", PROVIDER_ID, "--cpu", "1", "--memory",
                "1", "--storage", "10", "--image", "windows-95", "--yes");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("it offers: debian-12, micro"), r.err());
        assertTrue(r.err().contains("UNKNOWN_IMAGE"), r.err());
        assertEquals("windows-95", Json.tree(fake.requests("POST", "/api/v1/vms").get(0).body()).get("image")
                .asText());
    }

    @Test
    void providersJsonPassesTheEstimateThroughExactly() {
        fake.on("GET", "/api/v1/providers", 200, PROVIDERS);
        CliRunner.Result r = cli.run("vm", "providers", "--cpu", "2", "--memory", "4", "--storage", "20",
                "--all-payments", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode out = Json.tree(r.out());
        assertEquals(Json.tree(PROVIDERS), out);
        JsonNode e = out.path("providers").get(0).path("estimate");
        assertTrue(e.path("deposit_wei_per_hour").isIntegralNumber());
        assertEquals("12054794520546000", e.path("deposit_wei_per_hour").asText());
        assertTrue(r.out().contains("\"rate_per_second_wei\": 3348554033485"), r.out());
        assertEquals("cpu=2&memory=4&storage=20&all_payments=true",
                fake.requests("GET", "/api/v1/providers").get(0).query());
    }

    @Test
    void providersWithoutFullSpecHaveNoEstimateColumns() {
        fake.on("GET", "/api/v1/providers", 200, PROVIDERS);
        CliRunner.Result r = cli.run("vm", "providers", "--cpu", "2", "--payments-network", "l2.holesky");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("Est."), r.out());
        assertTrue(r.out().contains("Give --cpu, --memory and --storage to see the estimated monthly cost."));
        assertEquals("cpu=2&payments_network=l2.holesky", fake.requests("GET", "/api/v1/providers").get(0).query());
        assertTrue(fake.requests("GET", "/api/v1/info").isEmpty(), "no symbol needed without estimates");
    }

    @Test
    void providersOfAllPaymentsNetworksShowTheirNetwork() {
        fake.on("GET", "/api/v1/providers", 200, Answers.json(Answers.providers("mainnet")));
        CliRunner.Result r = cli.run("vm", "providers", "--all-payments");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        int col = lines.get(1).indexOf("Payments");
        assertTrue(col > 0, lines.get(1));
        assertEquals("l2.holesky", lines.get(3).substring(col, col + 10));
        assertEquals("mainnet", lines.get(4).substring(col, col + 7));
    }

    @Test
    void providersNoneFound() {
        fake.on("GET", "/api/v1/providers", 200, "{\"providers\":[]}");
        assertEquals("No providers found matching the criteria.\n", cli.run("vm", "providers").out());
        assertEquals("{\n  \"providers\": []\n}\n", cli.run("vm", "providers", "--json").out());
    }

    /** @return the creation job {@code j-1} of VM web1 at this step */
    private static String job(String status, String step, String message, Long streamId, RentedVmView vm,
                              JobError error) {
        return Answers.json(new JobView("j-1", "web1", status, step, message,
                streamId == null ? null : BigInteger.valueOf(streamId), vm, error));
    }

    /** The VM web1 ready, paid by stream 42. */
    private static final String READY = job("ready", "ready", null, 42L, Answers.VM, null);

    private void jobAnswers(String last) {
        fake.on("POST", "/api/v1/vms", 202, Answers.json(new CreationStarted("j-1", "web1", "creating")));
        fake.onSequence("GET", "/api/v1/jobs/j-1", List.of(
                new FakeRequestorServer.Response(200, job("creating", "validating", null, null, null, null)),
                new FakeRequestorServer.Response(200, job("creating", "validating", null, null, null, null)),
                new FakeRequestorServer.Response(200, job("creating", "opening_stream", "deposit 0.012 ETH", null,
                        null, null)),
                new FakeRequestorServer.Response(200, job("creating", "creating_vm", null, 42L, null, null)),
                new FakeRequestorServer.Response(200, last)));
    }

    @Test
    void createPostsTheRequestShowsProgressAndTheResult() {
        jobAnswers(READY);
        CliRunner.Result r = cli.run("vm", "create", "web1", "--provider-id", PROVIDER_ID, "--cpu", "2",
                "--memory", "4", "--storage", "20", "--hours", "3", "--yes");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Json.tree("{\"name\":\"web1\",\"provider_id\":\"" + PROVIDER_ID + "\",\"cpu\":2,\"memory\":4,"
                + "\"storage\":20,\"hours\":3}"), Json.tree(fake.requests("POST", "/api/v1/vms").get(0).body()));
        List<String> err = r.err().lines().toList();
        assertEquals("Creating VM 'web1' (job j-1)", err.get(0));
        assertEquals(5, err.size(), r.err());
        assertTrue(err.get(1).matches("\\[ +\\d+\\.\\ds] checking the request, the provider and the wallet"), err.get(1));
        assertTrue(err.get(2).matches("\\[ +\\d+\\.\\ds] opening the payment stream: deposit 0\\.012 ETH"), err.get(2));
        assertTrue(err.get(3).endsWith("] creating the VM on the provider"), err.get(3));
        assertTrue(err.get(4).endsWith("] ready"), err.get(4));
        assertTrue(r.out().startsWith("VM 'web1' is running.\n"), r.out());
        assertTrue(r.out().contains("SSH       : root@2.2.2.2:50022"), r.out());
        assertTrue(r.out().endsWith("Connect with: golem vm ssh web1\n"), r.out());
    }

    @Test
    void createWithStreamIdAndImageAndJson() {
        jobAnswers(READY);
        CliRunner.Result r = cli.run("vm", "create", "web1", "--provider-id", PROVIDER_ID, "--cpu", "2",
                "--memory", "4", "--storage", "20", "--stream-id", "42", "--image", "ubuntu-24.04", "--yes", "--json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode body = Json.tree(fake.requests("POST", "/api/v1/vms").get(0).body());
        assertEquals(42, body.path("stream_id").asInt());
        assertEquals("ubuntu-24.04", body.path("image").asText());
        assertEquals(Json.tree(VM), Json.tree(r.out()));
    }

    @Test
    void failedCreationExitsOneWithTheServiceMessage() {
        fake.on("POST", "/api/v1/vms", 202, Answers.json(new CreationStarted("j-1", "web1", "creating")));
        fake.onSequence("GET", "/api/v1/jobs/j-1", List.of(
                new FakeRequestorServer.Response(200, job("creating", "creating_vm", null, 7L, null, null)),
                new FakeRequestorServer.Response(200, job("creating", "refunding", null, 7L, null, null)),
                new FakeRequestorServer.Response(200, job("failed", "failed", "stream 7 terminated, deposit refunded",
                        7L, null, new JobError("PROVIDER_REFUSED",
                                "provider refused: INSUFFICIENT_CAPACITY not enough memory")))));
        CliRunner.Result r = cli.run("vm", "create", "web1", "--provider-id", PROVIDER_ID, "--cpu", "2",
                "--memory", "4", "--storage", "20", "--yes");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out());
        List<String> err = r.err().lines().toList();
        assertTrue(err.contains(err.stream().filter(l -> l.endsWith("] terminating the payment stream (refund)"))
                .findFirst().orElse("missing refund step")), r.err());
        assertEquals("golem: VM creation failed: provider refused: INSUFFICIENT_CAPACITY not enough memory "
                + "(PROVIDER_REFUSED)", err.get(err.size() - 1));
        // told once, by the last line: no progress line repeats the failure or a stale job message
        assertTrue(err.stream().noneMatch(l -> l.contains("] failed")), r.err());
        assertEquals(1, err.stream().filter(l -> l.contains("INSUFFICIENT_CAPACITY")).count(), r.err());
    }

    @Test
    void createRejectedUpFrontShowsTheEnvelope() {
        fake.on("POST", "/api/v1/vms", 402, "{\"detail\":{\"code\":\"INSUFFICIENT_FUNDS\","
                + "\"message\":\"wallet has 0.001 ETH, needs 0.0121 ETH (deposit + gas)\"}}");
        CliRunner.Result r = cli.run("vm", "create", "web1", "--provider-id", PROVIDER_ID, "--cpu", "2",
                "--memory", "4", "--storage", "20", "--yes");
        assertEquals(1, r.exit());
        assertEquals("golem: wallet has 0.001 ETH, needs 0.0121 ETH (deposit + gas) (INSUFFICIENT_FUNDS)\n", r.err());
    }

    @Test
    void createAsksWithTheEstimatedCostOnATerminal() {
        fake.on("GET", "/api/v1/providers", 200, PROVIDERS);
        CliRunner.Result no = cli.stdin("n\n", true).run("vm", "create", "web1", "--provider-id",
                PROVIDER_ID.toLowerCase(), "--cpu", "2", "--memory", "4", "--storage", "20", "--hours", "2");
        assertEquals(1, no.exit(), no.toString());
        assertTrue(fake.requests("POST", "/api/v1/vms").isEmpty(), "nothing created after 'n'");
        assertTrue(no.err().contains("Estimated cost : ~$22.00/mo, ~0.0088 ETH/mo"), no.err());
        assertTrue(no.err().contains("Deposit        : 0.0241096 ETH for 2 h"), no.err());
        assertTrue(no.err().contains("Create VM 'web1'? [y/N] "), no.err());
        assertTrue(no.err().endsWith("golem: cancelled; nothing was created\n"), no.err());
        assertEquals("cpu=2&memory=4&storage=20&all_payments=true",
                fake.requests("GET", "/api/v1/providers").get(0).query());

        jobAnswers(READY);
        CliRunner.Result yes = cli.stdin("y\n", true).run("vm", "create", "web1", "--provider-id", PROVIDER_ID,
                "--cpu", "2", "--memory", "4", "--storage", "20");
        assertEquals(0, yes.exit(), yes.toString());
        assertEquals(1, fake.requests("POST", "/api/v1/vms").size());
    }

    @Test
    void createWithoutTerminalProceedsButSaysSo() {
        jobAnswers(READY);
        CliRunner.Result r = cli.stdin("", false).run("vm", "create", "web1", "--provider-id", PROVIDER_ID,
                "--cpu", "2", "--memory", "4", "--storage", "20");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().startsWith("note: no terminal to confirm on, creating without confirmation"), r.err());
        assertTrue(fake.requests("GET", "/api/v1/providers").isEmpty());
    }

    @Test
    void destroyAndItsAliasDelete() {
        fake.on("DELETE", "/api/v1/vms/web1", 200, Answers.json(new VmDeleted("web1", "deleted",
                BigInteger.valueOf(42), new BigInteger("12054794520546000"), "0xabc",
                "deleted on the provider; stream 42 terminated, 12054794520546000 wei refunded")));
        CliRunner.Result destroy = cli.run("vm", "destroy", "web1");
        CliRunner.Result delete = cli.run("vm", "delete", "web1");
        assertEquals(0, destroy.exit(), destroy.toString());
        assertEquals(0, delete.exit(), delete.toString());
        assertEquals(destroy.out(), delete.out());
        assertEquals("VM 'web1' destroyed.\nPayment stream 42 terminated; unspent deposit 0.0120548 ETH "
                + "(12054794520546000 wei) refunded (tx 0xabc).\n", delete.out());
        assertEquals(2, fake.requests("DELETE", "/api/v1/vms/web1").size());
    }

    @Test
    void destroyUnknownVm() {
        fake.on("DELETE", "/api/v1/vms/ghost", 404,
                "{\"detail\":{\"code\":\"VM_NOT_FOUND\",\"message\":\"VM 'ghost' not found\"}}");
        CliRunner.Result r = cli.run("vm", "delete", "ghost");
        assertEquals(1, r.exit());
        assertEquals("golem: VM 'ghost' not found (VM_NOT_FOUND)\n", r.err());
    }

    @Test
    void purgeNeedsConfirmationAndReportsFailures() {
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[" + VM + "]}");
        fake.on("POST", "/api/v1/vms/purge", 200, Answers.json(new PurgeResult(List.of(
                new PurgeResult.Entry("web1", true, "destroyed"),
                new PurgeResult.Entry("db", false, "provider unreachable; local record removed")))));

        CliRunner.Result noTty = cli.run("vm", "purge");
        assertEquals(1, noTty.exit());
        assertTrue(noTty.err().contains("pass --yes"), noTty.err());
        assertTrue(fake.requests("POST", "/api/v1/vms/purge").isEmpty());

        CliRunner.Result declined = cli.stdin("no\n", true).run("vm", "purge");
        assertEquals(1, declined.exit());
        assertTrue(declined.err().contains("Destroy all 1 VMs and terminate their payment streams? [y/N]"));
        assertTrue(fake.requests("POST", "/api/v1/vms/purge").isEmpty());

        CliRunner.Result partial = cli.stdin("", false).run("vm", "purge", "--yes");
        assertEquals(1, partial.exit(), partial.toString());
        assertTrue(partial.out().contains("db    FAILED  provider unreachable; local record removed"), partial.out());
        assertTrue(partial.out().contains("Purged 1 of 2 VMs."), partial.out());
        assertEquals("golem: 1 of 2 VMs were not destroyed cleanly (see above); --force ignores this\n",
                partial.err());

        CliRunner.Result forced = cli.run("vm", "purge", "--yes", "--force");
        assertEquals(0, forced.exit(), forced.toString());
    }

    @Test
    void infoShowsStreamAmountsInTokensAndJsonKeepsWei() {
        String info = Answers.json(Answers.DETAIL);
        fake.on("GET", "/api/v1/vms/web1", 200, info);
        CliRunner.Result r = cli.run("vm", "info", "web1");
        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.contains("Status        : running\n"), out);
        assertTrue(out.contains("SSH           : root@2.2.2.2:50022  (connect: golem vm ssh web1)\n"), out);
        assertTrue(out.contains("Deposit       : 0.0241096 ETH\n"), out);
        assertTrue(out.contains("Remaining     : 1h 02m\n"), out);
        assertTrue(out.contains("Rate          : 0.00000334855 ETH/s (0.0120548 ETH/h)\n"), out);
        assertTrue(out.contains("Token         : native (ETH)\n"), out);
        assertTrue(out.contains("Warning       : wallet balance 0.001 ETH cannot keep 1h 00m of runway\n"), out);

        CliRunner.Result json = cli.run("vm", "info", "web1", "--json");
        assertEquals(Json.tree(info), Json.tree(json.out()));
        assertTrue(json.out().contains("\"deposit\": 24109589041092000"), json.out());
    }

    @Test
    void portsAreAskedForOnCreateAndShownByPortsAndInfo() {
        RentedVmView withPorts = new RentedVmView("web1", PROVIDER_ID, "http://2.2.2.2:7466", "web1", "running",
                Answers.VM.resources(), "2.2.2.2", 50022, "root", null, BigInteger.ONE, Answers.VM.createdAt(),
                Answers.VM.updatedAt(), null, List.of(new PortForward(80, 50812), new PortForward(443, 50813)));
        fake.on("POST", "/api/v1/vms", 202, Answers.json(new CreationStarted("job-1", "web1", "pending")));
        fake.on("GET", "/api/v1/jobs/job-1", 200, Answers.json(new JobView("job-1", "web1", "ready", "ready", null,
                BigInteger.ONE, withPorts, null)));
        fake.on("GET", "/api/v1/vms/web1", 200, Answers.json(withPorts));

        CliRunner.Result create = cli.run("vm", "create", "web1", "--provider-id", PROVIDER_ID, "--cpu", "1",
                "--memory", "1", "--storage", "10", "--port", "80", "--port", "443", "--yes");
        assertEquals(0, create.exit(), create.toString());
        JsonNode body = Json.tree(fake.requests("POST", "/api/v1/vms").get(0).body());
        assertEquals("[80,443]", body.get("ports").toString());
        assertTrue(create.out().matches("(?s).*\nPorts +: 80 → 2\\.2\\.2\\.2:50812, 443 → 2\\.2\\.2\\.2:50813\n.*"),
                create.out());

        CliRunner.Result ports = cli.run("vm", "ports", "web1");
        assertEquals(" 80 → 2.2.2.2:50812\n443 → 2.2.2.2:50813\n", ports.out(), ports.toString());
        CliRunner.Result json = cli.run("vm", "ports", "web1", "--json");
        assertEquals(Json.tree("{\"name\":\"web1\",\"host\":\"2.2.2.2\",\"ports\":[{\"guest_port\":80,"
                + "\"host_port\":50812},{\"guest_port\":443,\"host_port\":50813}]}"), Json.tree(json.out()));
        CliRunner.Result info = cli.run("vm", "info", "web1");
        assertTrue(info.out().matches("(?s).*\nPorts +: 80 → 2\\.2\\.2\\.2:50812, 443 → 2\\.2\\.2\\.2:50813\n.*"),
                info.out());

        fake.on("GET", "/api/v1/vms/web1", 200, VM);
        assertTrue(cli.run("vm", "ports", "web1").out().startsWith("VM 'web1' forwards no ports besides SSH"));
    }

    @Test
    void startAndStop() {
        fake.on("POST", "/api/v1/vms/web1/stop", 200, VM.replace("\"running\"", "\"stopped\""));
        fake.on("POST", "/api/v1/vms/web1/start", 200, VM);
        CliRunner.Result stop = cli.run("vm", "stop", "web1");
        assertEquals(0, stop.exit(), stop.toString());
        assertTrue(stop.out().startsWith("VM 'web1' is stopped.\n"), stop.out());
        assertTrue(stop.out().contains("payment stream keeps running"), stop.out());
        CliRunner.Result start = cli.run("vm", "start", "web1");
        assertEquals("VM 'web1' is running.\nConnect with: golem vm ssh web1  (root@2.2.2.2:50022)\n", start.out());
    }
}
