package org.golem.vm.provider.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@link OperatorSettings} as a MicroProfile ConfigSource (ordinal 450, above environment variables at 300 and
 * system properties at 400), so anything reading MicroProfile Config sees the operator's run-time changes. It
 * serves only {@link ProviderSettings#LIVE_KEYS} (prices, monitor and withdraw settings, minimum runway), read from
 * {@code operator.properties} in the data directory that the other sources configure
 * ({@code golem.provider.data-dir}), so it can never disagree with {@link ProviderSettings} about which file counts.
 * Property names are not listed ({@link #getPropertyNames()} is empty): the values are looked up by name only.
 */
public final class OperatorConfigSource implements ConfigSource {

    private static final String DATA_DIR = ProviderSettings.PREFIX + "data-dir";

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
        if (!propertyName.startsWith(ProviderSettings.PREFIX)
                || !ProviderSettings.LIVE_KEYS.contains(propertyName.substring(ProviderSettings.PREFIX.length()))) {
            return null;
        }
        // the data directory comes from the other sources: this source never answers for it, so no recursion
        Optional<String> dir = ConfigProvider.getConfig(OperatorConfigSource.class.getClassLoader())
                .getOptionalValue(DATA_DIR, String.class);
        if (dir.isEmpty() || dir.get().isBlank()) {
            return null;
        }
        return OperatorSettings.forDataDir(Path.of(dir.get().strip())).get(propertyName).orElse(null);
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
