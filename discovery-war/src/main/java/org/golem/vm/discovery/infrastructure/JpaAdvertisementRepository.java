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
import org.golem.vm.discovery.application.port.AdvertisementRepository;
import org.golem.vm.discovery.application.port.RegistryState;
import org.golem.vm.discovery.application.port.RegistryUnavailableException;
import org.golem.vm.discovery.domain.AdvertisementEntity;
import org.golem.vm.discovery.domain.RegistryVersion;
import org.golem.vm.discovery.domain.Tombstone;

/**
 * The {@link AdvertisementRepository} on the discovery database ({@code java:app/jdbc/discovery}, persistence unit
 * {@code discovery}): JPA for the rows, plain JDBC for the registry version read on every search. Every write
 * first takes the registry version row under a pessimistic lock and bumps it.
 */
@ApplicationScoped
public class JpaAdvertisementRepository implements AdvertisementRepository {

    @PersistenceContext(unitName = "discovery")
    private EntityManager em;

    @Resource(lookup = "java:app/jdbc/discovery")
    private DataSource dataSource;

    /** Reads the one indexed row with plain JDBC (cheaper than the entity manager on every search). */
    @Override
    public RegistryState state() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT version, tombstone_floor FROM registry_version WHERE id = " + RegistryVersion.ID);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("registry_version row is missing");
            }
            return new RegistryState(rs.getLong(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new RegistryUnavailableException("the registry version cannot be read", e);
        }
    }

    @Override
    public long bumpVersion() {
        RegistryVersion v = em.find(RegistryVersion.class, RegistryVersion.ID, LockModeType.PESSIMISTIC_WRITE);
        v.setVersion(v.getVersion() + 1);
        return v.getVersion();
    }

    @Override
    public AdvertisementEntity find(String providerId) {
        return em.find(AdvertisementEntity.class, providerId);
    }

    @Override
    public void insert(AdvertisementEntity entity) {
        em.persist(entity);
        Tombstone t = em.find(Tombstone.class, entity.getProviderId());
        if (t != null) {
            em.remove(t);
        }
    }

    @Override
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

    @Override
    public List<AdvertisementEntity> changedSince(long version, long cutoffMillis) {
        return em.createQuery("SELECT a FROM AdvertisementEntity a WHERE a.rowVersion > :v AND a.updatedAt >= :c",
                        AdvertisementEntity.class)
                .setParameter("v", version).setParameter("c", cutoffMillis).getResultList();
    }

    @Override
    public List<String> deletedSince(long version) {
        return em.createQuery("SELECT t.providerId FROM Tombstone t WHERE t.version > :v", String.class)
                .setParameter("v", version).getResultList();
    }

    @Override
    public int purgeExpired(long cutoffMillis) {
        return em.createQuery("DELETE FROM AdvertisementEntity a WHERE a.updatedAt < :c")
                .setParameter("c", cutoffMillis).executeUpdate();
    }

    @Override
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
