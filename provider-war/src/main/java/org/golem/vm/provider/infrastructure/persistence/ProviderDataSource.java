package org.golem.vm.provider.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.Singleton;

/**
 * The provider database, {@code java:app/jdbc/provider}: an H2 file under the data directory by default,
 * PostgreSQL when {@code GOLEM_PROVIDER_DATABASE_URL} is a {@code jdbc:postgresql:} URL (driver class derived from
 * the URL by common's {@code DataSourceClassConfigSource}). Payara resolves the {@code MPCONFIG} expressions.
 */
@Singleton
@DataSourceDefinitions({
    @DataSourceDefinition(
        name = "java:app/jdbc/provider",
        className = "${MPCONFIG=golem.provider.database.datasource-class}",
        url = "${MPCONFIG=golem.provider.database.url}",
        user = "${MPCONFIG=golem.provider.database.user}",
        password = "${MPCONFIG=golem.provider.database.password}",
        minPoolSize = 1,
        maxPoolSize = 16),
    // The same database outside JTA, for the SSH port store, which commits on its own whatever transaction its
    // caller is in (JdbcPortStore), and for the replay memory of signed requests (one check per signed request).
    @DataSourceDefinition(
        name = "java:app/jdbc/provider-local",
        className = "${MPCONFIG=golem.provider.database.datasource-class}",
        url = "${MPCONFIG=golem.provider.database.url}",
        user = "${MPCONFIG=golem.provider.database.user}",
        password = "${MPCONFIG=golem.provider.database.password}",
        transactional = false,
        minPoolSize = 0,
        maxPoolSize = 8)
})
public class ProviderDataSource {
}
