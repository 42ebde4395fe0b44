package org.golem.vm.provider.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings an operator changed at run time (admin REST, {@code golem-provider pricing set} / {@code config ...}),
 * persisted as a properties file {@code operator.properties} in the provider's data directory
 * (docs/decisions.md). It is also a MicroProfile ConfigSource ({@link OperatorConfigSource}, ordinal
 * 450: above environment variables and system properties), so a restart starts from the operator's last
 * choice; and {@link ProviderSettings} consults it first for live keys, so changes apply without a restart
 * whatever the config implementation caches.
 *
 * <p>Keys are MicroProfile property names ({@code golem.provider.pricing.usd-per-core-month}). Writes go to a
 * temporary file moved into place. One instance per data directory (see {@link #forDataDir}).
 */
public final class OperatorSettings {

    /** File name inside the data directory. */
    public static final String FILE_NAME = "operator.properties";

    private static final Map<Path, OperatorSettings> INSTANCES = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final TreeMap<String, String> values = new TreeMap<>();

    private OperatorSettings(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read operator settings " + file + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        }
    }

    /** @return the one instance for {@code <dataDir>/operator.properties} */
    public static OperatorSettings forDataDir(Path dataDir) {
        return INSTANCES.computeIfAbsent(dataDir.toAbsolutePath().normalize().resolve(FILE_NAME),
                OperatorSettings::new);
    }

    /** @return the operator's value of {@code key}, if set */
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** @return a copy of every operator value */
    public synchronized Map<String, String> all() {
        return new TreeMap<>(values);
    }

    /**
     * Sets several values at once and persists them (all or nothing).
     *
     * @param changes key → value
     * @throws UncheckedIOException when the file cannot be written (nothing changes then)
     */
    public synchronized void putAll(Map<String, String> changes) {
        TreeMap<String, String> next = new TreeMap<>(values);
        next.putAll(changes);
        write(next);
        values.clear();
        values.putAll(next);
    }

    private void write(Map<String, String> all) {
        Properties p = new Properties();
        p.putAll(all);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "golem provider: settings changed by the operator at run time (overrides env)");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write operator settings " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the properties file */
    public Path file() {
        return file;
    }
}
