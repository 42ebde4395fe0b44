package org.golem.vm.provider.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import javax.sql.DataSource;
import org.golem.vm.common.auth.JdbcReplayMemory;
import org.golem.vm.common.auth.ReplayMemory;

/**
 * The provider's memory of accepted signatures: table {@code seen_signature} of the provider database
 * (migration {@code V2__seen_signatures.sql}), 300 s window, on the connections outside JTA
 * ({@code java:app/jdbc/provider-local}) so each check commits on its own. It survives a provider restart, so a
 * signed request (a {@code DELETE} included) captured before the restart is still refused as a replay. Used by
 * the signed-request filter, purged by {@link org.golem.vm.provider.application.SignaturePurge}.
 */
@ApplicationScoped
public class ProviderReplayMemory {

    @Resource(lookup = "java:app/jdbc/provider-local")
    DataSource dataSource;

    /** @return the replay memory on the provider database */
    @Produces
    @ApplicationScoped
    ReplayMemory replayMemory() {
        return new JdbcReplayMemory(dataSource, Clock.systemUTC());
    }
}
