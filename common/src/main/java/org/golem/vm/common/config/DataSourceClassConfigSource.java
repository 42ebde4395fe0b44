package org.golem.vm.common.config;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives {@code golem.<service>.database.datasource-class} from {@code golem.<service>.database.url}, so an
 * operator sets only the JDBC URL ({@code GOLEM_DISCOVERY_DATABASE_URL=jdbc:postgresql://...}) and the service's
 * {@code @DataSourceDefinition(className = "${MPCONFIG=golem.<service>.database.datasource-class}")} follows:
 * {@code jdbc:postgresql:} → {@code org.postgresql.ds.PGSimpleDataSource}, anything else → H2's
 * {@code org.h2.jdbcx.JdbcDataSource} (the embedded default, bundled with Payara).
 *
 * <p>The URL is read from the system property or environment variable (the sources an operator uses); an
 * explicitly configured class in a higher-ordinal source wins over this derived value (ordinal 50).
 */
public final class DataSourceClassConfigSource implements ConfigSource {

    private static final Pattern KEY = Pattern.compile("golem\\.([a-z-]+)\\.database\\.datasource-class");

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        Matcher m = KEY.matcher(propertyName);
        if (!m.matches()) {
            return null;
        }
        String key = "golem." + m.group(1) + ".database.url";
        String url = System.getProperty(key);
        if (url == null) {
            url = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return url != null && url.startsWith("jdbc:postgresql:") ? "org.postgresql.ds.PGSimpleDataSource"
                : "org.h2.jdbcx.JdbcDataSource";
    }

    @Override
    public String getName() {
        return "golem-derived-datasource-class";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
