package org.golem.vm.provider.infrastructure.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The provider's one {@link Clock} bean: the system clock in UTC; unit tests give the use cases their own clock. */
@ApplicationScoped
public class SystemClock {

    /** @return the system clock, UTC */
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
