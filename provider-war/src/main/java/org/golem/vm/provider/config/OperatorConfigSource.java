package org.golem.vm.provider.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@link OperatorSettings} as a MicroProfile ConfigSource (ordinal 450, above environment variables at 300 and
 * system properties at 400). The data directory is found the way an operator sets it, before MicroProfile
 * Config is up: system property {@code golem.provider.data-dir}, else environment
 * {@code GOLEM_PROVIDER_DATA_DIR}, else {@code ~/.golem/provider}.
 */
public final class OperatorConfigSource implements ConfigSource {

    /** @return the provider's data directory as the operator configured it */
    public static Path dataDir() {
        String dir = System.getProperty("golem.provider.data-dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("GOLEM_PROVIDER_DATA_DIR");
        }
        if (dir == null || dir.isBlank()) {
            dir = Path.of(System.getProperty("user.home"), ".golem", "provider").toString();
        }
        return Path.of(dir);
    }

    private OperatorSettings settings() {
        return OperatorSettings.forDataDir(dataDir());
    }

    @Override
    public Set<String> getPropertyNames() {
        return settings().all().keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return settings().all();
    }

    @Override
    public String getValue(String propertyName) {
        return propertyName.startsWith("golem.provider.") ? settings().get(propertyName).orElse(null) : null;
    }

    @Override
    public String getName() {
        return "golem-provider-operator-settings";
    }

    @Override
    public int getOrdinal() {
        return 450;
    }
}
