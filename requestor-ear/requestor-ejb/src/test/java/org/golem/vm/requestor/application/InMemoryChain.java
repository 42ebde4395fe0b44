package org.golem.vm.requestor.application;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.application.port.Payments;
import org.golem.vm.requestor.domain.Funds;

/**
 * A payments chain in memory with the StreamPayment contract's rules that the requestor relies on: a stream vests
 * by the chain's time (the clock), a top-up moves its stop time by {@code amount / rate}, a terminate refunds the
 * unvested rest to the wallet. Native ETH only; the node can be taken down.
 */
final class InMemoryChain implements Payments {
    static final String WALLET = "0x1111111111111111111111111111111111111111";
    static final String CONTRACT = "0x5555555555555555555555555555555555555555";
    static final String ZERO_TOKEN = ZERO;

    private final Clock clock;
    final Map<BigInteger, StreamState> streams = new HashMap<>();
    BigInteger balanceWei;
    boolean down;
    int topUps;
    private long nextId = 1;

    InMemoryChain(Clock clock, BigInteger balanceWei) {
        this.clock = clock;
        this.balanceWei = balanceWei;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private void up() throws IOException {
        if (down) {
            throw new IOException("connection refused");
        }
    }

    /** Stores a stream from the wallet as if opened earlier. */
    BigInteger add(String recipient, long startTime, long stopTime, BigInteger rate) {
        BigInteger id = BigInteger.valueOf(nextId++);
        streams.put(id, new StreamState(ZERO, WALLET, recipient, startTime, stopTime, rate,
                rate.multiply(BigInteger.valueOf(stopTime - startTime)), BigInteger.ZERO, false));
        return id;
    }

    @Override
    public String address() {
        return WALLET;
    }

    @Override
    public Contracts contracts() {
        return new Contracts(CONTRACT, ZERO);
    }

    @Override
    public long chainId() throws IOException {
        up();
        return 31337;
    }

    @Override
    public Funds funds() throws IOException {
        return funds(ZERO);
    }

    @Override
    public Funds funds(String token) throws IOException {
        up();
        return new Funds(WALLET, token, balanceWei, null);
    }

    @Override
    public Reading read(BigInteger streamId) throws IOException {
        up();
        StreamState s = streams.getOrDefault(streamId, new StreamState(ZERO, ZERO, ZERO, 0, 0, BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.ZERO, false));
        return new Reading(s, now());
    }

    @Override
    public BigInteger open(String recipient, BigInteger depositWei, BigInteger ratePerSecondWei)
            throws ContractRevertException, IOException {
        up();
        long seconds = depositWei.divide(ratePerSecondWei).longValueExact();
        balanceWei = balanceWei.subtract(depositWei);
        return add(recipient, now(), now() + seconds, ratePerSecondWei);
    }

    @Override
    public String topUp(BigInteger streamId, String token, BigInteger amount)
            throws ContractRevertException, IOException {
        up();
        StreamState s = streams.get(streamId);
        if (s == null || s.terminated()) {
            throw new ContractRevertException("topUp", "stream not active", null);
        }
        balanceWei = balanceWei.subtract(amount);
        streams.put(streamId, StreamMath.afterTopUp(s, amount, now()));
        topUps++;
        return "0xtopup" + topUps;
    }

    @Override
    public Refund terminate(BigInteger streamId) throws ContractRevertException, IOException {
        up();
        StreamState s = streams.get(streamId);
        BigInteger refund = StreamMath.refundable(s, now());
        balanceWei = balanceWei.add(refund);
        streams.put(streamId, new StreamState(s.token(), s.sender(), ZERO, s.startTime(), s.stopTime(),
                s.ratePerSecond(), s.deposit(), s.withdrawn(), s.halted()));
        return new Refund(refund, "0xterminate" + streamId);
    }

    @Override
    public boolean devFaucet(BigInteger balance) throws IOException {
        up();
        balanceWei = balance;
        return true;
    }

    @Override
    public boolean devTokenFaucet(BigInteger amount) {
        return false;
    }

    @Override
    public String unreachable(Exception failure) {
        return "the payments chain cannot be read (" + failure.getMessage() + ")";
    }
}
