package org.golem.vm.common.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link ReplayMemory} of a service, kept in its database: table {@value #TABLE} with the
 * {@link ReplayMemory#normalise normalised} signature as primary key and its expiry ({@code expires_at},
 * {@link ReplayMemory#expiresAt timestamp + window}, Unix seconds). A signature accepted before a restart, or by
 * another instance on the same database, is therefore still a replay. Works on H2 and PostgreSQL; each service
 * creates the table with a Flyway migration:
 *
 * <pre>
 * CREATE TABLE seen_signature (signature VARCHAR(132) NOT NULL PRIMARY KEY, expires_at BIGINT NOT NULL);
 * CREATE INDEX seen_signature_expires_at ON seen_signature (expires_at);
 * </pre>
 *
 * <p><b>Atomic.</b> {@link #record} is one {@code INSERT}; the primary key decides between concurrent attempts
 * with one signature (on any instance): the one that inserts gets {@link Outcome#RECORDED}, every other a
 * duplicate-key error (SQLSTATE {@code 23505}), which is {@link Outcome#REPLAY}. Each call takes its own
 * connection in auto-commit mode, so the data source must not enlist it in a caller's transaction (use it outside
 * container transactions, e.g. from a JAX-RS filter, or give it a non-transactional data source).
 *
 * <p><b>Failures.</b> When the database cannot be reached or fails, {@link #record} answers
 * {@link Outcome#UNAVAILABLE} (the request is then refused, never accepted unchecked) and logs one warning per
 * outage, without the signature; {@link #purgeExpired} and {@link #size} throw {@link IllegalStateException}.
 *
 * <p><b>Purging.</b> Rows are not deleted on the request path: the service's periodic timer calls
 * {@link #purgeExpired}, which deletes rows with {@code expires_at < now}. A row left over after its expiry is
 * harmless (a signature that old fails the time check first).
 *
 * <p><b>Capacity.</b> As {@link ReplayCache}, at most {@code maxEntries} unexpired rows are accepted; beyond that
 * new signatures get {@link Outcome#FULL} (nothing is evicted; a remembered one is still a
 * {@link Outcome#REPLAY}). The number of unexpired rows is counted in the database at most once per clock second
 * per instance and kept current with this instance's own inserts in between, so the table stays near the
 * capacity even when several instances share it and fill it at once.
 */
public final class JdbcReplayMemory implements ReplayMemory {
    /** The table: {@code signature VARCHAR(132) PRIMARY KEY, expires_at BIGINT} (Unix seconds). */
    public static final String TABLE = "seen_signature";

    private static final Logger LOG = Logger.getLogger(JdbcReplayMemory.class.getName());
    /** SQLSTATE of a unique or primary key violation (SQL standard; H2 and PostgreSQL use it). */
    private static final String DUPLICATE_KEY = "23505";

    private final DataSource dataSource;
    private final Limits limits;
    private final Clock clock;
    private final long windowSeconds;
    private final int maxEntries;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Object countLock = new Object();
    /** Clock second of the last count, {@link Long#MIN_VALUE} before the first. */
    private long countedAt = Long.MIN_VALUE;
    /** Unexpired rows at {@link #countedAt} plus this instance's inserts since. */
    private long liveRows;

    /**
     * @param dataSource    the service's database holding table {@value #TABLE}; connections in auto-commit mode
     * @param clock         time source (whole seconds are used)
     * @param windowSeconds the accepted clock skew in seconds, {@code > 0} (the services use 300)
     * @param maxEntries    capacity in unexpired rows, {@code > 0}
     * @throws IllegalArgumentException if windowSeconds or maxEntries is not positive
     * @throws NullPointerException     if dataSource or clock is null
     */
    public JdbcReplayMemory(DataSource dataSource, Clock clock, long windowSeconds, int maxEntries) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.limits = new Limits(clock, windowSeconds, maxEntries);
        this.clock = clock;
        this.windowSeconds = windowSeconds;
        this.maxEntries = maxEntries;
    }

    /**
     * A memory with the services' 300-second window and {@value ReplayCache#DEFAULT_MAX_ENTRIES} rows.
     *
     * @param dataSource the service's database holding table {@value #TABLE}
     * @param clock      time source
     */
    public JdbcReplayMemory(DataSource dataSource, Clock clock) {
        this(dataSource, clock, RequestVerifier.DEFAULT_WINDOW_SECONDS, ReplayCache.DEFAULT_MAX_ENTRIES);
    }

    /**
     * Inserts the signature's row unless it exists.
     *
     * @param signature        {@code 0x} + 130 hex (r ‖ s ‖ v), any case, v 27/28 or 0/1
     * @param timestampSeconds the signed X-Golem-Timestamp, Unix seconds
     * @return {@link Outcome#RECORDED} if the row was inserted; {@link Outcome#REPLAY} if it exists;
     *         {@link Outcome#EXPIRED} if {@code timestamp + window} is past (nothing written);
     *         {@link Outcome#FULL} at capacity; {@link Outcome#UNAVAILABLE} if the database failed
     * @throws IllegalArgumentException if the signature is not well formed (see {@link ReplayMemory#normalise})
     */
    @Override
    public Outcome record(String signature, long timestampSeconds) {
        String key = ReplayMemory.normalise(signature);
        long now = now();
        long expiresAt = ReplayMemory.expiresAt(timestampSeconds, windowSeconds);
        if (expiresAt < now) {
            return Outcome.EXPIRED;
        }
        try (Connection c = dataSource.getConnection()) {
            Outcome outcome;
            if (atCapacity(c, now)) {
                outcome = remembered(c, key) ? Outcome.REPLAY : Outcome.FULL;
            } else {
                outcome = insert(c, key, expiresAt);
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("replay memory (table " + TABLE + ") reachable again");
            }
            return outcome;
        } catch (SQLException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "replay memory (table " + TABLE + ") unavailable; signed requests are refused "
                        + "with 503 until the database answers again: SQLSTATE " + e.getSQLState() + ": "
                        + e.getMessage());
            }
            return Outcome.UNAVAILABLE;
        }
    }

    /**
     * Deletes the rows with {@code expires_at < now}.
     *
     * @return rows deleted
     * @throws IllegalStateException if the database failed (nothing deleted)
     */
    @Override
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE expires_at < ?")) {
            ps.setLong(1, now());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return the rows with {@code expires_at >= now}, counted in the database (all instances' signatures)
     * @throws IllegalStateException if the database failed
     */
    @Override
    public int size() {
        try (Connection c = dataSource.getConnection()) {
            return (int) Math.min(Integer.MAX_VALUE, countLive(c, now()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Limits limits() {
        return limits;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private Outcome insert(Connection c, String key, long expiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (signature, expires_at) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setLong(2, expiresAt);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return Outcome.REPLAY;
            }
            throw e;
        }
        synchronized (countLock) {
            liveRows++;
        }
        return Outcome.RECORDED;
    }

    private static boolean remembered(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE signature = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether the unexpired rows reach the capacity, re-counted when the clock second changed since the last count. */
    private boolean atCapacity(Connection c, long now) throws SQLException {
        synchronized (countLock) {
            if (countedAt != now) {
                liveRows = countLive(c, now);
                countedAt = now;
            }
            return liveRows >= maxEntries;
        }
    }

    private static long countLive(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE expires_at >= ?")) {
            ps.setLong(1, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A unique or primary key violation, from the driver or wrapped by a connection pool. */
    private static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && DUPLICATE_KEY.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
