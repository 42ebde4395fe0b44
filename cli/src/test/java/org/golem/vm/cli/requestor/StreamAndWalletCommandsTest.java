package org.golem.vm.cli.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.stream.StreamFigures;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.stream.StreamStatus;
import org.golem.vm.common.wire.requestor.FaucetResult;
import org.golem.vm.common.wire.requestor.StreamList;
import org.golem.vm.common.wire.requestor.StreamOpened;
import org.golem.vm.common.wire.requestor.StreamSummary;
import org.golem.vm.common.wire.requestor.StreamTerminated;
import org.golem.vm.common.wire.requestor.StreamToppedUp;
import org.golem.vm.common.wire.requestor.StreamView;
import org.golem.vm.common.wire.requestor.WalletBalance;
import org.junit.jupiter.api.Test;

/** {@code vm stream ...} and {@code wallet ...} against canned service answers. */
class StreamAndWalletCommandsTest extends FakeServiceTest {

    @Test
    void topupNeedsHoursOrAmountButNotBoth() {
        CliRunner.Result neither = cli.run("vm", "stream", "topup", "--stream-id", "42");
        assertEquals(2, neither.exit(), neither.toString());
        assertTrue(neither.err().contains("--hours") && neither.err().contains("--amount-wei"), neither.err());

        CliRunner.Result both = cli.run("vm", "stream", "topup", "--stream-id", "42", "--hours", "1",
                "--amount-wei", "5");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(fake.requests().stream().noneMatch(r -> r.path().contains("topup")), "nothing sent");

        CliRunner.Result zero = cli.run("vm", "stream", "topup", "--stream-id", "42", "--hours", "0");
        assertEquals(2, zero.exit(), zero.toString());

        CliRunner.Result badDuration = cli.run("vm", "stream", "topup", "--stream-id", "42", "--duration", "6 weeks");
        assertEquals(2, badDuration.exit(), badDuration.toString());
        assertTrue(badDuration.err().contains("--duration: '6 weeks' is not a duration"), badDuration.err());
        assertTrue(fake.requests().stream().noneMatch(r -> r.path().contains("topup")), "nothing sent");
    }

    @Test
    void topupByDurationSendsSeconds() {
        fake.on("POST", "/api/v1/streams/42/topup", 200, Answers.json(new StreamToppedUp(BigInteger.valueOf(42),
                new BigInteger("12054794520546000"), "0xfeed", 4102444800L)));
        CliRunner.Result r = cli.run("vm", "stream", "topup", "--stream-id", "42", "--duration", "30m");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("{\"seconds\":1800}", fake.requests("POST", "/api/v1/streams/42/topup").get(0).body());
    }

    @Test
    void topupByHoursAndByExactWei() {
        String answer = Answers.json(new StreamToppedUp(BigInteger.valueOf(42), new BigInteger("12054794520546000"),
                "0xfeed", 4102444800L));
        fake.on("POST", "/api/v1/streams/42/topup", 200, answer);
        CliRunner.Result hours = cli.run("vm", "stream", "topup", "--stream-id", "42", "--hours", "2");
        assertEquals(0, hours.exit(), hours.toString());
        assertEquals(Json.tree("{\"hours\":2}"),
                Json.tree(fake.requests("POST", "/api/v1/streams/42/topup").get(0).body()));
        assertTrue(hours.out().startsWith("Topped up stream 42 with 0.0120548 ETH.\n"), hours.out());
        assertTrue(hours.out().contains("Paid until  : 2100-01-01 00:00:00 UTC (in "), hours.out());

        CliRunner.Result wei = cli.run("vm", "stream", "topup", "--stream-id", "42",
                "--amount-wei", "123456789012345678901234567890", "--json");
        assertEquals(0, wei.exit(), wei.toString());
        String body = fake.requests("POST", "/api/v1/streams/42/topup").get(1).body();
        assertEquals("{\"amount_wei\":123456789012345678901234567890}", body);
        assertEquals(Json.tree("{\"stream_id\":42,\"topped_up_wei\":12054794520546000,\"tx\":\"0xfeed\","
                + "\"stop_time\":4102444800}"), Json.tree(wei.out()));
        assertEquals(Json.tree(answer), Json.tree(wei.out()));
    }

    @Test
    void streamListTableAndJson() {
        // the provider of "old" could not be asked: the service says verified false with the error, shown as "—"
        String body = Answers.json(new StreamList(List.of(
                new StreamSummary("web1", BigInteger.valueOf(42), "active", 3725L, true, "ok", null),
                new StreamSummary("db", null, null, null, false, "unmapped", null),
                new StreamSummary("old", null, null, null, false, null, "provider unreachable"))));
        fake.on("GET", "/api/v1/streams", 200, body);
        CliRunner.Result r = cli.run("vm", "stream", "list");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals("Streams (3 VMs)", lines[0]);
        assertEquals("VM    Stream ID  Status  Remaining  Verified  Note", lines[1]);
        assertEquals("web1  42         active     1h 02m  yes       ok", lines[3]);
        assertEquals("db    —          —               —  no        unmapped", lines[4]);
        assertEquals("old   —          —               —  —         error: provider unreachable", lines[5]);
        assertEquals(Json.tree(body), Json.tree(cli.run("vm", "stream", "list", "--json").out()));

        fake.on("GET", "/api/v1/streams", 200, "{\"streams\":[]}");
        assertEquals("{\n  \"streams\": []\n}\n", cli.run("vm", "stream", "list", "--json").out());
    }

    @Test
    void openSendsTheSpecAndPrintsRateAndDeposit() {
        fake.on("POST", "/api/v1/streams", 200, Answers.json(new StreamOpened(BigInteger.valueOf(43),
                new BigInteger("3348554033485"), new BigInteger("12054794520546000"), Answers.PROVIDER_ID)));
        CliRunner.Result r = cli.run("vm", "stream", "open", "--provider-id", "0xabc", "--cpu", "2", "--memory", "4",
                "--storage", "20");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Json.tree("{\"provider_id\":\"0xabc\",\"cpu\":2,\"memory\":4,\"storage\":20,\"hours\":1}"),
                Json.tree(fake.requests("POST", "/api/v1/streams").get(0).body()));
        assertTrue(r.out().startsWith("Opened stream 43.\n"), r.out());
        assertTrue(r.out().contains("Rate    : 0.00000334855 ETH/s (0.0120548 ETH/h)\n"), r.out());
        assertTrue(r.out().contains("Deposit : 0.0120548 ETH\n"), r.out());
        assertTrue(r.out().contains("--stream-id 43"), r.out());
    }

    @Test
    void inspectAndTerminate() {
        BigInteger milliEth = new BigInteger("1000000000000000");
        fake.on("GET", "/api/v1/streams/42", 200, Answers.json(new StreamView(BigInteger.valueOf(42),
                new StreamState(StreamState.ZERO_ADDRESS, "0x1", "0x2", 1, 2, milliEth, milliEth, BigInteger.ZERO,
                        false),
                new StreamFigures(3, 0, milliEth, milliEth, BigInteger.ZERO, StreamStatus.EXHAUSTED))));
        CliRunner.Result r = cli.run("vm", "stream", "inspect", "--stream-id", "42");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Stream status : exhausted\n"), r.out());
        assertTrue(r.out().contains("Rate          : 0.001 ETH/s (3.6 ETH/h)\n"), r.out());
        assertTrue(r.out().contains("Remaining     : 0s\n"), r.out());
        assertTrue(r.out().contains("Refundable    : 0 ETH\n"), r.out());

        fake.on("POST", "/api/v1/streams/42/terminate", 200, Answers.json(new StreamTerminated(BigInteger.valueOf(42),
                "0xdead", BigInteger.ZERO)));
        CliRunner.Result t = cli.run("vm", "stream", "terminate", "--stream-id", "42");
        assertEquals("Terminated stream 42.\nRefunded    : 0 ETH\nTransaction : 0xdead\n", t.out());

        fake.on("GET", "/api/v1/streams/99", 404, "{\"detail\":{\"code\":\"STREAM_NOT_FOUND\",\"message\":\"stream 99 does not exist\"}}");
        CliRunner.Result missing = cli.run("vm", "stream", "inspect", "--stream-id", "99", "--json");
        assertEquals(1, missing.exit());
        assertEquals("golem: stream 99 does not exist (STREAM_NOT_FOUND)\n", missing.err());
    }

    @Test
    void walletBalanceAddressAndFaucet() {
        fake.on("GET", "/api/v1/wallet", 200, Answers.json(new WalletBalance(Answers.WALLET,
                new BigInteger("100000000000000000000"), StreamState.ZERO_ADDRESS, "ETH", null)));
        CliRunner.Result b = cli.run("wallet", "balance");
        assertEquals("Address : 0x1111111111111111111111111111111111111111\nBalance : 100 ETH\n", b.out());
        assertTrue(cli.run("wallet", "balance", "--json").out().contains("\"balance_wei\": 100000000000000000000"));

        assertEquals("0x1111111111111111111111111111111111111111\n", cli.run("wallet", "address").out());
        assertEquals(Json.tree("{\"address\":\"0x1111111111111111111111111111111111111111\",\"network\":\"testnet\","
                + "\"payments_network\":\"l2.holesky\",\"chain_id\":31337}"),
                Json.tree(cli.run("wallet", "address", "--json").out()));

        fake.on("POST", "/api/v1/wallet/faucet", 409, "{\"detail\":{\"code\":\"FAUCET_DISABLED\","
                + "\"message\":\"the faucet only works on the local dev chain (chain id 31337)\"}}");
        CliRunner.Result f = cli.run("wallet", "faucet");
        assertEquals(1, f.exit());
        assertEquals("golem: the faucet only works on the local dev chain (chain id 31337) (FAUCET_DISABLED)\n",
                f.err());
    }

    @Test
    void walletInAnErc20TokenShowsTheTokenBalanceAndTheMintedTokens() {
        String glm = "0x2222222222222222222222222222222222222222";
        fake.on("GET", "/api/v1/info", 200, Answers.json(Answers.info("GLM", glm)));
        fake.on("GET", "/api/v1/wallet", 200, Answers.json(new WalletBalance(Answers.WALLET,
                new BigInteger("2000000000000000000"), glm, "GLM", new BigInteger("5500000000000000000"))));
        CliRunner.Result b = cli.run("wallet", "balance");
        assertEquals(0, b.exit(), b.toString());
        assertTrue(b.out().contains("Balance       : 2 ETH\n"), b.out());
        assertTrue(b.out().contains("Token balance : 5.5 GLM\n"), b.out());
        assertTrue(b.out().contains("Token         : 0x2222222222222222222222222222222222222222\n"), b.out());

        BigInteger hundred = new BigInteger("100000000000000000000");
        fake.on("POST", "/api/v1/wallet/faucet", 200, Answers.json(new FaucetResult(Answers.WALLET, null, hundred,
                hundred)));
        CliRunner.Result f = cli.run("wallet", "faucet");
        assertEquals(0, f.exit(), f.toString());
        assertEquals("Funded 100 ETH and 100 GLM to 0x1111111111111111111111111111111111111111.\n", f.out());
    }
}
