package org.golem.vm.common.auth;

import org.golem.vm.common.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.golem.vm.common.auth.ReplayMemory.Outcome;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class ReplayCacheTest {
    private static final long T = 1_763_683_200L;
    private final MutableClock clock = new MutableClock(T);
    private final ReplayCache cache = new ReplayCache(clock);
    private final Random random = new Random(7);

    /** A well-formed low-s signature-shaped value (the cache does not check signatures, only remembers them). */
    private String randomSignature() {
        BigInteger r = new BigInteger(255, random);
        BigInteger s = new BigInteger(250, random).add(BigInteger.ONE);
        return "0x" + Numeric.toHexStringNoPrefixZeroPadded(r, 64) + Numeric.toHexStringNoPrefixZeroPadded(s, 64)
                + (random.nextBoolean() ? "1b" : "1c");
    }

    @Test
    void secondSightingIsReplay() {
        String sig = randomSignature();
        assertEquals(Outcome.RECORDED, cache.record(sig, T));
        assertEquals(Outcome.REPLAY, cache.record(sig, T));
        assertEquals(Outcome.RECORDED, cache.record(randomSignature(), T));
        assertEquals(2, cache.size());
    }

    @Test
    void reEncodingsOfOneSignatureShareOneKey() {
        String sig = randomSignature();
        String v01 = sig.substring(0, 130) + (sig.endsWith("1b") ? "00" : "01");
        BigInteger s = new BigInteger(sig.substring(66, 130), 16);
        String highS = "0x" + sig.substring(2, 66) + Numeric.toHexStringNoPrefixZeroPadded(SignatureHex.N.subtract(s), 64)
                + (sig.endsWith("1b") ? "1c" : "1b");
        String key = ReplayCache.normalise(sig);
        assertEquals(sig, key, "a lower-case low-s 27/28 signature is already normal");
        for (String variant : new String[] {v01, "0x" + sig.substring(2).toUpperCase(Locale.ROOT), highS}) {
            assertEquals(key, ReplayCache.normalise(variant), variant);
        }
        assertEquals(Outcome.RECORDED, cache.record(v01, T));
        assertEquals(Outcome.REPLAY, cache.record(sig, T));
        assertEquals(Outcome.REPLAY, cache.record(highS, T));
        assertEquals(1, cache.size());
    }

    @Test
    void normaliseRejectsMalformedSignatures() {
        String sig = randomSignature();
        for (String bad : new String[] {null, "", sig.substring(2), sig + "0", sig.substring(0, 130) + "02",
            sig.substring(0, 130) + "1d", "0x" + "g" + sig.substring(3)}) {
            assertThrows(IllegalArgumentException.class, () -> cache.record(bad, T), String.valueOf(bad));
        }
        assertEquals(0, cache.size());
    }

    @Test
    void entryLivesUntilItsTimestampLeavesTheWindowThenIsPurged() {
        String sig = randomSignature();
        assertEquals(Outcome.RECORDED, cache.record(sig, T - 100));
        clock.set(T - 100 + 300);
        assertEquals(Outcome.REPLAY, cache.record(sig, T - 100), "still inside the window");
        assertEquals(1, cache.size());
        clock.advance(1);
        assertEquals(0, cache.size(), "purged once now > timestamp + window");
        assertEquals(Outcome.EXPIRED, cache.record(sig, T - 100), "too old to record, and not recorded");
        assertEquals(0, cache.size());
    }

    @Test
    void futureTimestampsAreRememberedUntilTheyLeaveTheWindow() {
        String sig = randomSignature();
        assertEquals(Outcome.RECORDED, cache.record(sig, T + 300));
        clock.set(T + 600);
        assertEquals(Outcome.REPLAY, cache.record(sig, T + 300));
        clock.set(T + 601);
        assertEquals(0, cache.size());
    }

    @Test
    void memoryStaysBoundedUnderSteadyTraffic() {
        // 10 new signatures per second for an hour of simulated time: never more than one window's worth kept
        int max = 0;
        for (int second = 0; second < 3600; second++) {
            for (int i = 0; i < 10; i++) {
                assertEquals(Outcome.RECORDED, cache.record(randomSignature(), T + second));
            }
            max = Math.max(max, cache.size());
            clock.advance(1);
        }
        assertEquals(301 * 10, max);
        clock.advance(301);
        assertEquals(0, cache.size());
    }

    @Test
    void insertPurgesExpiredEntries() {
        ReplayCache small = new ReplayCache(clock, 300, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(Outcome.RECORDED, small.record(randomSignature(), T));
        }
        clock.advance(301);
        // without purging on insert the cache would be full
        assertEquals(Outcome.RECORDED, small.record(randomSignature(), T + 301));
        assertEquals(1, small.size());
    }

    @Test
    void fullCacheEvictsNothingAndRefuses() {
        ReplayCache small = new ReplayCache(clock, 300, 3);
        List<String> kept = List.of(randomSignature(), randomSignature(), randomSignature());
        kept.forEach(sig -> assertEquals(Outcome.RECORDED, small.record(sig, T)));
        String extra = randomSignature();
        assertEquals(Outcome.FULL, small.record(extra, T));
        assertEquals(Outcome.FULL, small.record(extra, T), "not recorded by the refused attempt");
        kept.forEach(sig -> assertEquals(Outcome.REPLAY, small.record(sig, T), "nothing forgotten"));
        assertEquals(3, small.size());
        assertEquals(3, small.maxEntries());
    }

    @Test
    void constructorChecksArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayCache(clock, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReplayCache(clock, 300, 0));
        assertThrows(NullPointerException.class, () -> new ReplayCache(null, 300, 10));
        assertEquals(300, cache.windowSeconds());
        assertEquals(ReplayCache.DEFAULT_MAX_ENTRIES, cache.maxEntries());
    }

    @Test
    void concurrentSightingsOfOneSignatureRecordItOnce() throws Exception {
        List<String> sigs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sigs.add(randomSignature());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    int recorded = 0;
                    for (String sig : sigs) {
                        if (cache.record(sig, T) == Outcome.RECORDED) {
                            recorded++;
                        }
                    }
                    return recorded;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            assertEquals(200, total);
            assertEquals(200, cache.size());
        } finally {
            pool.shutdown();
        }
        assertTrue(sigs.stream().allMatch(sig -> cache.record(sig, T) == Outcome.REPLAY));
    }
}
