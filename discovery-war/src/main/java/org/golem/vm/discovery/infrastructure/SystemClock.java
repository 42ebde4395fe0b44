package org.golem.vm.discovery.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The discovery service's one {@link Clock}: the system clock in UTC. The use cases (expiry, refresh times, the
 * purge) and the replay memory take the time from it, so tests can move time with a clock of their own.
 */
@ApplicationScoped
public class SystemClock {

    /** @return {@link Clock#systemUTC()} */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
