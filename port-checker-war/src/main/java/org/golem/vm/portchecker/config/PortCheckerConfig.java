package org.golem.vm.portchecker.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@link PortCheckerSettings} from configuration by the seed's environment-variable names
 * ({@code PORT_CHECKER_PORT}, {@code PORT_CHECK_TIMEOUT}, ...), which are also the MicroProfile Config property
 * names: MicroProfile Config finds an environment variable by its literal name, so {@code PORT_CHECK_TIMEOUT=2.5}
 * in the environment, {@code -DPORT_CHECK_TIMEOUT=2.5} or a line in a {@code microprofile-config.properties} all
 * set the same value. A value that is missing falls back to the default of {@link PortCheckerSettings}; a value
 * that cannot be read fails with a message naming the variable, so a misconfigured service does not start.
 */
public final class PortCheckerConfig {

    /** Bind address. */
    public static final String HOST = "PORT_CHECKER_HOST";
    /** Listen port. */
    public static final String PORT = "PORT_CHECKER_PORT";
    /** Connection attempts per port in total. */
    public static final String RETRIES = "PORT_CHECK_RETRIES";
    /** Pause between attempts, seconds. */
    public static final String RETRY_DELAY = "PORT_CHECK_RETRY_DELAY";
    /** Connect timeout per attempt, seconds. */
    public static final String TIMEOUT = "PORT_CHECK_TIMEOUT";
    /** Log every check. */
    public static final String DEBUG = "PORT_CHECKER_DEBUG";
    /** Most ports per request. */
    public static final String MAX_PORTS = "PORT_CHECKER_MAX_PORTS";
    /** Connection attempts in flight across all requests. */
    public static final String MAX_CONCURRENT_CHECKS = "PORT_CHECKER_MAX_CONCURRENT_CHECKS";
    /** Requests per minute per client address; 0 disables. */
    public static final String RATE_LIMIT_PER_MINUTE = "PORT_CHECKER_RATE_LIMIT_PER_MINUTE";
    /** Probe private, loopback, link-local, CGNAT and reserved targets too. */
    public static final String ALLOW_PRIVATE_TARGETS = "PORT_CHECKER_ALLOW_PRIVATE_TARGETS";
    /** A caller may only probe its own address. */
    public static final String ONLY_OWN_ADDRESS = "PORT_CHECKER_ONLY_OWN_ADDRESS";
    /** Comma-separated proxies (addresses or CIDR blocks) whose {@code X-Forwarded-For} is believed. */
    public static final String TRUSTED_PROXIES = "PORT_CHECKER_TRUSTED_PROXIES";

    /** Every name read, in the order of the README's table. */
    public static final List<String> NAMES = List.of(HOST, PORT, RETRIES, RETRY_DELAY, TIMEOUT, DEBUG, MAX_PORTS,
            MAX_CONCURRENT_CHECKS, RATE_LIMIT_PER_MINUTE, ALLOW_PRIVATE_TARGETS, ONLY_OWN_ADDRESS, TRUSTED_PROXIES);

    private PortCheckerConfig() {
    }

    /**
     * @param lookup the raw value of a name, empty when unset (e.g.
     *               {@code name -> config.getOptionalValue(name, String.class)}); blank counts as unset
     * @return the settings
     * @throws IllegalArgumentException naming the variable whose value is malformed or out of range
     */
    public static PortCheckerSettings read(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> set = name -> lookup.apply(name).map(String::strip).filter(v -> !v.isEmpty());
        PortCheckerSettings.Builder b = PortCheckerSettings.builder();
        set.apply(HOST).ifPresent(b::host);
        set.apply(PORT).ifPresent(v -> b.port(integer(PORT, v)));
        set.apply(RETRIES).ifPresent(v -> b.retries(integer(RETRIES, v)));
        set.apply(RETRY_DELAY).ifPresent(v -> b.retryDelaySeconds(decimal(RETRY_DELAY, v)));
        set.apply(TIMEOUT).ifPresent(v -> b.timeoutSeconds(decimal(TIMEOUT, v)));
        set.apply(DEBUG).ifPresent(v -> b.debug(bool(DEBUG, v)));
        set.apply(MAX_PORTS).ifPresent(v -> b.maxPortsPerRequest(integer(MAX_PORTS, v)));
        set.apply(MAX_CONCURRENT_CHECKS).ifPresent(v -> b.maxConcurrentChecks(integer(MAX_CONCURRENT_CHECKS, v)));
        set.apply(RATE_LIMIT_PER_MINUTE).ifPresent(v -> b.rateLimitPerMinute(integer(RATE_LIMIT_PER_MINUTE, v)));
        set.apply(ALLOW_PRIVATE_TARGETS).ifPresent(v -> b.allowPrivateTargets(bool(ALLOW_PRIVATE_TARGETS, v)));
        set.apply(ONLY_OWN_ADDRESS).ifPresent(v -> b.onlyOwnAddress(bool(ONLY_OWN_ADDRESS, v)));
        set.apply(TRUSTED_PROXIES).ifPresent(v -> b.trustedProxies(Arrays.stream(v.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList()));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("port checker settings: " + e.getMessage(), e);
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(name, value, "a whole number");
        }
    }

    private static double decimal(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw bad(name, value, "a finite number of seconds");
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(name, value, "a number of seconds such as 1.5");
        }
    }

    /** {@code true/false}, also {@code 1/0, yes/no, on/off}, any case (the original compared {@code == "true"}). */
    private static boolean bool(String name, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on":
                return true;
            case "false", "0", "no", "off":
                return false;
            default:
                throw bad(name, value, "true or false");
        }
    }

    private static IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException(name + " must be " + expected + ", got '" + value + "'");
    }
}
