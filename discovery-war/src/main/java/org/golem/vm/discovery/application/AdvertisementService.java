package org.golem.vm.discovery.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.ErrorResponse;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.discovery.application.port.AdvertisementRepository;
import org.golem.vm.discovery.config.DiscoverySettings;
import org.golem.vm.discovery.domain.AdvertisementEntity;

/**
 * The discovery use cases: publish (create or replace) and withdraw one's own advertisement, read one, and
 * purge expired ones. Each public method is one transaction. Authentication happened before: callers pass the
 * verified signer, which is the advertisement's provider id. The time (refresh, expiry) comes from the injected
 * {@link Clock}.
 */
@Stateless
public class AdvertisementService {

    /** Code of "no such (live) advertisement", as the original. */
    public static final String NOT_FOUND = "ADV_004";

    @Inject
    AdvertisementRepository repository;

    @Inject
    DiscoverySettings settings;

    @Inject
    Clock clock;

    /**
     * Creates or replaces the signer's advertisement.
     *
     * @param providerId the verified signer, EIP-55
     * @param request    the body
     * @return the stored advertisement, refreshed now
     * @throws DomainException {@link Refusal#UNPROCESSABLE} (HTTP 422) {@code VALIDATION_ERROR} listing every
     *                         violation; nothing is stored then
     */
    public Advertisement publish(String providerId, AdvertisementRequest request) {
        List<Violation> violations = WireValidation.advertisementRequest(request);
        if (!violations.isEmpty()) {
            ErrorResponse body = ErrorResponse.validation(violations);
            throw new DomainException(Refusal.UNPROCESSABLE, body.code(), body.message());
        }
        long nowMillis = clock.millis();
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
     * @param providerId the verified signer, EIP-55
     * @throws DomainException {@link Refusal#NOT_FOUND} (HTTP 404) {@code ADV_004} when there is none (expired ones
     *                         count as none)
     */
    public void withdraw(String providerId) {
        long nowMillis = clock.millis();
        AdvertisementEntity entity = repository.find(providerId);
        if (entity == null || expired(entity, nowMillis)) {
            throw notFound();
        }
        long version = repository.bumpVersion();
        repository.delete(entity, version, nowMillis);
    }

    /**
     * @param providerId the provider's address, EIP-55
     * @return the live advertisement of a provider
     * @throws DomainException {@link Refusal#NOT_FOUND} (HTTP 404) {@code ADV_004} when there is none or it expired
     *                         (the original still returned expired ones until its cleanup ran)
     */
    public Advertisement get(String providerId) {
        AdvertisementEntity entity = repository.find(providerId);
        if (entity == null || expired(entity, clock.millis())) {
            throw notFound();
        }
        return Advertisements.toWire(entity);
    }

    /**
     * Deletes advertisements past the expiry and tombstones older than a day.
     *
     * @return how many advertisements were deleted
     */
    public int purgeExpired() {
        long nowMillis = clock.millis();
        int purged = repository.purgeExpired(nowMillis - settings.expirySeconds() * 1000);
        repository.pruneTombstones(nowMillis - 24L * 3600 * 1000);
        return purged;
    }

    private boolean expired(AdvertisementEntity e, long nowMillis) {
        return e.getUpdatedAt() < nowMillis - settings.expirySeconds() * 1000;
    }

    /** @return 404 {@code ADV_004} "Advertisement not found", the original's refusal */
    public static DomainException notFound() {
        return new DomainException(Refusal.NOT_FOUND, NOT_FOUND, "Advertisement not found");
    }
}
