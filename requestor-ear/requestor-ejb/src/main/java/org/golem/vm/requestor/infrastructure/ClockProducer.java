package org.golem.vm.requestor.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The requestor's one clock: the system's, in UTC. Use cases inject {@link Clock} so tests can move time. */
@ApplicationScoped
public class ClockProducer {

    /** @return the system clock in UTC */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
