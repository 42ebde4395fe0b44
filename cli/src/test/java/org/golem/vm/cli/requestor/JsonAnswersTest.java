package org.golem.vm.cli.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.golem.vm.cli.support.JsonOut;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.requestor.CreationStarted;
import org.golem.vm.common.wire.requestor.FaucetResult;
import org.golem.vm.common.wire.requestor.JobView;
import org.golem.vm.common.wire.requestor.PurgeResult;
import org.golem.vm.common.wire.requestor.StreamList;
import org.golem.vm.common.wire.requestor.StreamOpened;
import org.golem.vm.common.wire.requestor.StreamSummary;
import org.golem.vm.common.wire.requestor.StreamTerminated;
import org.golem.vm.common.wire.requestor.StreamToppedUp;
import org.golem.vm.common.wire.requestor.VmDeleted;
import org.golem.vm.common.wire.requestor.VmDetail;
import org.golem.vm.common.wire.requestor.VmList;
import org.golem.vm.common.wire.requestor.WalletBalance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commands read the service's answers as its wire records, and {@code --json} prints the answer byte for byte as
 * the CLI printed the service's JSON before it read records: the answer's tree, pretty ({@link JsonOut}), same fields
 * in the same order, wei as integers. Also: what the reading tolerates and how a wrong answer is reported.
 */
class JsonAnswersTest extends FakeServiceTest {

    /** @return the route, the service's answer there and a command line printing it with {@code --json} */
    static Stream<Arguments> commandsPrintingTheAnswer() {
        BigInteger wei = new BigInteger("12054794520546000");
        String ready = Answers.json(new JobView("j-1", "web1", "ready", "ready", null, BigInteger.valueOf(42),
                Answers.VM, null));
        return Stream.of(
                Arguments.of("GET", "/api/v1/vms", Answers.json(new VmList(List.of(Answers.VM))),
                        List.of("vm", "list")),
                Arguments.of("GET", "/api/v1/vms/web1", Answers.json(Answers.DETAIL), List.of("vm", "info", "web1")),
                Arguments.of("GET", "/api/v1/vms/web1", Answers.json(new VmDetail(Answers.VM,
                        "the payments chain cannot be read", null, Answers.DETAIL.topUp())),
                        List.of("vm", "info", "web1")),
                Arguments.of("POST", "/api/v1/vms/web1/start", Answers.json(Answers.VM),
                        List.of("vm", "start", "web1")),
                Arguments.of("POST", "/api/v1/vms/web1/stop", Answers.json(Answers.VM),
                        List.of("vm", "stop", "web1")),
                Arguments.of("DELETE", "/api/v1/vms/web1", Answers.json(new VmDeleted("web1", "deleted",
                        BigInteger.valueOf(42), wei, "0xabc", "stream 42 terminated")),
                        List.of("vm", "destroy", "web1")),
                Arguments.of("DELETE", "/api/v1/vms/web1", Answers.json(new VmDeleted("web1", "deleted", null, null,
                        null, "no stream")), List.of("vm", "destroy", "web1")),
                Arguments.of("POST", "/api/v1/vms/purge", Answers.json(new PurgeResult(List.of(
                        new PurgeResult.Entry("web1", true, "destroyed")))), List.of("vm", "purge", "--yes")),
                Arguments.of("GET", "/api/v1/providers", Answers.json(Answers.providers("l2.holesky")),
                        List.of("vm", "providers", "--cpu", "2", "--memory", "4", "--storage", "20")),
                Arguments.of("GET", "/api/v1/jobs/j-1", ready, List.of("vm", "create", "web1", "--provider-id",
                        Answers.PROVIDER_ID, "--cpu", "2", "--memory", "4", "--storage", "20", "--yes")),
                Arguments.of("GET", "/api/v1/streams", Answers.json(new StreamList(List.of(
                        new StreamSummary("web1", BigInteger.valueOf(42), "active", 3725L, true, "ok", null),
                        new StreamSummary("db", null, null, null, false, "unmapped", "VM 'db' not found")))),
                        List.of("vm", "stream", "list")),
                Arguments.of("POST", "/api/v1/streams", Answers.json(new StreamOpened(BigInteger.valueOf(43),
                        new BigInteger("3348554033485"), wei, Answers.PROVIDER_ID)), List.of("vm", "stream", "open",
                        "--provider-id", Answers.PROVIDER_ID, "--cpu", "2", "--memory", "4", "--storage", "20")),
                Arguments.of("POST", "/api/v1/streams/42/topup", Answers.json(new StreamToppedUp(
                        BigInteger.valueOf(42), wei, "0xfeed", 4102444800L)),
                        List.of("vm", "stream", "topup", "--stream-id", "42", "--hours", "1")),
                Arguments.of("GET", "/api/v1/vms/web1/stream", Answers.json(Answers.PROVIDER_STREAM),
                        List.of("vm", "stream", "status", "web1")),
                Arguments.of("GET", "/api/v1/streams/42", Answers.json(Answers.DETAIL.stream()),
                        List.of("vm", "stream", "inspect", "--stream-id", "42")),
                Arguments.of("POST", "/api/v1/streams/42/terminate", Answers.json(new StreamTerminated(
                        BigInteger.valueOf(42), "0xdead", wei)),
                        List.of("vm", "stream", "terminate", "--stream-id", "42")),
                Arguments.of("GET", "/api/v1/wallet", Answers.json(new WalletBalance(Answers.WALLET, wei,
                        StreamState.ZERO_ADDRESS, "ETH", null)), List.of("wallet", "balance")),
                Arguments.of("POST", "/api/v1/wallet/faucet", Answers.json(new FaucetResult(Answers.WALLET, null,
                        wei, null)), List.of("wallet", "faucet")));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("commandsPrintingTheAnswer")
    void jsonIsTheServicesAnswerPretty(String method, String path, String answer, List<String> command) {
        fake.on(method, path, 200, answer);
        fake.on("POST", "/api/v1/vms", 202, Answers.json(new CreationStarted("j-1", "web1", "creating")));
        String[] args = Stream.concat(command.stream(), Stream.of("--json")).toArray(String[]::new);
        CliRunner.Result r = cli.run(args);
        assertEquals(0, r.exit(), r.toString());
        String answered = path.equals("/api/v1/jobs/j-1") ? Json.toJson(Json.tree(answer).get("vm")) : answer;
        assertEquals(JsonOut.pretty(Json.tree(answered)) + "\n", r.out());
    }

    @Test
    void walletAddressJsonIsTheWalletsPartOfInfoInItsOrder() {
        CliRunner.Result r = cli.run("wallet", "address", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("{\n  \"address\": \"" + Answers.WALLET + "\",\n  \"network\": \"testnet\",\n"
                + "  \"payments_network\": \"l2.holesky\",\n  \"chain_id\": 31337\n}\n", r.out());
    }

    @Test
    void purgeWithNothingToPurgePrintsAnEmptyResultList() {
        fake.on("GET", "/api/v1/vms", 200, Answers.json(new VmList(List.of())));
        CliRunner.Result r = cli.run("vm", "purge", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("{\n  \"results\": []\n}\n", r.out());
        assertTrue(fake.requests("POST", "/api/v1/vms/purge").isEmpty());
    }

    @Test
    void requestBodiesAreWrittenAsBeforeWithAbsentOptionsLeftOut() {
        fake.on("POST", "/api/v1/vms", 202, Answers.json(new CreationStarted("j-1", "web1", "creating")));
        fake.on("GET", "/api/v1/jobs/j-1", 200, Answers.json(new JobView("j-1", "web1", "ready", "ready", null,
                BigInteger.valueOf(42), Answers.VM, null)));
        assertEquals(0, cli.run("vm", "create", "web1", "--provider-id", Answers.PROVIDER_ID, "--cpu", "2", "--memory",
                "4", "--storage", "20", "--hours", "3", "--yes").exit());
        assertEquals("{\"name\":\"web1\",\"provider_id\":\"" + Answers.PROVIDER_ID + "\",\"cpu\":2,\"memory\":4,"
                + "\"storage\":20,\"hours\":3}", fake.requests("POST", "/api/v1/vms").get(0).body());

        fake.on("POST", "/api/v1/streams/42/topup", 200, Answers.json(new StreamToppedUp(BigInteger.valueOf(42),
                BigInteger.TEN, "0xfeed", 0)));
        assertEquals(0, cli.run("vm", "stream", "topup", "--stream-id", "42", "--hours", "2").exit());
        assertEquals("{\"hours\":2}", fake.requests("POST", "/api/v1/streams/42/topup").get(0).body());

        fake.on("POST", "/api/v1/streams", 200, Answers.json(new StreamOpened(BigInteger.ONE, BigInteger.ONE,
                BigInteger.TEN, Answers.PROVIDER_ID)));
        assertEquals(0, cli.run("vm", "stream", "open", "--provider-id", Answers.PROVIDER_ID, "--cpu", "2",
                "--memory", "4", "--storage", "20", "--hours", "5").exit());
        assertEquals("{\"provider_id\":\"" + Answers.PROVIDER_ID + "\",\"cpu\":2,\"memory\":4,\"storage\":20,"
                + "\"hours\":5}", fake.requests("POST", "/api/v1/streams").get(0).body());
    }

    @Test
    void fieldsTheRecordsDoNotKnowAreIgnored() {
        String vm = Answers.json(Answers.VM);
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":[" + vm.substring(0, vm.length() - 1)
                + ",\"gpu\":{\"model\":\"none\"}}],\"next_page\":null}");
        CliRunner.Result r = cli.run("vm", "list");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("web1  running  0xDd329f…7055")), r.out());
    }

    @Test
    void aBareArrayOfVmsIsReadAsTheList() {
        fake.on("GET", "/api/v1/vms", 200, "[" + Answers.json(Answers.VM) + "]");
        CliRunner.Result r = cli.run("vm", "list", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(JsonOut.pretty(Json.tree("{\"vms\":[" + Answers.json(Answers.VM) + "]}")) + "\n", r.out());
    }

    @Test
    void anAnswerOfAnotherShapeOrNotJsonIsAnUnexpectedResponse() {
        fake.on("GET", "/api/v1/vms", 200, "{\"vms\":5}");
        CliRunner.Result shape = cli.run("vm", "list");
        assertEquals(1, shape.exit(), shape.toString());
        assertTrue(shape.err().startsWith("golem: unexpected response from the requestor service to GET /api/v1/vms: "
                + "cannot read VmList from JSON"), shape.err());
        assertEquals(1, shape.err().lines().count(), shape.err());

        fake.on("GET", "/api/v1/wallet", 200, "<html>ok</html>");
        CliRunner.Result html = cli.run("wallet", "balance");
        assertEquals(1, html.exit(), html.toString());
        assertEquals("golem: unexpected response from the requestor service to GET /api/v1/wallet: not JSON\n",
                html.err());

        fake.on("POST", "/api/v1/wallet/faucet", 200, "");
        CliRunner.Result empty = cli.run("wallet", "faucet");
        assertEquals(1, empty.exit(), empty.toString());
        assertEquals("golem: unexpected response from the requestor service to POST /api/v1/wallet/faucet: no body\n",
                empty.err());
    }
}
