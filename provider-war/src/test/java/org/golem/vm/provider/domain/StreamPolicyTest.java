package org.golem.vm.provider.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.stream.StreamState;
import org.junit.jupiter.api.Test;

/** The provider's stream rules and capacity arithmetic, case by case, at pinned chain times. */
class StreamPolicyTest {
    private static final String PROVIDER = "0x1111111111111111111111111111111111111111";
    private static final String OTHER = "0x2222222222222222222222222222222222222222";
    private static final String SENDER = "0x3333333333333333333333333333333333333333";
    private static final String ETH = StreamState.ZERO_ADDRESS;
    private static final String TOKEN = "0x4444444444444444444444444444444444444444";
    private static final BigInteger RATE = BigInteger.valueOf(1_000);
    private static final long NOW = 1_000_000;

    private final StreamPolicy policy = new StreamPolicy(PROVIDER, ETH, 300);

    private static StreamState stream(String token, String recipient, long stopTime, boolean halted) {
        BigInteger deposit = RATE.multiply(BigInteger.valueOf(stopTime - (NOW - 100)));
        return new StreamState(token, SENDER, recipient, NOW - 100, stopTime, RATE, deposit, BigInteger.ZERO, halted);
    }

    private static String code(Optional<StreamPolicy.Rejection> r) {
        return r.map(StreamPolicy.Rejection::code).orElse("OK");
    }

    @Test
    void aStreamPayingThisProviderEnoughWithRunwayIsAccepted() {
        assertEquals("OK", code(policy.acceptForCreation(stream(ETH, PROVIDER, NOW + 3600, false), NOW, RATE)));
    }

    @Test
    void eachRuleRefusesWithItsOwnCode() {
        assertEquals("STREAM_WRONG_RECIPIENT",
                code(policy.acceptForCreation(stream(ETH, OTHER, NOW + 3600, false), NOW, RATE)));
        assertEquals("STREAM_WRONG_TOKEN",
                code(policy.acceptForCreation(stream(TOKEN, PROVIDER, NOW + 3600, false), NOW, RATE)));
        assertEquals("STREAM_RATE_TOO_LOW", code(policy.acceptForCreation(stream(ETH, PROVIDER, NOW + 3600, false),
                NOW, RATE.add(BigInteger.ONE))));
        assertEquals("STREAM_RUNWAY_TOO_SHORT",
                code(policy.acceptForCreation(stream(ETH, PROVIDER, NOW + 299, false), NOW, RATE)));
        assertEquals("OK", code(policy.acceptForCreation(stream(ETH, PROVIDER, NOW + 300, false), NOW, RATE)),
                "exactly the minimum runway is enough");
        assertEquals("STREAM_HALTED",
                code(policy.acceptForCreation(stream(ETH, PROVIDER, NOW + 3600, true), NOW, RATE)));
        assertEquals("STREAM_TERMINATED",
                code(policy.acceptForCreation(stream(ETH, ETH, NOW + 3600, false), NOW, RATE)));
        StreamState none = new StreamState(ETH, ETH, ETH, 0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                false);
        assertEquals("STREAM_NOT_FOUND", code(policy.acceptForCreation(none, NOW, RATE)));
    }

    @Test
    void aRunningVmIsStoppedWhenTheRunwayEndsNotBefore() {
        StreamState s = stream(ETH, PROVIDER, NOW + 10, false);
        assertEquals("OK", code(policy.keepRunning(s, NOW + 9)), "no minimum runway while running");
        assertEquals("STREAM_EXHAUSTED", code(policy.keepRunning(s, NOW + 10)));
        assertEquals("STREAM_RUNWAY_TOO_SHORT", code(policy.acceptForStart(s, NOW + 9)),
                "a start needs the minimum runway");
    }

    @Test
    void capacityCountsEveryVmAndTheMaximumNumberOfVms() {
        Capacity c = new Capacity(new Resources(4, 8, 100), 2);
        Resources small = new Resources(1, 1, 10);
        assertEquals(new Resources(3, 7, 90), c.free(List.of(small)));
        assertNull(c.refusal(List.of(small), new Resources(3, 7, 90)));
        assertTrue(c.refusal(List.of(small), new Resources(4, 1, 10)).startsWith("insufficient capacity"));
        assertTrue(c.refusal(List.of(small, small), small).contains("maximum of 2 VMs"));
    }
}
