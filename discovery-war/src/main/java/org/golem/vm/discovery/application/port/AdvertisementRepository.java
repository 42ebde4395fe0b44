package org.golem.vm.discovery.application.port;

import java.util.List;
import org.golem.vm.discovery.domain.AdvertisementEntity;

/**
 * Storage of advertisements, the port the discovery use cases write and read through (its adapter is
 * {@code infrastructure.JpaAdvertisementRepository}). Every write first takes the registry version under a lock
 * and bumps it ({@link #bumpVersion()}), which serialises writers across instances and lets every instance's search
 * snapshot see that something changed. Callers run writes inside a transaction. Times are epoch milliseconds.
 */
public interface AdvertisementRepository {

    /**
     * Reads the registry version and tombstone floor (one indexed row; called on every search, outside any
     * transaction).
     *
     * @return the registry's current state
     * @throws RegistryUnavailableException when the database cannot be read
     */
    RegistryState state();

    /**
     * Locks the version row and bumps it. Must run in a transaction.
     *
     * @return the new version
     */
    long bumpVersion();

    /**
     * @param providerId the provider's address, EIP-55
     * @return the stored advertisement (expired or not), or null
     */
    AdvertisementEntity find(String providerId);

    /**
     * Stores a new advertisement and clears any tombstone of the same provider.
     *
     * @param entity the advertisement, its row version already set
     */
    void insert(AdvertisementEntity entity);

    /**
     * Deletes an advertisement and records the deletion (a tombstone) at {@code version}.
     *
     * @param entity    the stored advertisement
     * @param version   the registry version of this deletion (from {@link #bumpVersion()})
     * @param nowMillis the deletion time
     */
    void delete(AdvertisementEntity entity, long version, long nowMillis);

    /**
     * @param version      a registry version; -1 for all
     * @param cutoffMillis the oldest refresh time still live
     * @return advertisements written after {@code version} and refreshed at or after {@code cutoffMillis}
     */
    List<AdvertisementEntity> changedSince(long version, long cutoffMillis);

    /**
     * @param version a registry version
     * @return provider ids deleted after {@code version}
     */
    List<String> deletedSince(long version);

    /**
     * Deletes advertisements last refreshed before {@code cutoffMillis}.
     *
     * @param cutoffMillis the oldest refresh time still live
     * @return how many were deleted
     */
    int purgeExpired(long cutoffMillis);

    /**
     * Drops tombstones older than {@code cutoffMillis} and raises the tombstone floor to the newest one dropped, so
     * snapshots older than that reload in full. Must run in a transaction.
     *
     * @param cutoffMillis the oldest deletion time kept
     * @return how many tombstones were dropped
     */
    int pruneTombstones(long cutoffMillis);
}
