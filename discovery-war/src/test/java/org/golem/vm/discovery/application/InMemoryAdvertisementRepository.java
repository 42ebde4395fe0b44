package org.golem.vm.discovery.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.discovery.application.port.AdvertisementRepository;
import org.golem.vm.discovery.application.port.RegistryState;
import org.golem.vm.discovery.domain.AdvertisementEntity;

/** The repository port in memory, for unit tests of the use cases (no transactions, one thread). */
final class InMemoryAdvertisementRepository implements AdvertisementRepository {

    final Map<String, AdvertisementEntity> rows = new HashMap<>();
    /** Provider id → (version, deletion time) of its deletion. */
    final Map<String, long[]> tombstones = new HashMap<>();
    private long version;
    private long tombstoneFloor;

    @Override
    public RegistryState state() {
        return new RegistryState(version, tombstoneFloor);
    }

    @Override
    public long bumpVersion() {
        return ++version;
    }

    @Override
    public AdvertisementEntity find(String providerId) {
        return rows.get(providerId);
    }

    @Override
    public void insert(AdvertisementEntity entity) {
        rows.put(entity.getProviderId(), entity);
        tombstones.remove(entity.getProviderId());
    }

    @Override
    public void delete(AdvertisementEntity entity, long deletedVersion, long nowMillis) {
        rows.remove(entity.getProviderId());
        tombstones.put(entity.getProviderId(), new long[] {deletedVersion, nowMillis});
    }

    @Override
    public List<AdvertisementEntity> changedSince(long sinceVersion, long cutoffMillis) {
        return rows.values().stream()
                .filter(e -> e.getRowVersion() > sinceVersion && e.getUpdatedAt() >= cutoffMillis).toList();
    }

    @Override
    public List<String> deletedSince(long sinceVersion) {
        List<String> out = new ArrayList<>();
        tombstones.forEach((id, t) -> {
            if (t[0] > sinceVersion) {
                out.add(id);
            }
        });
        return out;
    }

    @Override
    public int purgeExpired(long cutoffMillis) {
        int before = rows.size();
        rows.values().removeIf(e -> e.getUpdatedAt() < cutoffMillis);
        return before - rows.size();
    }

    @Override
    public int pruneTombstones(long cutoffMillis) {
        int before = tombstones.size();
        tombstones.values().removeIf(t -> {
            if (t[1] < cutoffMillis) {
                tombstoneFloor = Math.max(tombstoneFloor, t[0]);
                return true;
            }
            return false;
        });
        return before - tombstones.size();
    }
}
