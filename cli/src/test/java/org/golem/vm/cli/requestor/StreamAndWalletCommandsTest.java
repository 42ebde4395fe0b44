package org.golem.vm.cli.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.golem.vm.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vm stream ...} and {@code wallet ...} against canned service answers. */
class StreamAndWalletCommandsTest {

    @TempDir
    Path tmp;

    FakeRequestorServer fake;
    CliRunner cli;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeRequestorServer();
        cli = new CliRunner(fake, tmp);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

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
    }

    @Test
    void topupByHoursAndByExactWei() {
        fake.on("POST", "/api/v1/streams/42/topup", 200, "{\"stream_id\":42,\"topped_up_wei\":12054794520546000,"
                + "\"tx\":\"0xfeed\",\"stop_time\":4102444800}");
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
    }

    @Test
    void streamListTableAndJson() {
        String body = "{\"streams\":[{\"name\":\"web1\",\"stream_id\":42,\"status\":\"active\",\"remaining_seconds\":3725,"
                + "\"verified\":true,\"reason\":\"ok\",\"error\":null},{\"name\":\"db\",\"stream_id\":null,"
                + "\"status\":null,\"remaining_seconds\":null,\"verified\":false,\"reason\":\"unmapped\",\"error\":null},"
                + "{\"name\":\"old\",\"stream_id\":null,\"status\":null,\"remaining_seconds\":null,\"verified\":null,"
                + "\"reason\":null,\"error\":\"provider unreachable\"}]}";
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
        fake.on("POST", "/api/v1/streams", 200, "{\"stream_id\":43,\"rate_per_second_wei\":3348554033485,"
                + "\"deposit_wei\":12054794520546000,\"tx\":\"0xbeef\"}");
        CliRunner.Result r = cli.run("vm", "stream", "open", "--provider-id", "0xabc", "--cpu", "2", "--memory", "4",
                "--storage", "20");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(Json.tree("{\"provider_id\":\"0xabc\",\"cpu\":2,\"memory\":4,\"storage\":20,\"hours\":1}"),
                Json.tree(fake.requests("POST", "/api/v1/streams").get(0).body()));
        assertTrue(r.out().startsWith("Opened stream 43.\n"), r.out());
        assertTrue(r.out().contains("Deposit     : 0.0120548 ETH\n"), r.out());
        assertTrue(r.out().contains("--stream-id 43"), r.out());
    }

    @Test
    void inspectAndTerminate() {
        fake.on("GET", "/api/v1/streams/42", 200, "{\"stream_id\":42,\"chain\":{\"token\":\"0x0000000000000000000000000000000000000000\","
                + "\"sender\":\"0x1\",\"recipient\":\"0x2\",\"startTime\":1,\"stopTime\":2,\"ratePerSecond\":1000000000000000,"
                + "\"deposit\":1000000000000000,\"withdrawn\":0,\"halted\":false},\"computed\":{\"now\":3,"
                + "\"remaining_seconds\":0,\"vested_wei\":1000000000000000,\"withdrawable_wei\":1000000000000000,"
                + "\"refundable_wei\":0,\"status\":\"exhausted\"}}");
        CliRunner.Result r = cli.run("vm", "stream", "inspect", "--stream-id", "42");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Stream status : exhausted\n"), r.out());
        assertTrue(r.out().contains("Rate          : 0.001 ETH/s (3.6 ETH/h)\n"), r.out());
        assertTrue(r.out().contains("Remaining     : 0s\n"), r.out());
        assertTrue(r.out().contains("Refundable    : 0 ETH\n"), r.out());

        fake.on("POST", "/api/v1/streams/42/terminate", 200, "{\"stream_id\":42,\"tx\":\"0xdead\",\"refunded_wei\":0}");
        CliRunner.Result t = cli.run("vm", "stream", "terminate", "--stream-id", "42");
        assertEquals("Terminated stream 42.\nRefunded    : 0 ETH\nTransaction : 0xdead\n", t.out());

        fake.on("GET", "/api/v1/streams/99", 404, "{\"detail\":{\"code\":\"STREAM_NOT_FOUND\",\"message\":\"stream 99 does not exist\"}}");
        CliRunner.Result missing = cli.run("vm", "stream", "inspect", "--stream-id", "99", "--json");
        assertEquals(1, missing.exit());
        assertEquals("golem: stream 99 does not exist (STREAM_NOT_FOUND)\n", missing.err());
    }

    @Test
    void walletBalanceAddressAndFaucet() {
        fake.on("GET", "/api/v1/wallet", 200, "{\"address\":\"0x1111111111111111111111111111111111111111\","
                + "\"balance_wei\":100000000000000000000,\"token_address\":\"0x0000000000000000000000000000000000000000\","
                + "\"token_symbol\":\"ETH\",\"token_balance_wei\":null}");
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
        fake.on("GET", "/api/v1/info", 200, "{\"version\":\"test\",\"token_symbol\":\"GLM\"}");
        fake.on("GET", "/api/v1/wallet", 200, "{\"address\":\"0x1111111111111111111111111111111111111111\","
                + "\"balance_wei\":2000000000000000000,\"token_address\":\"0x2222222222222222222222222222222222222222\","
                + "\"token_symbol\":\"GLM\",\"token_balance_wei\":5500000000000000000}");
        CliRunner.Result b = cli.run("wallet", "balance");
        assertEquals(0, b.exit(), b.toString());
        assertTrue(b.out().contains("Balance       : 2 ETH\n"), b.out());
        assertTrue(b.out().contains("Token balance : 5.5 GLM\n"), b.out());
        assertTrue(b.out().contains("Token         : 0x2222222222222222222222222222222222222222\n"), b.out());

        fake.on("POST", "/api/v1/wallet/faucet", 200, "{\"address\":\"0x1111111111111111111111111111111111111111\","
                + "\"tx\":null,\"funded_wei\":100000000000000000000,\"funded_token_wei\":100000000000000000000}");
        CliRunner.Result f = cli.run("wallet", "faucet");
        assertEquals(0, f.exit(), f.toString());
        assertEquals("Funded 100 ETH and 100 GLM to 0x1111111111111111111111111111111111111111.\n", f.out());
    }
}
