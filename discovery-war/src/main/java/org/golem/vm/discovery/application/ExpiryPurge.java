package org.golem.vm.discovery.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired advertisements every {@code golem.discovery.cleanup-interval-seconds} (non-persistent EJB
 * interval timer). Idempotent, so every instance of a scaled-out deployment may run it.
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

    @PostConstruct
    void schedule() {
        long every = settings.cleanupIntervalSeconds() * 1000;
        timers.createIntervalTimer(every, every, new TimerConfig("discovery-expiry-purge", false));
    }

    @Timeout
    void purge() {
        try {
            int purged = service.purgeExpired(System.currentTimeMillis());
            if (purged > 0) {
                LOG.info("purged " + purged + " expired advertisements");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expiry purge failed; retrying at the next interval", e);
        }
    }
}
