package org.golem.vm.discovery.infrastructure;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The discovery database, {@code java:app/jdbc/discovery}: an H2 file under the data directory by default,
 * PostgreSQL when {@code GOLEM_DISCOVERY_DATABASE_URL} is a {@code jdbc:postgresql:} URL (the driver class is
 * derived from the URL by {@code DataSourceClassConfigSource}). Payara resolves the {@code MPCONFIG} expressions.
 */
@Singleton
@DataSourceDefinition(
        name = "java:app/jdbc/discovery",
        className = "${MPCONFIG=golem.discovery.database.datasource-class}",
        url = "${MPCONFIG=golem.discovery.database.url}",
        user = "${MPCONFIG=golem.discovery.database.user}",
        password = "${MPCONFIG=golem.discovery.database.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
public class DiscoveryDataSource {
}
