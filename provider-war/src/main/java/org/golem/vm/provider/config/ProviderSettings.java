package org.golem.vm.provider.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.golem.vm.common.config.ServiceSettings;
import org.golem.vm.common.money.UsdPricing;
import org.golem.vm.provider.domain.egress.Egress;

/**
 * Every provider setting, by its MicroProfile Config name ({@code golem.provider.*}; environment
 * {@code GOLEM_PROVIDER_*}). Defaults live in {@code META-INF/microprofile-config.properties} and are listed in
 * the README ("Provider settings").
 *
 * <p>Settings the operator may change at run time ({@link #LIVE_KEYS}: prices, monitor and withdraw settings, the
 * minimum runway) are read on every use, {@link OperatorSettings} first, so a change made through the admin API
 * applies at once and survives a restart. Everything else is read when first needed.
 *
 * <p>Bad values fail loudly with the key's name ({@link IllegalStateException}), never silently default.
 */
@ApplicationScoped
public class ProviderSettings extends ServiceSettings {

    /** Prefix of every key. */
    public static final String PREFIX = "golem.provider.";

    /** Keys the operator may change at run time through the admin API. */
    public static final java.util.Set<String> LIVE_KEYS = java.util.Set.of(
            "pricing.usd-per-core-month", "pricing.usd-per-gb-ram-month", "pricing.usd-per-gb-storage-month",
            "pricing.token-usd-price", "stream.min-runway-seconds",
            "monitor.enabled", "monitor.interval-seconds", "monitor.stopped-retention-seconds",
            "withdraw.enabled", "withdraw.interval-seconds", "withdraw.min-wei");

    private volatile OperatorSettings operator;

    /** Creates the settings reader for {@code golem.provider.*}. */
    public ProviderSettings() {
        super(PREFIX, ProviderSettings.class);
    }

    /** @return the operator's persisted overrides (in the data directory) */
    public OperatorSettings operator() {
        if (operator == null) {
            operator = OperatorSettings.forDataDir(dataDir());
        }
        return operator;
    }

    /**
     * @param key key without the {@code golem.provider.} prefix
     * @return the value: the operator's override for live keys, else MicroProfile Config; empty when unset or blank
     */
    @Override
    public Optional<String> raw(String key) {
        if (LIVE_KEYS.contains(key)) {
            Optional<String> o = operator().get(PREFIX + key);
            if (o.isPresent()) {
                return o;
            }
        }
        return configured(key);
    }

    /**
     * @param key key without the {@code golem.provider.} prefix
     * @return the MicroProfile Config value, without the operator's overrides; empty when unset or blank
     */
    protected Optional<String> configured(String key) {
        return super.raw(key);
    }

    // ---- identity, network, files

    /** @return the data directory: keys, admin token, H2 database, VM disks, images (default ~/.golem/provider) */
    public Path dataDir() {
        return Path.of(required("data-dir")).toAbsolutePath().normalize();
    }

    /** @return file of the provider's private key (created with mode 0600 on first start when missing) */
    public Path privateKeyFile() {
        return raw("private-key-file").map(Path::of).orElse(dataDir().resolve("provider.key"));
    }

    /** @return file of the admin bearer token (created with mode 0600 on first start when missing) */
    public Path adminTokenFile() {
        return raw("admin.token-file").map(Path::of).orElse(dataDir().resolve("admin.token"));
    }

    /** @return comma-separated addresses / CIDR blocks allowed to call admin routes (default loopback only) */
    public String adminAllowedAddresses() {
        return required("admin.allowed-addresses");
    }

    /** @return TCP port of the API (default 7466), advertised as {@code api_port} */
    public int apiPort() {
        return (int) longValue("port");
    }

    /** @return host name or IP requestors use for SSH and the API; empty = the host a request was sent to */
    public Optional<String> publicHost() {
        return raw("public-host");
    }

    /** @return ISO 3166 alpha-2 country advertised (default SE, as the original) */
    public String country() {
        return required("country");
    }

    /** @return name advertised to requestors */
    public String providerName() {
        return required("provider-name");
    }

    /** @return logical network advertised ({@code development}, {@code testnet}, {@code mainnet}) */
    public String network() {
        return required("network");
    }

    /** @return {@code production} or {@code development} (reported in the summary) */
    public String environment() {
        return required("environment");
    }

    // ---- chain and payments

    /** @return false only when the operator rents VMs for free ({@code payments.enabled=false}) */
    public boolean paymentsEnabled() {
        return bool("payments.enabled");
    }

    /** @return the JSON-RPC URL of the payments chain */
    public String rpcUrl() {
        return required("rpc-url");
    }

    /** @return name of the payments network; also the deployment file's base name ({@code <name>.json}) */
    public String paymentsNetwork() {
        return required("payments-network");
    }

    /** @return directory of deployment files (default {@code <data-dir>/deployments}) */
    public Path deploymentsDir() {
        return raw("deployments-dir").map(Path::of).orElse(dataDir().resolve("deployments"));
    }

    /** @return StreamPayment address when set explicitly (else it comes from the deployment file) */
    public Optional<String> streamPaymentAddress() {
        return raw("stream-payment-address");
    }

    /** @return stream token address when set explicitly (zero address = native ETH) */
    public Optional<String> tokenAddress() {
        return raw("token-address");
    }

    /** @return decimals of the stream token (18 for ETH and GLM) */
    public int tokenDecimals() {
        return (int) longValue("token-decimals");
    }

    /** @return symbol shown for amounts of the stream token */
    public String tokenSymbol() {
        return required("token-symbol");
    }

    /** @return the operator's USD prices per core, GiB RAM and GiB disk per month (live) */
    public UsdPricing usdPricing() {
        return new UsdPricing(decimal("pricing.usd-per-core-month"), decimal("pricing.usd-per-gb-ram-month"),
                decimal("pricing.usd-per-gb-storage-month"));
    }

    /** @return USD per whole stream token used to convert prices (live; a price feed may refresh it) */
    public BigDecimal tokenUsdPrice() {
        return decimal("pricing.token-usd-price");
    }

    /** @return optional URL of a USD price feed for the token */
    public Optional<String> priceFeedUrl() {
        return raw("pricing.feed-url");
    }

    /** @return seconds between price feed reads */
    public long priceFeedIntervalSeconds() {
        return Math.max(10, longValue("pricing.feed-interval-seconds"));
    }

    /** @return seconds of paid time a stream must have left when a VM is created or started (live) */
    public long minRunwaySeconds() {
        return longValue("stream.min-runway-seconds");
    }

    /** @return whether the stream monitor runs (live) */
    public boolean monitorEnabled() {
        return bool("monitor.enabled");
    }

    /** @return seconds between stream monitor ticks (live) */
    public long monitorIntervalSeconds() {
        return Math.max(1, longValue("monitor.interval-seconds"));
    }

    /** @return seconds a VM stopped for lack of payment is kept before it is deleted (live) */
    public long stoppedRetentionSeconds() {
        return longValue("monitor.stopped-retention-seconds");
    }

    /** @return whether vested wei are withdrawn automatically (live) */
    public boolean withdrawEnabled() {
        return bool("withdraw.enabled");
    }

    /** @return minimum seconds between two automatic withdrawals of one stream (live) */
    public long withdrawIntervalSeconds() {
        return Math.max(0, longValue("withdraw.interval-seconds"));
    }

    /** @return smallest withdrawable amount, in wei, worth an automatic withdrawal (live) */
    public BigInteger withdrawMinWei() {
        return new BigInteger(required("withdraw.min-wei"));
    }

    // ---- capacity and advertising

    /** @return configured capacity overrides: key → value for cpu, memory-gib, storage-gib (absent = measured) */
    public Map<String, Long> capacityOverrides() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String k : new String[] {"cpu", "memory-gib", "storage-gib"}) {
            raw("capacity." + k).ifPresent(v -> out.put(k, Long.parseLong(v)));
        }
        return out;
    }

    /** @return most VMs this provider runs at once (the original's MAX_VMS, now enforced) */
    public int maxVms() {
        return (int) longValue("capacity.max-vms");
    }

    /**
     * @return most guest TCP ports one VM may forward besides SSH ({@code GOLEM_PROVIDER_MAX_PORTS}, default 4; 0
     *         offers none), each taking one port of the SSH port range
     * @throws IllegalStateException when negative
     */
    public int maxPorts() {
        long n = longValue("max-ports");
        if (n < 0 || n > 65534) {
            throw new IllegalStateException(PREFIX + "max-ports must be 0..65534: " + n);
        }
        return (int) n;
    }

    /**
     * @return USD per forwarded guest port (besides SSH) per month ({@code GOLEM_PROVIDER_PRICE_PER_PORT_USD_MONTH},
     *         default 0: ports are free), converted to wei like the other prices
     * @throws IllegalStateException when negative
     */
    public BigDecimal pricePerPortUsdMonth() {
        BigDecimal usd = decimal("price-per-port-usd-month");
        if (usd.signum() < 0) {
            throw new IllegalStateException(PREFIX + "price-per-port-usd-month must not be negative: " + usd);
        }
        return usd;
    }

    /** @return minimum free cores, GiB RAM, GiB disk below which the provider does not advertise */
    public long[] advertiseMinimum() {
        return new long[] {longValue("advertise.min-cpu"), longValue("advertise.min-memory-gib"),
                longValue("advertise.min-storage-gib")};
    }

    /** @return discovery service base URL; empty = do not advertise */
    public Optional<String> discoveryUrl() {
        return raw("discovery-url");
    }

    /** Destination names of {@code golem.provider.advertise}. */
    public static final List<String> ADVERTISE_DESTINATIONS = List.of("chain", "central");

    /**
     * {@code golem.provider.advertise}: where the provider advertises, a comma list of {@code chain} (the
     * ProviderRegistry contract) and {@code central} (the discovery service).
     *
     * @return the destinations named, lower case, in order; empty when unset (every configured one)
     * @throws IllegalStateException when a name is neither {@code chain} nor {@code central}
     */
    public List<String> advertiseDestinations() {
        List<String> out = new ArrayList<>();
        for (String part : raw("advertise").orElse("").split(",")) {
            String name = part.trim().toLowerCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!ADVERTISE_DESTINATIONS.contains(name)) {
                throw new IllegalStateException("golem.provider.advertise: unknown destination '" + part.trim()
                        + "' (allowed: chain, central, comma separated; unset = every configured one)");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** @return an explicit ProviderRegistry address ({@code golem.provider.registry-address}), else empty */
    public Optional<String> registryAddress() {
        return raw("registry-address");
    }

    /**
     * @return the registry entry's time to live, seconds ({@code golem.provider.registry.ttl-seconds}, default
     *         21600, at least 120: the contract refuses less than 60 and the entry is renewed at half)
     */
    public long registryTtlSeconds() {
        return Math.max(120, longValue("registry.ttl-seconds"));
    }

    /** @return seconds between advertisements */
    public long advertiseIntervalSeconds() {
        return Math.max(5, longValue("advertise.interval-seconds"));
    }

    // ---- VM runtime

    /** @return {@code qemu} or {@code multipass} */
    public String vmDriver() {
        return required("vm.driver");
    }

    /** @return the image used when a request names none (or the original's default "24.04") */
    public String defaultImage() {
        return required("vm.default-image");
    }

    /** @return image catalog entries, {@code name=path,name.user=login,...} parsed into a map */
    public Map<String, String> images() {
        Map<String, String> out = new LinkedHashMap<>();
        raw("vm.images").ifPresent(v -> {
            for (String entry : v.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException("setting " + PREFIX + "vm.images: expected name=path, got " + e);
                }
                out.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip());
            }
        });
        return out;
    }

    /** @return seconds a new VM may take to answer SSH */
    public long bootTimeoutSeconds() {
        return longValue("vm.boot-timeout-seconds");
    }

    /** @return first port of the SSH range (inclusive) */
    public int sshPortFirst() {
        return (int) longValue("ssh.port-range-start");
    }

    /** @return last port of the SSH range (inclusive) */
    public int sshPortLast() {
        return (int) longValue("ssh.port-range-end");
    }

    /** @return address the SSH forwards listen on */
    public String sshBindAddress() {
        return required("ssh.bind-address");
    }

    /** @return {@code auto}, {@code kvm} or {@code tcg} */
    public String qemuAccel() {
        return required("qemu.accel");
    }

    /** @return seconds a stop waits for an ACPI power-off before a hard stop */
    public long qemuAcpiGraceSeconds() {
        return longValue("qemu.acpi-grace-seconds");
    }

    /**
     * @return the egress policy: {@code egress} ({@code open}, {@code none} or {@code allow-list}; default open) and,
     *         for allow-list, {@code egress.allow} (comma-separated {@code host|ip|cidr[:port[-port]]})
     * @throws IllegalStateException naming the setting when either is invalid
     */
    public Egress egress() {
        try {
            return Egress.parse(raw("egress").orElse(Egress.Mode.OPEN.wireName()), raw("egress.allow").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting " + PREFIX + "egress / " + PREFIX + "egress.allow: "
                    + e.getMessage(), e);
        }
    }

    /** @return the {@code multipass} executable */
    public String multipassExecutable() {
        return required("multipass.executable");
    }

    /** @return whether VMs are stopped when the provider shuts down (default false: they keep running) */
    public boolean stopVmsOnExit() {
        return bool("stop-vms-on-exit");
    }
}
