package org.golem.vm.portchecker.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.golem.vm.common.rest.ClientAddresses;
import org.golem.vm.portchecker.domain.TargetPolicy;

/**
 * Settings of the port checker. The first six are the seed's documented environment variables (which the
 * original never read for the check itself; here they take effect); the rest are new.
 *
 * <table>
 *   <caption>Settings, environment variables and defaults</caption>
 *   <tr><th>component</th><th>environment variable</th><th>default</th></tr>
 *   <tr><td>{@code host}</td><td>{@code PORT_CHECKER_HOST}</td><td>{@code 0.0.0.0}</td></tr>
 *   <tr><td>{@code port}</td><td>{@code PORT_CHECKER_PORT}</td><td>{@code 9000}</td></tr>
 *   <tr><td>{@code retries}</td><td>{@code PORT_CHECK_RETRIES}</td><td>{@code 3} attempts in total</td></tr>
 *   <tr><td>{@code retryDelaySeconds}</td><td>{@code PORT_CHECK_RETRY_DELAY}</td><td>{@code 1.0}</td></tr>
 *   <tr><td>{@code timeoutSeconds}</td><td>{@code PORT_CHECK_TIMEOUT}</td><td>{@code 5.0}</td></tr>
 *   <tr><td>{@code debug}</td><td>{@code PORT_CHECKER_DEBUG}</td><td>{@code false}</td></tr>
 *   <tr><td>{@code maxPortsPerRequest}</td><td>{@code PORT_CHECKER_MAX_PORTS}</td><td>{@code 100}</td></tr>
 *   <tr><td>{@code maxConcurrentChecks}</td><td>{@code PORT_CHECKER_MAX_CONCURRENT_CHECKS}</td><td>{@code 200}</td></tr>
 *   <tr><td>{@code rateLimitPerMinute}</td><td>{@code PORT_CHECKER_RATE_LIMIT_PER_MINUTE}</td><td>{@code 30}</td></tr>
 *   <tr><td>{@code allowPrivateTargets}</td><td>{@code PORT_CHECKER_ALLOW_PRIVATE_TARGETS}</td><td>{@code false}</td></tr>
 *   <tr><td>{@code onlyOwnAddress}</td><td>{@code PORT_CHECKER_ONLY_OWN_ADDRESS}</td><td>{@code true}</td></tr>
 *   <tr><td>{@code trustedProxies}</td><td>{@code PORT_CHECKER_TRUSTED_PROXIES} (comma list)</td><td>empty</td></tr>
 * </table>
 *
 * @param host                bind address of the HTTP listener; not blank
 * @param port                HTTP listen port, 1..65535 (the seed's 9000, not {@code run.py}'s 7466 which collides
 *                            with the provider API)
 * @param retries             connection attempts per port <b>in total</b> (the original's meaning of "retries"), 1..10;
 *                            only timeouts and transient errors are retried, a refusal never is
 * @param retryDelaySeconds   pause between two attempts on the same port, in seconds, 0..60 (fractional allowed);
 *                            no pause after the last attempt
 * @param timeoutSeconds      TCP connect timeout per attempt, in seconds, &gt; 0 and &le; 60 (fractional allowed;
 *                            rounded to whole milliseconds, at least 1 ms)
 * @param debug               verbose logging
 * @param maxPortsPerRequest  most entries allowed in {@code ports} (duplicates count), 1..65535
 * @param maxConcurrentChecks connection attempts in flight across all requests (threads of the probe pool),
 *                            1..4096. Keep it &ge; {@code maxPortsPerRequest} so one request's ports all run in
 *                            parallel (its wall time is then one port's worst case); a smaller bound is allowed
 *                            but makes a large request take proportionally longer
 * @param rateLimitPerMinute  requests per minute per client address (an IPv6 client counts per /64), with bursts
 *                            of the same size; 0 disables the limit
 * @param allowPrivateTargets probe private, loopback, link-local, CGNAT and reserved addresses too
 * @param onlyOwnAddress      a caller may only probe its own address
 * @param trustedProxies      addresses or CIDR blocks of reverse proxies whose {@code X-Forwarded-For} is believed
 */
public record PortCheckerSettings(
        String host,
        int port,
        int retries,
        double retryDelaySeconds,
        double timeoutSeconds,
        boolean debug,
        int maxPortsPerRequest,
        int maxConcurrentChecks,
        int rateLimitPerMinute,
        boolean allowPrivateTargets,
        boolean onlyOwnAddress,
        List<String> trustedProxies) {

    /** Default of {@code PORT_CHECKER_HOST}. */
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** Default of {@code PORT_CHECKER_PORT}. */
    public static final int DEFAULT_PORT = 9000;
    /** Default of {@code PORT_CHECK_RETRIES} (attempts in total). */
    public static final int DEFAULT_RETRIES = 3;
    /** Default of {@code PORT_CHECK_RETRY_DELAY}, seconds. */
    public static final double DEFAULT_RETRY_DELAY_SECONDS = 1.0;
    /** Default of {@code PORT_CHECK_TIMEOUT}, seconds. */
    public static final double DEFAULT_TIMEOUT_SECONDS = 5.0;
    /** Default maximum number of ports per request. */
    public static final int DEFAULT_MAX_PORTS_PER_REQUEST = 100;
    /** Default global bound on connection attempts in flight (two full requests in parallel). */
    public static final int DEFAULT_MAX_CONCURRENT_CHECKS = 200;
    /** Default requests per minute per client address. */
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 30;

    /**
     * Validates every component (a null {@code trustedProxies} means none).
     *
     * @param host                see the class comment
     * @param port                see the class comment
     * @param retries             see the class comment
     * @param retryDelaySeconds   see the class comment
     * @param timeoutSeconds      see the class comment
     * @param debug               see the class comment
     * @param maxPortsPerRequest  see the class comment
     * @param maxConcurrentChecks see the class comment
     * @param rateLimitPerMinute  see the class comment
     * @param allowPrivateTargets see the class comment
     * @param onlyOwnAddress      see the class comment
     * @param trustedProxies      see the class comment
     * @throws IllegalArgumentException naming the first bad component
     * @throws NullPointerException     for a null {@code host}
     */
    public PortCheckerSettings {
        Objects.requireNonNull(host, "host");
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        require(!host.isBlank(), "host must not be blank");
        require(port >= 1 && port <= 65535, "port must be 1..65535, got " + port);
        require(retries >= 1 && retries <= 10, "retries (attempts per port) must be 1..10, got " + retries);
        require(Double.isFinite(retryDelaySeconds) && retryDelaySeconds >= 0 && retryDelaySeconds <= 60,
                "retryDelaySeconds must be 0..60, got " + retryDelaySeconds);
        require(Double.isFinite(timeoutSeconds) && timeoutSeconds > 0 && timeoutSeconds <= 60,
                "timeoutSeconds must be > 0 and <= 60, got " + timeoutSeconds);
        require(maxPortsPerRequest >= 1 && maxPortsPerRequest <= 65535,
                "maxPortsPerRequest must be 1..65535, got " + maxPortsPerRequest);
        require(maxConcurrentChecks >= 1 && maxConcurrentChecks <= 4096,
                "maxConcurrentChecks must be 1..4096, got " + maxConcurrentChecks);
        require(rateLimitPerMinute >= 0, "rateLimitPerMinute must be >= 0 (0 = unlimited), got " + rateLimitPerMinute);
        try {
            new ClientAddresses(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trustedProxies: " + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return the defaults of the table above */
    public static PortCheckerSettings defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder()
                .host(host).port(port).retries(retries).retryDelaySeconds(retryDelaySeconds)
                .timeoutSeconds(timeoutSeconds).debug(debug).maxPortsPerRequest(maxPortsPerRequest)
                .maxConcurrentChecks(maxConcurrentChecks).rateLimitPerMinute(rateLimitPerMinute)
                .allowPrivateTargets(allowPrivateTargets).onlyOwnAddress(onlyOwnAddress)
                .trustedProxies(trustedProxies);
    }

    /** @return the connect timeout per attempt, in whole milliseconds (at least 1) */
    public int timeoutMillis() {
        return (int) Math.max(1, Math.round(timeoutSeconds * 1000));
    }

    /** @return the pause between attempts */
    public Duration retryDelay() {
        return Duration.ofNanos(Math.round(retryDelaySeconds * 1e9));
    }

    /**
     * @return one port's worst case: {@code retries × timeout + (retries − 1) × delay} (3 × 5 s + 2 × 1 s = 17 s
     *         by default); a request whose ports all run in parallel takes about this long at most, plus queueing
     *         when more than {@code maxConcurrentChecks} attempts are due
     */
    public Duration worstCasePerPort() {
        return Duration.ofMillis((long) retries * timeoutMillis()).plus(retryDelay().multipliedBy(retries - 1L));
    }

    /** @return the target policy these settings describe */
    public TargetPolicy targetPolicy() {
        return new TargetPolicy(allowPrivateTargets, onlyOwnAddress);
    }

    /** @return the caller-address resolver trusting {@link #trustedProxies()} */
    public ClientAddresses clientAddresses() {
        return new ClientAddresses(trustedProxies);
    }

    /** Mutable builder starting from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int retries = DEFAULT_RETRIES;
        private double retryDelaySeconds = DEFAULT_RETRY_DELAY_SECONDS;
        private double timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        private boolean debug;
        private int maxPortsPerRequest = DEFAULT_MAX_PORTS_PER_REQUEST;
        private int maxConcurrentChecks = DEFAULT_MAX_CONCURRENT_CHECKS;
        private int rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE;
        private boolean allowPrivateTargets;
        private boolean onlyOwnAddress = true;
        private List<String> trustedProxies = List.of();

        private Builder() {
        }

        /**
         * @param v bind address
         * @return this builder
         */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /**
         * @param v listen port
         * @return this builder
         */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /**
         * @param v attempts per port in total
         * @return this builder
         */
        public Builder retries(int v) {
            retries = v;
            return this;
        }

        /**
         * @param v pause between attempts, seconds
         * @return this builder
         */
        public Builder retryDelaySeconds(double v) {
            retryDelaySeconds = v;
            return this;
        }

        /**
         * @param v connect timeout per attempt, seconds
         * @return this builder
         */
        public Builder timeoutSeconds(double v) {
            timeoutSeconds = v;
            return this;
        }

        /**
         * @param v verbose logging
         * @return this builder
         */
        public Builder debug(boolean v) {
            debug = v;
            return this;
        }

        /**
         * @param v most ports per request
         * @return this builder
         */
        public Builder maxPortsPerRequest(int v) {
            maxPortsPerRequest = v;
            return this;
        }

        /**
         * @param v connection attempts in flight across all requests
         * @return this builder
         */
        public Builder maxConcurrentChecks(int v) {
            maxConcurrentChecks = v;
            return this;
        }

        /**
         * @param v requests per minute per client, 0 = unlimited
         * @return this builder
         */
        public Builder rateLimitPerMinute(int v) {
            rateLimitPerMinute = v;
            return this;
        }

        /**
         * @param v probe non-public unicast targets too
         * @return this builder
         */
        public Builder allowPrivateTargets(boolean v) {
            allowPrivateTargets = v;
            return this;
        }

        /**
         * @param v a caller may only probe its own address
         * @return this builder
         */
        public Builder onlyOwnAddress(boolean v) {
            onlyOwnAddress = v;
            return this;
        }

        /**
         * @param v trusted proxy addresses or CIDR blocks
         * @return this builder
         */
        public Builder trustedProxies(List<String> v) {
            trustedProxies = v;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException when a value is out of range (see {@link PortCheckerSettings})
         */
        public PortCheckerSettings build() {
            return new PortCheckerSettings(host, port, retries, retryDelaySeconds, timeoutSeconds, debug,
                    maxPortsPerRequest, maxConcurrentChecks, rateLimitPerMinute, allowPrivateTargets, onlyOwnAddress,
                    trustedProxies);
        }
    }
}
