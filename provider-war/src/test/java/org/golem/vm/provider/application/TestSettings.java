package org.golem.vm.provider.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * The provider's settings without a MicroProfile Config runtime: the shipped defaults
 * ({@code META-INF/microprofile-config.properties}) with a test's overrides, the data directory in a temporary
 * folder, and the operator's live changes ({@code operator.properties}) first, as in the provider.
 */
final class TestSettings extends ProviderSettings {
    final Map<String, String> values = new HashMap<>();

    TestSettings(Path dataDir) {
        Properties defaults = new Properties();
        try (InputStream in = ProviderSettings.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        defaults.forEach((k, v) -> values.put(((String) k).substring(PREFIX.length()), (String) v));
        values.put("data-dir", dataDir.toString());
    }

    TestSettings with(String key, String value) {
        values.put(key, value);
        return this;
    }

    @Override
    protected Optional<String> configured(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }
}
