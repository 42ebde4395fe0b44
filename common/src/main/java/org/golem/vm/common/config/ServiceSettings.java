package org.golem.vm.common.config;

import java.math.BigDecimal;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Typed reads of one service's MicroProfile Config keys ({@code golem.<service>.*}; environment
 * {@code GOLEM_<SERVICE>_*}), shared by the services' settings classes. Values are read on every call (so a source
 * that changes is seen at once); a blank value counts as unset; a malformed value fails loudly with the key's full
 * name ({@link IllegalStateException}), never silently defaults.
 */
public abstract class ServiceSettings {

    private final String prefix;
    private final ClassLoader loader;

    /**
     * @param prefix the service's key prefix, e.g. {@code golem.provider.}
     * @param anchor a class of the service's own module, whose class loader sees the service's
     *               {@code META-INF/microprofile-config.properties} (in an EAR the common jar's loader would not)
     */
    protected ServiceSettings(String prefix, Class<?> anchor) {
        this.prefix = prefix;
        this.loader = anchor.getClassLoader();
    }

    /** @return the key prefix, e.g. {@code golem.provider.} */
    public String prefix() {
        return prefix;
    }

    /**
     * @param key key without the prefix
     * @return the value, stripped; empty when unset or blank
     */
    public Optional<String> raw(String key) {
        return ConfigProvider.getConfig(loader).getOptionalValue(prefix + key, String.class)
                .map(String::strip).filter(s -> !s.isEmpty());
    }

    /** @throws IllegalStateException naming the key when it is unset */
    protected String required(String key) {
        return raw(key).orElseThrow(() -> new IllegalStateException("setting " + prefix + key + " is not set"));
    }

    /** @throws IllegalStateException naming the key when it is unset or not a whole number */
    protected long longValue(String key) {
        String v = required(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + prefix + key + " must be a whole number: " + v);
        }
    }

    /** @throws IllegalStateException naming the key unless it is true/false (also 1/0, yes/no) */
    protected boolean bool(String key) {
        String v = required(key);
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new IllegalStateException("setting " + prefix + key + " must be true or false: " + v);
    }

    /** @throws IllegalStateException naming the key when it is unset or not a decimal number */
    protected BigDecimal decimal(String key) {
        String v = required(key);
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + prefix + key + " must be a decimal number: " + v);
        }
    }
}
