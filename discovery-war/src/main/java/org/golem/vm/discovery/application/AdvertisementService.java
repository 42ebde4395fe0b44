package org.golem.vm.discovery.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.discovery.domain.AdvertisementEntity;
import org.golem.vm.discovery.infrastructure.AdvertisementRepository;

/**
 * The discovery use cases: publish (create or replace) and withdraw one's own advertisement, read one, and
 * purge expired ones. Each public method is one transaction. Authentication happened before: callers pass the
 * verified signer, which is the advertisement's provider id.
 */
@Stateless
public class AdvertisementService {

    /** Code of "no such (live) advertisement", as the original. */
    public static final String NOT_FOUND = "ADV_004";

    @Inject
    AdvertisementRepository repository;

    @Inject
    DiscoverySettings settings;

    /**
     * Creates or replaces the signer's advertisement.
     *
     * @param providerId the verified signer, EIP-55
     * @param request    the body
     * @param nowMillis  the refresh time, epoch milliseconds
     * @return the stored advertisement
     * @throws ApiException 422 {@code VALIDATION_ERROR} listing every violation; nothing is stored then
     */
    public Advertisement publish(String providerId, AdvertisementRequest request, long nowMillis) {
        List<Violation> violations = WireValidation.advertisementRequest(request);
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        long version = repository.bumpVersion();
        AdvertisementEntity entity = repository.find(providerId);
        boolean created = entity == null;
        if (created) {
            entity = new AdvertisementEntity(providerId, nowMillis);
        }
        Advertisements.apply(request, entity);
        entity.setUpdatedAt(nowMillis);
        entity.setRowVersion(version);
        if (created) {
            repository.insert(entity);
        }
        return Advertisements.toWire(entity);
    }

    /**
     * Deletes the signer's advertisement.
     *
     * @throws ApiException 404 {@code ADV_004} when there is none (expired ones count as none)
     */
    public void withdraw(String providerId, long nowMillis) {
        AdvertisementEntity entity = repository.find(providerId);
        if (entity == null || expired(entity, nowMillis)) {
            throw notFound();
        }
        long version = repository.bumpVersion();
        repository.delete(entity, version, nowMillis);
    }

    /**
     * @return the live advertisement of a provider
     * @throws ApiException 404 {@code ADV_004} when there is none or it expired (the original still returned
     *                      expired ones until its cleanup ran)
     */
    public Advertisement get(String providerId, long nowMillis) {
        AdvertisementEntity entity = repository.find(providerId);
        if (entity == null || expired(entity, nowMillis)) {
            throw notFound();
        }
        return Advertisements.toWire(entity);
    }

    /**
     * Deletes advertisements past the expiry and tombstones older than a day.
     *
     * @return how many advertisements were deleted
     */
    public int purgeExpired(long nowMillis) {
        int purged = repository.purgeExpired(nowMillis - settings.expirySeconds() * 1000);
        repository.pruneTombstones(nowMillis - 24L * 3600 * 1000);
        return purged;
    }

    private boolean expired(AdvertisementEntity e, long nowMillis) {
        return e.getUpdatedAt() < nowMillis - settings.expirySeconds() * 1000;
    }

    private static ApiException notFound() {
        return new ApiException(404, NOT_FOUND, "Advertisement not found");
    }
}
