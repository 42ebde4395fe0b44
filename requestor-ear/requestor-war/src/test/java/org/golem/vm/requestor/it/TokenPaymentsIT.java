package org.golem.vm.requestor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.Erc20Client;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.generated.StreamPayment;
import org.golem.vm.requestor.stack.LocalStack;
import org.golem.vm.requestor.stack.RequestorApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Streams in an ERC-20 token (the chain's MockERC20 as the payments network's token, as GLM would be) through the
 * whole marketplace: the faucet mints test tokens, a VM is paid by a token stream (approve, then createStream pulls
 * exactly the deposit and no ETH but gas), a top-up pulls exactly its amount, the provider's operator withdraws
 * tokens, the auto top-up restores the runway in tokens, and destroying the VM refunds exactly the unvested tokens.
 */
class TokenPaymentsIT {
    private static final String NETWORK = "anvil-glm";
    private static LocalStack stack;
    private static LocalStack.Service provider;
    private static RequestorApi api;
    private static String providerId;
    private static String wallet;
    private static Erc20Client token;
    private static StreamPaymentClient streams;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "token-stack-"));
        String tokenAddress = stack.tokenNetwork(NETWORK);
        LocalStack.Service discovery = stack.discovery();
        provider = stack.provider("provider", discovery, 51820, Map.of("GOLEM_PROVIDER_PAYMENTS_NETWORK", NETWORK,
                "GOLEM_PROVIDER_TOKEN_SYMBOL", "GLM", "GOLEM_PROVIDER_WITHDRAW_ENABLED", "false"));
        LocalStack.Service requestor = stack.requestor(discovery, Map.of("GOLEM_REQUESTOR_PAYMENTS_NETWORK", NETWORK,
                "GOLEM_REQUESTOR_TOKEN_SYMBOL", "GLM", "GOLEM_REQUESTOR_TOPUP_INTERVAL_SECONDS", "5"));
        api = new RequestorApi(requestor.url(), requestor.dataDir);
        providerId = provider.providerId();
        wallet = api.get("api/v1/info").get("address").asText();
        token = new Erc20Client(stack.anvil.chain(), tokenAddress);
        streams = new StreamPaymentClient(stack.anvil.chain(), stack.anvil.streamPaymentAddress());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.get("api/v1/providers").get("providers").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aVmPaidInTokensFromCreateToRefund() throws Exception {
        // the dev faucet gives ETH for gas and mints test tokens
        var faucet = api.send("POST", "api/v1/wallet/faucet", null);
        assertEquals(200, faucet.status(), faucet.body());
        BigInteger hundred = BigInteger.TEN.pow(20);
        assertEquals(hundred, faucet.json().get("funded_token_wei").bigIntegerValue());
        JsonNode w = api.get("api/v1/wallet");
        assertEquals(hundred, w.get("token_balance_wei").bigIntegerValue(), w.toString());
        assertEquals(token.token().toLowerCase(), w.get("token_address").asText().toLowerCase());

        // create: the stream is in the token and pulled exactly the deposit; ETH paid only gas
        BigInteger ethBefore = stack.anvil.balance(wallet);
        var accepted = api.send("POST", "api/v1/vms", "{\"name\":\"glm-1\",\"provider_id\":\"" + providerId
                + "\",\"cpu\":1,\"memory\":1,\"storage\":10,\"hours\":1}");
        assertEquals(202, accepted.status(), accepted.body());
        JsonNode job = api.awaitJob(accepted.json().get("job_id").asText(), Duration.ofSeconds(180));
        assertEquals("ready", job.get("status").asText(), job.toString());
        BigInteger id = job.get("stream_id").bigIntegerValue();
        StreamState s = streams.stream(id);
        assertEquals(token.token().toLowerCase(), s.token().toLowerCase(), "the stream pays in the token");
        assertEquals(providerId.toLowerCase(), s.recipient().toLowerCase());
        assertEquals(hundred.subtract(s.deposit()), token.balanceOf(wallet), "exactly the deposit was pulled");
        BigInteger ethSpent = ethBefore.subtract(stack.anvil.balance(wallet));
        assertTrue(ethSpent.signum() > 0 && ethSpent.compareTo(BigInteger.TEN.pow(16)) < 0,
                "ETH paid only the gas of approve and createStream: " + ethSpent);
        assertEquals("running", api.get("api/v1/vms/glm-1").get("status").asText());

        // a top-up of one hour pulls exactly rate x 3600 tokens
        BigInteger beforeTopUp = token.balanceOf(wallet);
        var topUp = api.send("POST", "api/v1/streams/" + id + "/topup", "{\"hours\":1}");
        assertEquals(200, topUp.status(), topUp.body());
        BigInteger hour = s.ratePerSecond().multiply(BigInteger.valueOf(3600));
        assertEquals(hour, topUp.json().get("topped_up_wei").bigIntegerValue());
        assertEquals(beforeTopUp.subtract(hour), token.balanceOf(wallet));
        assertEquals(s.deposit().add(hour), streams.stream(id).deposit());

        // ten minutes later the provider's operator withdraws tokens
        stack.anvil.increaseTime(600);
        stack.anvil.mine();
        stack.anvil.setBalance(providerId, BigInteger.TEN.pow(19)); // the operator pays the withdrawal's gas in ETH
        BigInteger providerTokens = token.balanceOf(providerId);
        JsonNode withdrawn = admin("/api/v1/admin/withdraw", "{\"all\":true}");
        JsonNode result = withdrawn.get("results").get(0);
        assertTrue(result.get("error").isNull(), withdrawn.toString());
        BigInteger amount = result.get("amount_wei").bigIntegerValue();
        assertTrue(amount.compareTo(s.ratePerSecond().multiply(BigInteger.valueOf(600))) >= 0, withdrawn.toString());
        assertEquals(providerTokens.add(amount), token.balanceOf(providerId), "the provider got the tokens");

        // the auto top-up keeps the runway in tokens too: with 1000 s left (below half the 3600 s target) it pulls
        // exactly what tops the stream up to the target
        StreamState beforeAuto = streams.stream(id);
        stack.anvil.increaseTime(beforeAuto.stopTime() - stack.anvil.now() - 1000);
        stack.anvil.mine();
        BigInteger tokensBeforeAuto = token.balanceOf(wallet);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.stream(id).deposit().equals(beforeAuto.deposit()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        StreamState afterAuto = streams.stream(id);
        BigInteger added = afterAuto.deposit().subtract(beforeAuto.deposit());
        assertTrue(added.signum() > 0, "the auto top-up added tokens within 60 s: " + afterAuto);
        assertEquals(tokensBeforeAuto.subtract(added), token.balanceOf(wallet), "it pulled exactly what it added");
        assertTrue(afterAuto.stopTime() - stack.anvil.now() >= 3590, "runway back at the target: " + afterAuto);
        assertTrue(api.get("api/v1/vms/glm-1").get("top_up").get("affordable").asBoolean());

        // destroy: the unvested tokens come back, to the unit
        BigInteger beforeDestroy = token.balanceOf(wallet);
        var deleted = api.send("DELETE", "api/v1/vms/glm-1", null);
        assertEquals(200, deleted.status(), deleted.body());
        String refundTx = deleted.json().get("refund_tx").asText();
        TransactionReceipt receipt = stack.anvil.chain().web3j().ethGetTransactionReceipt(refundTx).send()
                .getTransactionReceipt().orElseThrow();
        var terminated = StreamPayment.getTerminatedEvents(receipt);
        assertEquals(1, terminated.size());
        StreamState closed = streams.stream(id);
        assertTrue(closed.terminated(), closed.toString());
        assertEquals(closed.deposit().subtract(closed.withdrawn()), terminated.get(0).senderRefund,
                "the refund is the unvested rest");
        assertEquals(beforeDestroy.add(terminated.get(0).senderRefund), token.balanceOf(wallet));
    }

    /** An operator call to the provider's admin API with its token. */
    private static JsonNode admin(String path, String body) throws Exception {
        String adminToken = Files.readString(provider.dataDir.resolve("admin.token")).strip();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                provider.url() + path)).header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.tree(r.body());
    }
}
