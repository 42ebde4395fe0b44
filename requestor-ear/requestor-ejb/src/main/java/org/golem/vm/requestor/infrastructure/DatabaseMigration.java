package org.golem.vm.requestor.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date with Flyway ({@code classpath:db/migration/requestor}) at startup. */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigration {
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/requestor")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(DatabaseMigration.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration/requestor").load().migrate();
        LOG.info("requestor schema at version " + (result.targetSchemaVersion != null ? result.targetSchemaVersion
                : result.initialSchemaVersion) + " (" + result.migrationsExecuted + " migrations applied)");
    }
}
