package org.golem.vm.discovery.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.golem.vm.common.auth.ReplayMemory;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.testing.CapturedRequest;
import org.golem.vm.common.testing.TempPostgres;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * Issue 3: "Two instances on one PostgreSQL serve the same answers". Starts a private PostgreSQL cluster and two
 * discovery services on it at the same moment (both run the Flyway migrations), then checks over HTTP that a write
 * on either instance is read identically and at once on the other, that searches answer byte for byte the same,
 * that a restarted instance sees the data (including writes made while it was down), and that an advertisement
 * expires on both at the same time and is purged from the database. Replay protection is shared too: a signed
 * request used on one instance is refused as a replay by the other and by the first after its restart, and the
 * accepted signature is purged from the database once it has left the window.
 *
 * <p>Needs the Debian package {@code postgresql} (bin/test installs it); fails, not skips, without it. The
 * instances' logs are kept in {@code target/postgres-it/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesOnPostgresIT {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TwoInstancesOnPostgresIT.class.getName());

    /**
     * Expiry window of both instances. {@link #aRestartedInstanceSeesTheData()} refreshes everything, restarts B
     * and compares both instances' searches, all within it (data refreshed before the restart must still be live:
     * at 30 s a restart of 20-25 s on a loaded machine left too little, and an advertisement expired between the two
     * instances' answers); the expiry check waits for it once. A machine too busy for that may raise it with
     * {@code -Dgolem.it.discovery-expiry-seconds=N}.
     */
    static final int EXPIRY_SECONDS = Integer.getInteger("golem.it.discovery-expiry-seconds", 50);
    private static final String ADS = "api/v1/advertisements";

    private Path work;
    private TempPostgres pg;
    private DiscoveryInstance a;
    private DiscoveryInstance b;
    private DiscoveryInstance.Launch launch;
    private Thread cleanupHook;

    private final GolemHttpClient anonymous = new GolemHttpClient(null);
    /** What the registry should hold: provider id → the last body published (tests keep it current). */
    private final Map<String, AdvertisementRequest> model = new LinkedHashMap<>();
    private final Map<String, Credentials> keys = new LinkedHashMap<>();
    /** The providers of the filter test, which later tests refresh, restart over and expire around. */
    private final List<String> fleet = new ArrayList<>();
    private int generation;
    /** Published before B's restart, left to expire. */
    private Credentials probe;
    private long probePostedAt;

    // ------------------------------------------------------------------ lifecycle

    @BeforeAll
    void startPostgresAndTwoInstances() throws Exception {
        Path root = repositoryRoot();
        Path war = Path.of(System.getProperty("golem.war", root.resolve("discovery-war/target/discovery.war")
                .toString())).toAbsolutePath();
        Path micro = Path.of(System.getProperty("payara.microJar", war.resolveSibling("payara-micro.jar")
                .toString())).toAbsolutePath();
        assertTrue(Files.isRegularFile(war), "no WAR at " + war + " (run: mvn -pl discovery-war -am verify)");
        assertTrue(Files.isRegularFile(micro), "no Payara Micro jar at " + micro);
        work = war.resolveSibling("postgres-it");
        TempPostgres.deleteTree(work);
        Files.createDirectories(work);
        cleanupHook = new Thread(this::cleanup, "postgres-it-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);

        pg = new TempPostgres("discovery");
        Map<String, String> settings = Map.of(
                "GOLEM_DISCOVERY_DATABASE_URL", pg.jdbcUrl(),
                "GOLEM_DISCOVERY_DATABASE_USER", pg.user,
                "GOLEM_DISCOVERY_DATABASE_PASSWORD", pg.password,
                "GOLEM_DISCOVERY_RATE_LIMIT_PER_MINUTE", "0",
                "GOLEM_DISCOVERY_ADVERTISEMENT_EXPIRY_SECONDS", Integer.toString(EXPIRY_SECONDS),
                "GOLEM_DISCOVERY_CLEANUP_INTERVAL_SECONDS", "2",
                // a functional test: the C1 compiler and the serial collector boot Payara ~40 % faster on 2 cores
                "GOLEM_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        int portA = TempPostgres.freePort();
        int portB;
        do {
            portB = TempPostgres.freePort();
        } while (portB == portA || portB == pg.port);
        a = new DiscoveryInstance("a", portA, work.resolve("a-data"), work.resolve("a.log"), settings);
        b = new DiscoveryInstance("b", portB, work.resolve("b-data"), work.resolve("b.log"), settings);
        launch = DiscoveryInstance.Launch.choose(root, war, micro);
        if (!launch.viaLauncher()) {
            LOG.info("TwoInstancesOnPostgresIT: running Payara Micro directly on " + war + " ("
                    + launch.reason() + "; bin/golem-discovery would rebuild first)");
        }
        // both at once: they migrate the same empty database concurrently
        a.start(launch);
        b.start(launch);
        CompletableFuture<Void> readyA = CompletableFuture.runAsync(() -> ready(a));
        CompletableFuture<Void> readyB = CompletableFuture.runAsync(() -> ready(b));
        readyA.join();
        readyB.join();
    }

    @AfterAll
    void stopEverything() {
        cleanup();
        if (cleanupHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private synchronized void cleanup() {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
        if (pg != null) {
            pg.close();
            pg = null;
        }
        // the logs stay in target/postgres-it; the Payara runtime copies (~130 MB each) go
        for (DiscoveryInstance i : new DiscoveryInstance[] {a, b}) {
            if (i != null) {
                TempPostgres.deleteTree(i.dataDir);
            }
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void bothInstancesMigratedOneSchemaWithoutConflict() throws Exception {
        int migrations = migrationFiles();
        assertTrue(migrations >= 1, "no migrations found on the classpath");
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
                while (rs.next()) {
                    assertTrue(rs.getBoolean(2), "migration " + rs.getString(1) + " failed");
                    versions.add(rs.getString(1));
                }
            }
            assertEquals(migrations, versions.size(), "each migration applied exactly once: " + versions);
            assertEquals(versions.size(), new HashSet<>(versions).size(), "a migration was applied twice: " + versions);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM registry_version")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "registry_version must have its one row (seeded once)");
            }
        }
        // each instance ran Flyway at start; between them they applied every migration once
        int appliedA = lastMigrationsApplied(a);
        int appliedB = lastMigrationsApplied(b);
        assertEquals(migrations, appliedA + appliedB,
                "instance a applied " + appliedA + " and b " + appliedB + " of " + migrations + " migrations");
        // and both really use PostgreSQL, not their default H2 file
        for (DiscoveryInstance i : List.of(a, b)) {
            try (Stream<Path> files = Files.walk(i.dataDir)) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("discovery.")
                        && p.getFileName().toString().endsWith(".db")), i.name + " created an H2 database file");
            }
        }
        sameOnBoth(ADS);
    }

    @Test
    @Order(2)
    void aPublishOnAIsVisibleOnBAtOnce() throws Exception {
        Credentials p = newKey();
        String id = id(p);
        GolemHttpClient.Reply posted = publish(a, p, ad("SE", "x86_64", 4, 8, 100, "5.5", "1.25", "0.05"));
        assertEquals(200, posted.status(), posted.body());
        assertEquals(id, Json.tree(posted.body()).path("provider_id").asText());

        GolemHttpClient.Reply onB = get(b, ADS + "/" + id);
        assertEquals(200, onB.status(), "B does not see A's write at once: " + onB.body());
        assertEquals(get(a, ADS + "/" + id).body(), onB.body(), "single GET differs between A and B");
        assertEquals("SE", Json.tree(onB.body()).path("country").asText());
        assertTrue(ids(get(b, ADS + "?country=SE").body()).contains(id), "B's search misses A's write");
        sameOnBoth(ADS + "?country=SE");
        sameOnBoth(ADS + "/" + id.toLowerCase(Locale.ROOT));
    }

    @Test
    @Order(3)
    void aReplacementOnBIsSeenByA() throws Exception {
        Credentials p = newKey();
        String id = id(p);
        assertEquals(200, publish(a, p, ad("DE", "x86_64", 2, 4, 50, "3", "1", "0.1")).status());
        JsonNode before = Json.tree(get(a, ADS + "/" + id).body());
        assertTrue(ids(get(a, ADS + "?country=DE").body()).contains(id));

        GolemHttpClient.Reply replaced = publish(b, p, ad("FI", "arm64", 16, 64, 500, "2", "0.5", "0.01"));
        assertEquals(200, replaced.status(), replaced.body());

        JsonNode after = Json.tree(get(a, ADS + "/" + id).body());
        assertEquals("FI", after.path("country").asText(), "A still serves the replaced advertisement: " + after);
        assertEquals(16, after.path("resources").path("cpu").asInt());
        assertEquals("arm64", after.path("platform").asText());
        assertEquals(before.path("created_at").asText(), after.path("created_at").asText(), "created_at kept");
        assertFalse(ids(get(a, ADS + "?country=DE").body()).contains(id), "A's search still has the old country");
        assertTrue(ids(get(a, ADS + "?country=FI&cpu=16").body()).contains(id), "A's search lacks the replacement");
        sameOnBoth(ADS + "/" + id);
        sameOnBoth(ADS + "?country=FI");
        sameOnBoth(ADS + "?country=DE");
    }

    @Test
    @Order(4)
    void aDeleteOnADisappearsFromBAndARepublishOnBReappearsOnA() throws Exception {
        Credentials p = newKey();
        String id = id(p);
        assertEquals(200, publish(b, p, ad("NL", "x86_64", 2, 2, 20, "4", "1", "0.2")).status());
        assertEquals(200, get(a, ADS + "/" + id).status());
        assertTrue(ids(get(b, ADS + "?country=NL").body()).contains(id));

        GolemHttpClient.Reply deleted = delete(a, p, id);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("success", Json.tree(deleted.body()).path("status").asText());
        model.remove(id);

        GolemHttpClient.Reply gone = get(b, ADS + "/" + id);
        assertEquals(404, gone.status(), "B still serves a deleted advertisement: " + gone.body());
        assertEquals("ADV_004", Json.tree(gone.body()).path("detail").path("code").asText());
        assertFalse(ids(get(b, ADS + "?country=NL").body()).contains(id), "B's search still lists it");
        assertFalse(ids(get(b, ADS).body()).contains(id), "B's search still lists it");
        sameOnBoth(ADS + "?country=NL");
        assertEquals(404, get(a, ADS + "/" + id).status());

        // deleted then published again on the other instance: the tombstone must not hide it anywhere
        assertEquals(200, publish(b, p, ad("NL", "arm64", 2, 2, 20, "4", "1", "0.2")).status());
        assertTrue(ids(get(a, ADS + "?country=NL").body()).contains(id), "A misses the re-published advertisement");
        assertEquals(200, get(a, ADS + "/" + id).status());
        sameOnBoth(ADS + "?country=NL");
        assertEquals(200, delete(b, p, id).status());
        model.remove(id);
        assertFalse(ids(get(a, ADS + "?country=NL").body()).contains(id));
        assertEquals(404, get(a, ADS + "/" + id).status());
    }

    @Test
    @Order(5)
    void aSignedRequestUsedOnOneInstanceIsAReplayOnTheOther() throws Exception {
        Credentials p = newKey();
        String id = id(p);
        AdvertisementRequest body = ad("PL", "x86_64", 2, 4, 40, "2", "1", "0.1");
        CapturedRequest post = CapturedRequest.sign(p, "POST", "/" + ADS, Json.toJson(body));
        HttpResponse<String> used = post.sendTo(a.base);
        assertEquals(200, used.statusCode(), used.body());
        model.put(id, body);
        String stored = get(b, ADS + "/" + id).body();

        HttpResponse<String> replayed = post.sendTo(b.base);
        assertEquals(401, replayed.statusCode(), "B accepted a POST already used on A: " + replayed.body());
        assertEquals("AUTH_REPLAY", CapturedRequest.code(replayed));
        assertEquals(stored, sameOnBoth(ADS + "/" + id).body(), "the refused replay changed the advertisement");

        // the other way round, as an attacker would use it: a DELETE used on B, replayed on A after the provider
        // published again
        CapturedRequest delete = CapturedRequest.sign(p, "DELETE", "/" + ADS + "/" + id, null);
        assertEquals(200, delete.sendTo(b.base).statusCode());
        model.remove(id);
        assertEquals(200, publish(a, p, ad("PL", "arm64", 4, 8, 80, "2", "1", "0.1")).status());
        String republished = get(a, ADS + "/" + id).body();
        HttpResponse<String> replayedDelete = delete.sendTo(a.base);
        assertEquals(401, replayedDelete.statusCode(), "A accepted a DELETE already used on B: "
                + replayedDelete.body());
        assertEquals("AUTH_REPLAY", CapturedRequest.code(replayedDelete));
        assertEquals(republished, sameOnBoth(ADS + "/" + id).body(), "the refused replay deleted the advertisement");
    }

    @Test
    @Order(6)
    void filtersAndOrdersAnswerTheSameOnBoth() throws Exception {
        // a varied fleet, published alternately through A and B
        Object[][] fleetSpec = {
            {"SE", "x86_64", 2, 4, 50, "5.00", "2.00", "0.100"},
            {"SE", "arm64", 4, 8, 100, "4.00", "1.50", "0.050"},
            {"US", "x86_64", 8, 16, 200, "3.50", "1.00", "0.080"},
            {"US", "arm64", 1, 1, 10, "1.00", "0.50", "0.020"},
            {"SE", "x86_64", 2, 4, 80, "4.50", "2.50", "0.090"},
            {"SE", "x86_64", 4, 8, 100, null, null, null},
            {"DE", "x86_64", 16, 32, 400, "6.00", "3.00", "0.150"},
            {"SE", "x86_64", 8, 16, 200, "2.75", "1.10", "0.060"},
            {"FR", "riscv64", 2, 2, 40, "1.50", "0.75", "0.040"},
            {"SE", "arm64", 2, 8, 100, "3.00", "1.00", "0.030"},
        };
        for (int i = 0; i < fleetSpec.length; i++) {
            Object[] f = fleetSpec[i];
            Credentials p = newKey();
            fleet.add(id(p));
            GolemHttpClient.Reply r = publish(i % 2 == 0 ? a : b, p, ad((String) f[0], (String) f[1], (int) f[2],
                    (int) f[3], (int) f[4], (String) f[5], (String) f[6], (String) f[7]));
            assertEquals(200, r.status(), r.body());
        }
        checkSearches();
    }

    @Test
    @Order(7)
    void aRestartedInstanceSeesTheData() throws Exception {
        // everything fresh now: the restart has the whole expiry window
        refresh(List.copyOf(model.keySet()));
        long refreshed = System.nanoTime();
        // a signed write used on B just before its restart, replayed once B is back
        Credentials writer = newKey();
        AdvertisementRequest written = ad("IS", "x86_64", 2, 4, 40, "2.10", "1.10", "0.060");
        CapturedRequest usedBeforeRestart = CapturedRequest.sign(writer, "POST", "/" + ADS, Json.toJson(written));
        assertEquals(200, usedBeforeRestart.sendTo(b.base).statusCode());
        model.put(id(writer), written);
        Map<String, String> beforeRestart = new LinkedHashMap<>();
        for (String q : searches()) {
            beforeRestart.put(q, sameOnBoth(q).body());
        }
        // the expiry probe of the next test: it ages while B restarts
        probe = newKey();
        assertEquals(200, publish(a, probe, ad("NO", "x86_64", 2, 4, 50, "1", "1", "0.1")).status());
        probePostedAt = System.currentTimeMillis();
        assertEquals(200, get(b, ADS + "/" + id(probe)).status());

        long restartStarted = System.nanoTime();
        b.stop();
        // Restarted on the same data dir: Payara Micro would first serve the copy it kept under DATA_DIR/payara and
        // answer 404/503 while replacing it; bin/lib/payara-launch (and the direct launch below) start it from an
        // empty runtime dir, which this restart proves.

        // written while B is down
        Credentials late = newKey();
        assertEquals(200, publish(a, late, ad("SE", "x86_64", 2, 4, 60, "3.20", "1.20", "0.070")).status());
        String removed = fleet.remove(fleet.size() - 1);
        assertEquals(200, delete(a, keys.get(removed), removed).status());
        model.remove(removed);

        b.start(launch);
        b.awaitReady();
        long restartSeconds = (System.nanoTime() - restartStarted) / 1_000_000_000L;
        // B remembers the signature it accepted before its restart (and A knows it too)
        for (DiscoveryInstance i : List.of(b, a)) {
            HttpResponse<String> replayed = usedBeforeRestart.sendTo(i.base);
            assertEquals(401, replayed.statusCode(), i.name + " accepted a replay of a POST used on B before B's "
                    + "restart: " + replayed.body());
            assertEquals("AUTH_REPLAY", CapturedRequest.code(replayed));
        }
        long sinceRefresh = (System.nanoTime() - refreshed) / 1_000_000_000L;
        assertTrue(sinceRefresh < EXPIRY_SECONDS - 10, "restarting B took " + restartSeconds + " s, and the refresh "
                + "before it is " + sinceRefresh + " s old: too close to the test's expiry window (" + EXPIRY_SECONDS
                + " s) to compare the instances; raise EXPIRY_SECONDS (-Dgolem.it.discovery-expiry-seconds=N)");

        assertEquals(0, lastMigrationsApplied(b), "B applied migrations again on restart");
        assertEquals(200, get(b, ADS + "/" + id(probe)).status(), "B misses a write made before its restart");
        assertEquals(200, get(b, ADS + "/" + id(late)).status(), "B misses a write made while it was down");
        assertEquals(404, get(b, ADS + "/" + removed).status(), "B serves an advertisement deleted while it was down");
        assertTrue(ids(get(b, ADS + "?limit=1000").body()).containsAll(fleet), "B lost advertisements");
        checkSearches();
        // nothing changed for the query that neither touched: unfiltered for another country
        assertEquals(beforeRestart.get(ADS + "?country=US"), sameOnBoth(ADS + "?country=US").body());
    }

    @Test
    @Order(8)
    void anAdvertisementExpiresOnBothAndIsPurged() throws Exception {
        assertTrue(probe != null, "the probe was not published (see the previous test)");
        String probeId = id(probe);
        // a write signed 295 s ago: accepted (inside the 300 s window) and remembered for the 5 s it has left
        Credentials late = newKey();
        AdvertisementRequest lateAd = ad("EE", "x86_64", 1, 1, 10, "1", "1", "0.1");
        CapturedRequest almostExpired = CapturedRequest.sign(late, "POST", "/" + ADS, Json.toJson(lateAd),
                System.currentTimeMillis() / 1000 - 295);
        HttpResponse<String> accepted = almostExpired.sendTo(a.base);
        assertEquals(200, accepted.statusCode(), accepted.body());
        model.put(id(late), lateAd);
        String seen = ReplayMemory.normalise(almostExpired.headers().signature());
        assertEquals(1, seenSignatureRows(seen), "the accepted signature is not in seen_signature");
        assertTrue(ids(sameOnBoth(ADS + "?country=NO").body()).contains(probeId));
        // refresh everything but the probe (published before B's restart), then wait for the probe to expire
        refresh(model.keySet().stream().filter(id -> !id.equals(probeId)).toList());
        Thread.sleep(Math.max(0, probePostedAt + EXPIRY_SECONDS * 1000L + 1000 - System.currentTimeMillis()));
        model.remove(probeId);

        for (DiscoveryInstance i : List.of(a, b)) {
            GolemHttpClient.Reply r = get(i, ADS + "/" + probeId);
            assertEquals(404, r.status(), i.name + " still serves an expired advertisement: " + r.body());
        }
        assertFalse(ids(sameOnBoth(ADS + "?country=NO").body()).contains(probeId), "expired but still listed");
        assertTrue(ids(get(a, ADS + "?limit=1000").body()).containsAll(fleet), "fresh advertisements expired too");
        checkSearches();

        // the purge timers (every 2 s, on both instances) delete the row itself
        long deadline = System.currentTimeMillis() + 15_000;
        int rows;
        do {
            try (Connection c = pg.connect(); var ps = c.prepareStatement(
                    "SELECT count(*) FROM advertisement WHERE provider_id = ?")) {
                ps.setString(1, probeId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getInt(1);
                }
            }
            if (rows > 0) {
                Thread.sleep(500);
            }
        } while (rows > 0 && System.currentTimeMillis() < deadline);
        assertEquals(0, rows, "the expired advertisement was not purged from the database");
        // the same timers forget the signature once its timestamp has left the window; a replay is then too old
        deadline = System.currentTimeMillis() + 15_000;
        while (seenSignatureRows(seen) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(0, seenSignatureRows(seen), "the expired signature was not purged from seen_signature");
        HttpResponse<String> tooOld = almostExpired.sendTo(b.base);
        assertEquals(401, tooOld.statusCode(), tooOld.body());
        assertEquals("AUTH_EXPIRED", CapturedRequest.code(tooOld));
        for (DiscoveryInstance i : List.of(a, b)) {
            assertFalse(i.currentRunLog().contains("expiry purge failed"), i.name + "'s purge failed; see " + i.log);
            assertFalse(i.currentRunLog().contains("signature purge failed"), i.name + "'s signature purge failed; "
                    + "see " + i.log);
        }
    }

    /** @return rows of seen_signature holding this normalised signature */
    private int seenSignatureRows(String normalisedSignature) throws SQLException {
        try (Connection c = pg.connect(); var ps = c.prepareStatement(
                "SELECT count(*) FROM seen_signature WHERE signature = ?")) {
            ps.setString(1, normalisedSignature);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    @Order(20)
    void clientsHangingUpMidResponseLeaveNoStackTraces() throws Exception {
        // enough advertisements that a full page (~100 KB) cannot sit in the socket buffers at once
        for (int i = 0; i < 120; i++) {
            GolemHttpClient.Reply r = publish(a, newKey(), ad("PL", "x86_64", 1 + i % 8, 2, 20, "1.00", "1.00", "0.010"));
            assertEquals(200, r.status(), r.body());
        }
        int before = a.currentRunLog().length();
        for (int i = 0; i < 10; i++) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress("127.0.0.1", a.port), 5000);
                s.getOutputStream().write(("GET /" + ADS + "?limit=1000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.setSoTimeout(10_000);
                assertTrue(s.getInputStream().read(new byte[64]) > 0, "no answer started");
                s.setSoLinger(true, 0); // close with a reset while the server is still writing
            }
        }
        // the service goes on answering, and its log shows no stack trace for the hang-ups
        assertEquals(200, get(a, ADS + "?limit=1000").status());
        Thread.sleep(500);
        String log = a.currentRunLog().substring(before);
        assertFalse(log.contains("An I/O error has occurred while writing"), "a hang-up was logged as an error: "
                + log.substring(0, Math.min(3000, log.length())));
        assertFalse(log.contains("Connection reset by peer") || log.contains("Broken pipe"),
                "a hang-up left a stack trace: " + log.substring(0, Math.min(3000, log.length())));
    }

    /** What the README's table "answered before our code" says: a bare 400, nothing stored, the service fine. */
    @Test
    @Order(21)
    void malformedRequestsPayaraRefusesItselfGetABare400() throws Exception {
        String total = get(a, ADS).header("X-Total-Count");
        String[] requests = {
            "GET /" + ADS + " HTTP/1.1\r\nHost: x\r\nX-Golem-Address: caf\u00e9\r\nConnection: close\r\n\r\n",
            "GET /" + ADS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}",
            "GET /" + ADS + "/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        };
        for (String request : requests) {
            try (Socket s = new Socket("127.0.0.1", a.port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 400 "), request + " -> " + answer);
                assertTrue(answer.contains("Content-Length: 0\r\n"), request + " -> " + answer);
            }
        }
        assertEquals(total, get(a, ADS).header("X-Total-Count"), "nothing changed");
        assertEquals(200, get(a, "health/ready").status());
    }

    // ------------------------------------------------------------------ searches

    /** The queries compared between instances. */
    private static List<String> searches() {
        return List.of(ADS, ADS + "?limit=1000", ADS + "?country=SE", ADS + "?country=se", ADS + "?country=US",
                ADS + "?cpu=2", ADS + "?cpu=4&memory=8", ADS + "?storage=100", ADS + "?platform=arm64",
                ADS + "?country=SE&platform=x86_64&cpu=2", ADS + "?sort=price", ADS + "?sort=price&cpu=2&memory=4",
                ADS + "?country=SE&cpu=2&memory=4&sort=price&limit=3", ADS + "?sort=price&limit=3&offset=2",
                ADS + "?max_usd_per_month=20&sort=price", ADS + "?max_usd_per_month=25&cpu=2&memory=4&storage=50",
                ADS + "?sort=freshness&limit=2&offset=1", ADS + "?network=testnet&payments_network=l2.holesky",
                ADS + "?country=ZZ");
    }

    /** Every search: the same bytes from both instances, and the model's answer. */
    private void checkSearches() throws Exception {
        for (String q : searches()) {
            GolemHttpClient.Reply r = sameOnBoth(q);
            Map<String, String> params = query(q);
            List<String> got = ids(r.body());
            Set<String> expected = expected(params);
            int total = Integer.parseInt(r.header("X-Total-Count"));
            assertEquals(expected.size(), total, q + ": X-Total-Count; expected " + expected + ", got " + got);
            int limit = Integer.parseInt(params.getOrDefault("limit", "100"));
            int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
            assertEquals(Math.max(0, Math.min(limit, expected.size() - offset)), got.size(), q + ": page size");
            assertTrue(expected.containsAll(got), q + ": " + got + " not all in " + expected);
            if (offset == 0 && limit >= expected.size()) {
                assertEquals(expected, new TreeSet<>(got), q);
            }
            if ("price".equals(params.get("sort"))) {
                BigDecimal previous = BigDecimal.ZERO;
                boolean unpricedSeen = false;
                for (String id : got) {
                    BigDecimal price = price(model.get(id), params);
                    if (price == null) {
                        unpricedSeen = true;
                    } else {
                        assertFalse(unpricedSeen, q + ": a priced offer after an unpriced one: " + got);
                        assertTrue(price.compareTo(previous) >= 0, q + ": not cheapest first: " + got);
                        previous = price;
                    }
                }
            }
        }
    }

    private Set<String> expected(Map<String, String> p) {
        Predicate<AdvertisementRequest> match = r -> {
            if (p.containsKey("cpu") && r.resources().cpu() < Integer.parseInt(p.get("cpu"))
                    || p.containsKey("memory") && r.resources().memoryGib() < Integer.parseInt(p.get("memory"))
                    || p.containsKey("storage") && r.resources().storageGib() < Integer.parseInt(p.get("storage"))) {
                return false;
            }
            if (p.containsKey("country") && !p.get("country").equalsIgnoreCase(r.country())
                    || p.containsKey("platform") && !p.get("platform").equals(r.platform())
                    || p.containsKey("network") && !p.get("network").equals(r.network())
                    || p.containsKey("payments_network") && !p.get("payments_network").equals(r.paymentsNetwork())) {
                return false;
            }
            if (p.containsKey("max_usd_per_month")) {
                BigDecimal price = price(r, p);
                return price != null && price.compareTo(new BigDecimal(p.get("max_usd_per_month"))) <= 0;
            }
            return true;
        };
        Set<String> out = new TreeSet<>();
        model.forEach((id, r) -> {
            if (match.test(r)) {
                out.add(id);
            }
        });
        return out;
    }

    /** Price of the query's resource set (requested minimums, else 1 core, 1 GiB, 10 GiB), or null if unpriced. */
    private static BigDecimal price(AdvertisementRequest r, Map<String, String> p) {
        AdvertisedPricing pr = r.pricing();
        if (pr == null || pr.usdPerCoreMonth() == null) {
            return null;
        }
        BigDecimal cpu = new BigDecimal(p.getOrDefault("cpu", "1"));
        BigDecimal mem = new BigDecimal(p.getOrDefault("memory", "1"));
        BigDecimal disk = new BigDecimal(p.getOrDefault("storage", "10"));
        return pr.usdPerCoreMonth().multiply(cpu).add(pr.usdPerGbRamMonth().multiply(mem))
                .add(pr.usdPerGbStorageMonth().multiply(disk));
    }

    private static Map<String, String> query(String pathAndQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            for (String kv : pathAndQuery.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ HTTP helpers

    /** GETs from both instances; asserts status, body and X-Total-Count are identical; returns A's reply. */
    private GolemHttpClient.Reply sameOnBoth(String pathAndQuery) throws IOException {
        GolemHttpClient.Reply fromA = get(a, pathAndQuery);
        GolemHttpClient.Reply fromB = get(b, pathAndQuery);
        assertEquals(fromA.status(), fromB.status(), pathAndQuery + ": status differs; A " + fromA.body() + " B "
                + fromB.body());
        assertEquals(fromA.body(), fromB.body(), pathAndQuery + ": A and B answer differently");
        assertEquals(fromA.header("X-Total-Count"), fromB.header("X-Total-Count"), pathAndQuery + ": total differs");
        return fromA;
    }

    private GolemHttpClient.Reply get(DiscoveryInstance i, String pathAndQuery) throws IOException {
        return anonymous.send("GET", i.base.resolve(pathAndQuery), null);
    }

    private GolemHttpClient.Reply publish(DiscoveryInstance i, Credentials as, AdvertisementRequest body)
            throws IOException {
        GolemHttpClient.Reply r = new GolemHttpClient(new RequestSigner(as)).send("POST", i.base.resolve(ADS),
                Json.toJson(body));
        if (r.status() == 200) {
            model.put(id(as), body);
        }
        return r;
    }

    private GolemHttpClient.Reply delete(DiscoveryInstance i, Credentials as, String providerId) throws IOException {
        return new GolemHttpClient(new RequestSigner(as)).send("DELETE", i.base.resolve(ADS + "/" + providerId),
                null);
    }

    /** Re-publishes the given providers' current bodies (a refresh; the name changes so no signature repeats). */
    private void refresh(List<String> providers) throws IOException {
        generation++;
        int n = 0;
        for (String id : providers) {
            AdvertisementRequest r = model.get(id);
            if (r == null) {
                continue;
            }
            AdvertisementRequest again = new AdvertisementRequest(r.ipAddress(), r.country(), r.platform(),
                    r.resources(), r.pricing(), "refresh-" + generation, r.apiPort(), r.network(),
                    r.paymentsNetwork(), r.streamPaymentAddress(), r.tokenAddress());
            GolemHttpClient.Reply reply = publish(n++ % 2 == 0 ? a : b, keys.get(id), again);
            assertEquals(200, reply.status(), reply.body());
        }
    }

    private static List<String> ids(String jsonArray) {
        JsonNode array = Json.tree(jsonArray);
        assertTrue(array.isArray(), "not a JSON array: " + jsonArray);
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("provider_id").asText()));
        return out;
    }

    private Credentials newKey() {
        try {
            Credentials c = Credentials.create(Keys.createEcKeyPair());
            keys.put(id(c), c);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(Credentials c) {
        return Keys.toChecksumAddress(c.getAddress());
    }

    /** An advertisement; null prices make it unpriced. */
    private static AdvertisementRequest ad(String country, String platform, int cpu, int mem, int disk, String usdCore,
                                           String usdRam, String usdDisk) {
        AdvertisedPricing pricing = usdCore == null ? null : new AdvertisedPricing(new BigDecimal(usdCore),
                new BigDecimal(usdRam), new BigDecimal(usdDisk), new BigDecimal(usdCore).divide(BigDecimal.TEN),
                new BigDecimal(usdRam).divide(BigDecimal.TEN), new BigDecimal(usdDisk).divide(BigDecimal.TEN),
                new BigDecimal("10"), 18, BigInteger.TEN.pow(17), BigInteger.TEN.pow(16), BigInteger.TEN.pow(15));
        return new AdvertisementRequest("203.0.113." + (1 + Math.abs(country.hashCode() % 250)), country, platform,
                new Resources(cpu, mem, disk), pricing, "it-" + country.toLowerCase(Locale.ROOT), 7466, "testnet",
                "l2.holesky", "0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2",
                "0x0000000000000000000000000000000000000000");
    }

    // ------------------------------------------------------------------ environment

    private static void ready(DiscoveryInstance i) {
        try {
            i.awaitReady();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return N of the last "(N migrations applied)" line the instance logged */
    private static int lastMigrationsApplied(DiscoveryInstance i) throws IOException {
        Matcher m = Pattern.compile("\\((\\d+) migrations? applied\\)")
                .matcher(i.currentRunLog());
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        if (last < 0) {
            fail(i.name + " logged no Flyway result (DatabaseMigration's \"(N migrations applied)\"); log " + i.log);
        }
        return last;
    }

    /** @return how many versioned migrations the WAR carries (db/migration/discovery/V*.sql) */
    private static int migrationFiles() throws IOException, URISyntaxException {
        URL dir = TwoInstancesOnPostgresIT.class.getClassLoader().getResource("db/migration/discovery");
        assertTrue(dir != null && "file".equals(dir.getProtocol()), "db/migration/discovery not on the classpath");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return (int) files.filter(p -> p.getFileName().toString().matches("V.+__.+\\.sql")).count();
        }
    }

    private static Path repositoryRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isRegularFile(q.resolve("bin/golem-discovery"))) {
                return q;
            }
        }
        throw new IllegalStateException("bin/golem-discovery not found above " + p);
    }
}
