package org.golem.vm.common.auth;

import org.golem.vm.common.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.golem.vm.common.auth.ReplayMemory.Outcome;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JdbcReplayMemory} on a real H2 database (the services' default): what one memory records, another on the
 * same database (a restarted service, a second instance) refuses; concurrent attempts record a signature once; the
 * purge forgets exactly the expired rows; the capacity holds; a database that fails refuses instead of accepting.
 */
class JdbcReplayMemoryTest {
    private static final long T = 1_763_683_200L;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    /** The table as the services' migrations create it. */
    private static final String DDL = "CREATE TABLE seen_signature (signature VARCHAR(132) NOT NULL PRIMARY KEY, "
            + "expires_at BIGINT NOT NULL); CREATE INDEX seen_signature_expires_at ON seen_signature (expires_at)";

    private final MutableClock clock = new MutableClock(T);
    private final String url = "jdbc:h2:mem:replay-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    private final JdbcDataSource db = dataSource(url);
    private final JdbcReplayMemory memory;
    private final RequestSigner alice = new RequestSigner(TestKeys.A);

    JdbcReplayMemoryTest() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(DDL);
        }
        memory = new JdbcReplayMemory(db, clock);
    }

    @AfterEach
    void dropDatabase() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException alreadyGone) {
            // the failure test shut it down itself
        }
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }

    private String signature(String path) {
        return alice.sign("GET", path, null, T).signature();
    }

    private long rows(String where) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM seen_signature" + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aSignatureIsRecordedOnceUnderItsNormalisedKeyWithItsExpiry() throws SQLException {
        String sig = signature("/a");
        assertEquals(Outcome.RECORDED, memory.record(sig, T));
        assertEquals(Outcome.REPLAY, memory.record(sig, T));
        String v01 = sig.substring(0, 130) + (sig.endsWith("1b") ? "00" : "01");
        assertEquals(Outcome.REPLAY, memory.record("0x" + v01.substring(2).toUpperCase(Locale.ROOT), T),
                "a re-encoding is the same signature");
        assertEquals(1, rows(" WHERE signature = '" + ReplayMemory.normalise(sig) + "' AND expires_at = "
                + (T + 300)));
        assertEquals(Outcome.RECORDED, memory.record(signature("/b"), T));
        assertEquals(2, memory.size());
    }

    @Test
    void anotherMemoryOnTheSameDatabaseRefusesWhatOneRecorded() {
        String sig = signature("/restart");
        assertEquals(Outcome.RECORDED, memory.record(sig, T));
        // a restarted service, or a second instance, opens its own memory on the same database
        JdbcReplayMemory afterRestart = new JdbcReplayMemory(dataSource(url), clock);
        assertEquals(Outcome.REPLAY, afterRestart.record(sig, T));
        assertEquals(Outcome.RECORDED, afterRestart.record(signature("/new"), T));
        assertEquals(Outcome.REPLAY, memory.record(signature("/new"), T));
    }

    @Test
    void concurrentAttemptsOnTwoMemoriesRecordASignatureOnce() throws Exception {
        JdbcReplayMemory other = new JdbcReplayMemory(dataSource(url), clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String sig = signature("/race/" + round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Outcome>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    JdbcReplayMemory m = i % 2 == 0 ? memory : other;
                    Callable<Outcome> attempt = () -> {
                        go.await();
                        return m.record(sig, T);
                    };
                    results.add(pool.submit(attempt));
                }
                go.countDown();
                int recorded = 0;
                for (Future<Outcome> f : results) {
                    Outcome o = f.get();
                    if (o == Outcome.RECORDED) {
                        recorded++;
                    } else {
                        assertEquals(Outcome.REPLAY, o);
                    }
                }
                assertEquals(1, recorded, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredSignatureIsRefusedAndNotWritten() throws SQLException {
        clock.set(T + 301);
        assertEquals(Outcome.EXPIRED, memory.record(signature("/old"), T));
        assertEquals(0, rows(""));
    }

    @Test
    void purgeDeletesExactlyTheRowsPastTheirExpiry() throws SQLException {
        String early = signature("/early");
        assertEquals(Outcome.RECORDED, memory.record(early, T - 100)); // expires T + 200
        assertEquals(Outcome.RECORDED, memory.record(signature("/now"), T)); // expires T + 300
        clock.set(T + 200);
        assertEquals(0, memory.purgeExpired(), "still inside its window at T + 200");
        assertEquals(Outcome.REPLAY, memory.record(early, T - 100));
        clock.set(T + 201);
        assertEquals(1, memory.size(), "an expired row no longer counts");
        assertEquals(1, memory.purgeExpired());
        assertEquals(1, rows(""));
        assertEquals(0, rows(" WHERE signature = '" + ReplayMemory.normalise(early) + "'"));
        clock.set(T + 301);
        assertEquals(1, memory.purgeExpired());
        assertEquals(0, rows(""));
        assertEquals(0, memory.purgeExpired());
    }

    @Test
    void atCapacityNothingIsEvictedAndNewSignaturesAreRefusedUntilRowsExpire() {
        JdbcReplayMemory small = new JdbcReplayMemory(db, clock, 300, 3);
        List<String> kept = List.of(signature("/1"), signature("/2"), signature("/3"));
        kept.forEach(sig -> assertEquals(Outcome.RECORDED, small.record(sig, T)));
        String extra = signature("/4");
        assertEquals(Outcome.FULL, small.record(extra, T));
        kept.forEach(sig -> assertEquals(Outcome.REPLAY, small.record(sig, T), "nothing forgotten at capacity"));
        // the capacity is the table's: another instance that counts it is full too
        JdbcReplayMemory otherInstance = new JdbcReplayMemory(dataSource(url), clock, 300, 3);
        assertEquals(Outcome.FULL, otherInstance.record(extra, T));

        clock.set(T + 301);
        assertEquals(3, small.purgeExpired());
        assertEquals(Outcome.RECORDED, small.record(extra, T + 301));
    }

    @Test
    void aFailingDatabaseRefusesWithUnavailableAndRecovers() throws SQLException {
        String before = signature("/before");
        assertEquals(Outcome.RECORDED, memory.record(before, T));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE seen_signature");
        }
        String during = signature("/during");
        assertEquals(Outcome.UNAVAILABLE, memory.record(during, T));
        assertThrows(IllegalStateException.class, memory::purgeExpired);
        assertThrows(IllegalStateException.class, memory::size);

        // through the verifier: 503 AUTH_UNAVAILABLE, nothing accepted unchecked
        RequestVerifier verifier = new RequestVerifier(memory);
        SignedHeaders h = alice.sign("DELETE", "/vms/x", null, T);
        AuthException e = assertThrows(AuthException.class,
                () -> verifier.verify("DELETE", "/vms/x", null, h.address(), h.timestamp(), h.signature()));
        assertEquals(AuthError.AUTH_UNAVAILABLE, e.error());
        assertEquals(503, e.status());

        // the database answers again: the refused request was not recorded and can be retried
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(DDL);
        }
        assertEquals(TestKeys.A_ADDRESS, verifier.verify("DELETE", "/vms/x", null, h.address(), h.timestamp(),
                h.signature()));
        assertEquals(Outcome.RECORDED, memory.record(during, T));
    }

    @Test
    void anUnreachableDatabaseIsUnavailableToo() {
        JdbcReplayMemory unreachable = new JdbcReplayMemory(
                dataSource("jdbc:h2:mem:no-such-database-" + DATABASES.incrementAndGet() + ";IFEXISTS=TRUE"), clock);
        assertEquals(Outcome.UNAVAILABLE, unreachable.record(signature("/x"), T));
    }

    @Test
    void twoVerifiersOnOneDatabaseRefuseEachOthersReplays() {
        byte[] body = "{\"name\":\"vm\"}".getBytes(StandardCharsets.UTF_8);
        SignedHeaders h = alice.sign("POST", "/api/v1/vms", body, T);
        RequestVerifier first = new RequestVerifier(memory);
        RequestVerifier second = new RequestVerifier(new JdbcReplayMemory(dataSource(url), clock));
        assertEquals(TestKeys.A_ADDRESS, first.verify("POST", "/api/v1/vms", body, h.address(), h.timestamp(),
                h.signature()));
        AuthException e = assertThrows(AuthException.class, () -> second.verify("POST", "/api/v1/vms", body,
                h.address(), h.timestamp(), h.signature()));
        assertEquals(AuthError.AUTH_REPLAY, e.error());
        assertEquals(401, e.status());
    }

    @Test
    void constructorChecksArguments() {
        assertThrows(IllegalArgumentException.class, () -> new JdbcReplayMemory(db, clock, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new JdbcReplayMemory(db, clock, 300, 0));
        assertThrows(NullPointerException.class, () -> new JdbcReplayMemory(null, clock));
        assertEquals(300, memory.windowSeconds());
        assertEquals(ReplayCache.DEFAULT_MAX_ENTRIES, memory.maxEntries());
    }
}
