package org.golem.vm.provider.it;

import java.util.Map;
import org.golem.vm.common.testing.TempPostgres;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@link ProviderApiTests} once more with the provider's state in a real PostgreSQL (Debian's package, a private
 * throw-away cluster), as {@code GOLEM_PROVIDER_DATABASE_URL=jdbc:postgresql://...} configures it in production.
 */
@RunAsClient
class ProviderApiOnPostgresIT extends ProviderApiTests {
    private static TempPostgres postgres;

    @Deployment
    static WebArchive deployment() throws Exception {
        postgres = new TempPostgres("provider");
        // stopped when the test JVM exits, after Arquillian has undeployed the provider that uses it
        TempPostgres started = postgres;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "temp-postgres-stop"));
        // the driver class is derived from an environment/system URL; a test-config URL names it explicitly
        return deployment(Map.of("golem.provider.database.url", postgres.jdbcUrl(),
                "golem.provider.database.user", postgres.user,
                "golem.provider.database.password", postgres.password,
                "golem.provider.database.datasource-class", "org.postgresql.ds.PGSimpleDataSource"));
    }
}
