package org.golem.vm.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.contracts.testing.AnvilExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;

/**
 * The gateway both services use, on a real anvil chain: each party's key file created on first use, a requestor
 * that opens, tops up and terminates a stream, a provider that reads and withdraws from it, in native ETH and in the
 * harness's test token; and the failures a service must survive (no contract configured, node down).
 */
@ExtendWith(AnvilExtension.class)
class StreamPaymentGatewayTest {
    private static final BigInteger RATE = BigInteger.TEN.pow(12);
    private static final BigInteger HUNDRED_ETH = BigInteger.TEN.pow(20);

    private final Anvil anvil;
    @TempDir
    Path dir;

    StreamPaymentGatewayTest(Anvil anvil) {
        this.anvil = anvil;
    }

    private StreamPaymentGateway party(String name, String rpcUrl, String contract, String token) {
        return new StreamPaymentGateway(() -> new StreamPaymentGateway.Settings(dir.resolve(name + ".key"),
                name + " key", rpcUrl, dir.resolve("deployments"), "local", contract, token,
                "no StreamPayment contract for " + name));
    }

    private StreamPaymentGateway party(String name, String token) {
        return party(name, anvil.rpcUrl(), anvil.streamPaymentAddress(), token);
    }

    @Test
    void aRequestorPaysAProviderThroughAStreamInNativeEth() throws Exception {
        try (StreamPaymentGateway requestor = party("requestor", null);
             StreamPaymentGateway provider = party("provider", null)) {
            assertTrue(requestor.devFaucet(HUNDRED_ETH));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("requestor.key"))), "key file created, owner only");
            assertTrue(provider.devFaucet(HUNDRED_ETH));
            assertEquals(HUNDRED_ETH, requestor.balance());
            assertEquals(StreamPaymentGateway.ZERO, requestor.addresses().token());

            BigInteger deposit = RATE.multiply(BigInteger.valueOf(3600));
            BigInteger id = requestor.open(provider.address(), deposit, RATE);
            StreamPaymentClient.StreamBatch batch = provider.read(id);
            StreamState s = batch.streams().get(id);
            assertEquals(Keys.toChecksumAddress(provider.address()), Keys.toChecksumAddress(s.recipient()));
            assertEquals(deposit, s.deposit());
            assertEquals(3600, s.stopTime() - s.startTime());

            anvil.increaseTime(600);
            StreamPaymentGateway.Withdrawal w = provider.withdraw(id);
            assertTrue(w.amountWei().compareTo(RATE.multiply(BigInteger.valueOf(600))) >= 0, "600 s vested");
            assertTrue(w.txHash().startsWith("0x"));

            requestor.topUp(id, StreamPaymentGateway.ZERO, RATE.multiply(BigInteger.valueOf(1800)));
            assertEquals(s.stopTime() + 1800, requestor.read(id).streams().get(id).stopTime());

            StreamPaymentGateway.Refund r = requestor.terminate(id);
            assertTrue(r.refundWei().signum() > 0);
            assertTrue(requestor.read(id).streams().get(id).terminated());
            assertThrows(ContractRevertException.class, () -> requestor.terminate(id), "a second terminate");
        }
    }

    @Test
    void inTheTestTokenTheRequestorMintsApprovesAndPays() throws Exception {
        try (StreamPaymentGateway requestor = party("requestor", anvil.tokenAddress());
             StreamPaymentGateway provider = party("provider", anvil.tokenAddress())) {
            assertTrue(requestor.devFaucet(HUNDRED_ETH));
            assertTrue(requestor.devTokenFaucet(HUNDRED_ETH));
            assertEquals(HUNDRED_ETH, requestor.tokenBalance(anvil.tokenAddress()));

            BigInteger deposit = RATE.multiply(BigInteger.valueOf(3600));
            BigInteger id = requestor.open(provider.address(), deposit, RATE);

            assertEquals(HUNDRED_ETH.subtract(deposit), requestor.tokenBalance(anvil.tokenAddress()));
            StreamState s = provider.read(id).streams().get(id);
            assertEquals(Keys.toChecksumAddress(anvil.tokenAddress()), Keys.toChecksumAddress(s.token()));
            requestor.topUp(id, s.token(), RATE);
            assertEquals(HUNDRED_ETH.subtract(deposit).subtract(RATE), requestor.tokenBalance(anvil.tokenAddress()));
        }
    }

    @Test
    void withoutAContractNothingConnectsAndEveryCallSaysWhy() {
        try (StreamPaymentGateway p = party("provider", anvil.rpcUrl(), null, null)) {
            assertNull(p.addresses().contract());
            IOException e = assertThrows(IOException.class, () -> p.read(BigInteger.ONE));
            assertEquals("no StreamPayment contract for provider", e.getMessage());
            assertFalse(p.address().isEmpty(), "the key works without a chain");
        }
    }

    @Test
    void aNodeThatIsDownIsAnIoExceptionAndTheKeyStillLoads() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (StreamPaymentGateway p = party("provider", "http://127.0.0.1:" + port, anvil.streamPaymentAddress(),
                null)) {
            IOException e = assertThrows(IOException.class, p::balance);
            assertTrue(e.getMessage().contains("cannot reach JSON-RPC node"), e.getMessage());
            assertThrows(IOException.class, p::chainId, "tried again, fails again");
            assertTrue(p.address().startsWith("0x"));
        }
    }
}
