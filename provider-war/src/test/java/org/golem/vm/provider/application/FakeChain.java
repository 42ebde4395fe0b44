package org.golem.vm.provider.application;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.application.port.PaymentsChain;

/**
 * {@link PaymentsChain} in memory: streams by id, the chain's time (Unix seconds), a switch that makes every call
 * fail like an unreachable node, and withdrawals that pay what vested (wei) and remember it.
 */
final class FakeChain implements PaymentsChain {
    static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    static final String CONTRACT = "0x2222222222222222222222222222222222222222";

    /** What the contract returns for an id it never created: every field zero. */
    static final StreamState NONEXISTENT = new StreamState(ZERO_ADDRESS, ZERO_ADDRESS, ZERO_ADDRESS, 0, 0,
            BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, false);

    final Map<BigInteger, StreamState> streams = new HashMap<>();
    final List<BigInteger> withdrawn = new ArrayList<>();
    boolean enabled = true;
    boolean down;
    boolean devChain = true;
    long chainTime = 1_700_000_000L;
    BigInteger balance = BigInteger.ZERO;

    /**
     * Adds a stream paying this provider in native ETH.
     *
     * @return the stream
     */
    StreamState stream(BigInteger id, String sender, BigInteger ratePerSecond, long startTime, long stopTime) {
        BigInteger deposit = ratePerSecond.multiply(BigInteger.valueOf(stopTime - startTime));
        StreamState s = new StreamState(StreamState.ZERO_ADDRESS, sender, PROVIDER, startTime, stopTime, ratePerSecond,
                deposit, BigInteger.ZERO, false);
        streams.put(id, s);
        return s;
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public boolean paymentsEnabled() {
        return enabled;
    }

    @Override
    public Contracts contracts() {
        return new Contracts(CONTRACT, ZERO_ADDRESS);
    }

    @Override
    public StreamPaymentClient.StreamBatch read(Collection<BigInteger> streamIds) throws IOException {
        failIfDown();
        Map<BigInteger, StreamState> out = new HashMap<>();
        for (BigInteger id : streamIds) {
            out.put(id, streams.getOrDefault(id, NONEXISTENT));
        }
        return new StreamPaymentClient.StreamBatch(chainTime, out);
    }

    @Override
    public Paid withdraw(BigInteger streamId) throws ContractRevertException, IOException {
        failIfDown();
        StreamState s = streams.get(streamId);
        long until = Math.min(chainTime, s.stopTime());
        BigInteger vested = s.ratePerSecond().multiply(BigInteger.valueOf(Math.max(0, until - s.startTime())));
        BigInteger due = vested.subtract(s.withdrawn());
        if (due.signum() == 0) {
            throw new ContractRevertException("withdraw", "nothing to withdraw", null);
        }
        streams.put(streamId, new StreamState(s.token(), s.sender(), s.recipient(), s.startTime(), s.stopTime(),
                s.ratePerSecond(), s.deposit(), vested, s.halted()));
        withdrawn.add(streamId);
        return new Paid(due, "0xtx" + withdrawn.size());
    }

    @Override
    public BigInteger balance() throws IOException {
        failIfDown();
        return balance;
    }

    @Override
    public boolean devFaucet(BigInteger wei) throws IOException {
        failIfDown();
        if (devChain) {
            balance = wei;
        }
        return devChain;
    }

    private void failIfDown() throws IOException {
        if (down) {
            throw new IOException("connection refused");
        }
    }
}
