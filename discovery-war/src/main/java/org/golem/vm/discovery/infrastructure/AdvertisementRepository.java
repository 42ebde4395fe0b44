package org.golem.vm.discovery.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.golem.vm.discovery.domain.AdvertisementEntity;
import org.golem.vm.discovery.domain.RegistryVersion;
import org.golem.vm.discovery.domain.Tombstone;

/**
 * Storage of advertisements. Every write first takes the registry version row under a lock and bumps it, which
 * serialises writers across instances and lets every instance's search snapshot see that something changed.
 * Callers run writes inside a transaction.
 */
@ApplicationScoped
public class AdvertisementRepository {

    @PersistenceContext(unitName = "discovery")
    private EntityManager em;

    @Resource(lookup = "java:app/jdbc/discovery")
    private DataSource dataSource;

    /** Registry version and tombstone floor, read with plain JDBC (one indexed row, on every search). */
    public record State(long version, long tombstoneFloor) {
    }

    /**
     * @return the registry's current version
     * @throws SQLException when the database cannot be read
     */
    public State state() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT version, tombstone_floor FROM registry_version WHERE id = " + RegistryVersion.ID);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("registry_version row is missing");
            }
            return new State(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Locks the version row and bumps it; returns the new version. Must run in a transaction. */
    public long bumpVersion() {
        RegistryVersion v = em.find(RegistryVersion.class, RegistryVersion.ID, LockModeType.PESSIMISTIC_WRITE);
        v.setVersion(v.getVersion() + 1);
        return v.getVersion();
    }

    /** @return the stored advertisement or null */
    public AdvertisementEntity find(String providerId) {
        return em.find(AdvertisementEntity.class, providerId);
    }

    /** Stores a new advertisement and clears any tombstone of the same provider. */
    public void insert(AdvertisementEntity entity) {
        em.persist(entity);
        Tombstone t = em.find(Tombstone.class, entity.getProviderId());
        if (t != null) {
            em.remove(t);
        }
    }

    /** Deletes an advertisement and records the deletion at {@code version}. */
    public void delete(AdvertisementEntity entity, long version, long nowMillis) {
        em.remove(entity);
        Tombstone t = em.find(Tombstone.class, entity.getProviderId());
        if (t == null) {
            em.persist(new Tombstone(entity.getProviderId(), version, nowMillis));
        } else {
            t.setVersion(version);
            t.setDeletedAt(nowMillis);
        }
    }

    /** @return advertisements written after {@code version} and not older than {@code cutoffMillis} */
    public List<AdvertisementEntity> changedSince(long version, long cutoffMillis) {
        return em.createQuery("SELECT a FROM AdvertisementEntity a WHERE a.rowVersion > :v AND a.updatedAt >= :c",
                        AdvertisementEntity.class)
                .setParameter("v", version).setParameter("c", cutoffMillis).getResultList();
    }

    /** @return provider ids deleted after {@code version} */
    public List<String> deletedSince(long version) {
        return em.createQuery("SELECT t.providerId FROM Tombstone t WHERE t.version > :v", String.class)
                .setParameter("v", version).getResultList();
    }

    /** Deletes advertisements last refreshed before {@code cutoffMillis}; returns how many. */
    public int purgeExpired(long cutoffMillis) {
        return em.createQuery("DELETE FROM AdvertisementEntity a WHERE a.updatedAt < :c")
                .setParameter("c", cutoffMillis).executeUpdate();
    }

    /**
     * Drops tombstones older than {@code cutoffMillis} and raises the tombstone floor to the newest one dropped, so
     * snapshots older than that reload in full. Must run in a transaction.
     */
    public int pruneTombstones(long cutoffMillis) {
        Long newest = em.createQuery("SELECT MAX(t.version) FROM Tombstone t WHERE t.deletedAt < :c", Long.class)
                .setParameter("c", cutoffMillis).getSingleResult();
        if (newest == null) {
            return 0;
        }
        RegistryVersion v = em.find(RegistryVersion.class, RegistryVersion.ID, LockModeType.PESSIMISTIC_WRITE);
        v.setTombstoneFloor(Math.max(v.getTombstoneFloor(), newest));
        return em.createQuery("DELETE FROM Tombstone t WHERE t.version <= :v")
                .setParameter("v", newest).executeUpdate();
    }
}
