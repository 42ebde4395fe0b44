package org.golem.vm.discovery.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.auth.ReplayMemory;
import org.golem.vm.discovery.config.DiscoverySettings;

/**
 * Deletes expired advertisements, and the accepted signatures whose timestamp has left the replay window (table
 * {@code seen_signature}), every {@code golem.discovery.cleanup-interval-seconds} (non-persistent EJB interval
 * timer). Idempotent, so every instance of a scaled-out deployment may run it. The two purges run in separate
 * transactions (the timer itself runs outside one), so one failing does not undo the other.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class ExpiryPurge {
    private static final Logger LOG = Logger.getLogger(ExpiryPurge.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AdvertisementService service;

    @Inject
    DiscoverySettings settings;

    @Inject
    ReplayMemory replayMemory;

    @PostConstruct
    void schedule() {
        long every = settings.cleanupIntervalSeconds() * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("discovery-expiry-purge", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void purge() {
        try {
            int purged = service.purgeExpired();
            if (purged > 0) {
                LOG.info("purged " + purged + " expired advertisements");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expiry purge failed; retrying at the next interval", e);
        }
        try {
            int forgotten = replayMemory.purgeExpired();
            LOG.fine(() -> "forgot " + forgotten + " expired signatures");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "signature purge failed; retrying at the next interval: " + e.getMessage());
        }
    }
}
