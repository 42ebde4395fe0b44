package org.golem.vm.discovery.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import javax.sql.DataSource;
import org.golem.vm.common.auth.JdbcReplayMemory;
import org.golem.vm.common.auth.ReplayMemory;

/**
 * Discovery's memory of accepted signatures: table {@code seen_signature} of the discovery database
 * ({@code java:app/jdbc/discovery}, migration {@code V2__seen_signatures.sql}), 300 s window. Every instance on
 * one PostgreSQL shares it, and it survives a restart, so a signed advertisement or delete is accepted once.
 * Used by the signed-request filter (outside any transaction, so each check commits on its own) and purged by
 * {@link org.golem.vm.discovery.application.ExpiryPurge}.
 */
@ApplicationScoped
public class DiscoveryReplayMemory {

    @Resource(lookup = "java:app/jdbc/discovery")
    DataSource dataSource;

    @Inject
    Clock clock;

    /** @return the replay memory on the discovery database */
    @Produces
    @ApplicationScoped
    ReplayMemory replayMemory() {
        return new JdbcReplayMemory(dataSource, clock);
    }
}
