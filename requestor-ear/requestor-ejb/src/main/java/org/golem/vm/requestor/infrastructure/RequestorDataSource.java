package org.golem.vm.requestor.infrastructure;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The requestor database, {@code java:app/jdbc/requestor}: an H2 file under the data directory by default,
 * PostgreSQL when {@code GOLEM_REQUESTOR_DATABASE_URL} is a {@code jdbc:postgresql:} URL (driver class derived from
 * the URL by common's {@code DataSourceClassConfigSource}).
 */
@Singleton
@DataSourceDefinition(
        name = "java:app/jdbc/requestor",
        className = "${MPCONFIG=golem.requestor.database.datasource-class}",
        url = "${MPCONFIG=golem.requestor.database.url}",
        user = "${MPCONFIG=golem.requestor.database.user}",
        password = "${MPCONFIG=golem.requestor.database.password}",
        minPoolSize = 1,
        maxPoolSize = 8)
public class RequestorDataSource {
}
