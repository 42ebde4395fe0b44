package org.golem.vm.contracts;

import static org.golem.vm.contracts.ChainKit.createEth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.testing.Anvil;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamPaymentClient#streams}: one JSON-RPC batch gives the same streams as single reads, the latest
 * block's time, all-zero state for an unknown id, and fails as a whole when the node cannot be reached.
 */
class StreamBatchReadTest extends ChainTestBase {

    StreamBatchReadTest(Anvil anvil) {
        super(anvil);
    }

    @Test
    void batchEqualsSingleReadsAndCarriesTheBlockTime() throws Exception {
        BigInteger a = createEth(sp, sender, recipient.getAddress(), r(100), R).id();
        BigInteger b = createEth(sp, stranger, recipient.getAddress(), r(50), R.add(R)).id();
        sp.as(sender).terminate(a);
        BigInteger unknown = BigInteger.valueOf(987_654);

        StreamPaymentClient.StreamBatch batch = sp.streams(List.of(a, b, unknown, b));

        assertEquals(3, batch.streams().size(), "duplicates read once");
        assertEquals(sp.stream(a), batch.streams().get(a));
        assertEquals(sp.stream(b), batch.streams().get(b));
        assertTrue(batch.streams().get(a).terminated(), "terminate shows as a zero recipient");
        assertTrue(batch.streams().get(unknown).nonexistent());
        assertEquals(anvil.now(), batch.blockTimestamp());
    }

    @Test
    void noStreamsStillReadsTheBlockTime() throws Exception {
        StreamPaymentClient.StreamBatch batch = sp.streams(List.of());
        assertTrue(batch.streams().isEmpty());
        assertEquals(anvil.now(), batch.blockTimestamp());
    }

    @Test
    void unreachableNodeFailsTheWholeBatch() throws Exception {
        BigInteger a = createEth(sp, sender, recipient.getAddress(), r(100), R).id();
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        StreamPaymentClient offline = new StreamPaymentClient(
                Chain.withChainId("http://127.0.0.1:" + closedPort, anvil.chain().chainId()), sp.address());
        assertThrows(IOException.class, () -> offline.streams(List.of(a)));
        StreamState still = sp.stream(a);
        assertEquals(sender.getAddress().toLowerCase(), still.sender().toLowerCase());
    }
}
