package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.money.Pricing;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.requestor.PriceEstimate;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.golem.vm.requestor.application.port.ProviderDirectory;
import org.golem.vm.requestor.application.port.ProviderQuery;
import org.golem.vm.requestor.config.RequestorSettings;

/**
 * Finding providers (through the {@link ProviderDirectory} adapters: the central discovery service and the
 * ProviderRegistry on the payments chain, merged) and pricing a VM on one: the monthly estimate and the
 * exact stream rate.
 *
 * <p>Rate (wei per second, rounded up so a provider's check never fails by rounding): from the provider's exact
 * {@code wei_per_*_month} prices when advertised ({@code ceil(Σ wei_per_unit × units / 2 628 000)}), else from its
 * USD prices and token price ({@link Pricing#ratePerSecondWei}), else from its token prices per month (the original
 * Python requestor truncated a double and paid GLM-denominated figures in ETH).
 */
@ApplicationScoped
public class Providers {

    @Inject
    RequestorSettings settings;

    private static final Logger LOG = Logger.getLogger(Providers.class.getName());

    /** The {@code discovery} value that asks every configured source. */
    public static final String ALL = "all";

    /** Every provider directory (each adapter of the port); tests set fakes. */
    List<ProviderDirectory> directories = List.of();

    @Inject
    void directories(@Any Instance<ProviderDirectory> found) {
        directories = found.stream().toList();
    }

    /** An advertisement and the source that listed it ({@link ProviderListing#CENTRAL}, {@link ProviderListing#CHAIN}). */
    record Found(Advertisement advertisement, String source) {
    }

    /**
     * The live advertisements of the configured sources ({@code golem.requestor.discovery}), merged.
     *
     * @param query the filters
     * @return matching live advertisements
     * @throws DomainException 422 DISCOVERY_NOT_CONFIGURED, 503 DISCOVERY_UNREACHABLE
     */
    public List<Advertisement> search(ProviderQuery query) {
        return search(query, null).stream().map(Found::advertisement).toList();
    }

    /**
     * Asks the sources {@code discovery} names and merges their answers by provider id (case-insensitive): the entry
     * with the newer {@code updated_at} wins (the first source's on a tie). The result keeps the sources' order:
     * the central service's first (its freshest-first order), then what only the chain lists (newest first).
     *
     * @param discovery {@code chain}, {@code central}, {@code all} or null (= all: the configured sources)
     * @throws DomainException 422 VALIDATION_ERROR (unknown value), 422 DISCOVERY_NOT_CONFIGURED (a source asked for
     *                         explicitly, or named by the setting, that is not configured; or none is), 503
     *                         DISCOVERY_UNREACHABLE when every asked source fails (the message names each and why)
     */
    List<Found> search(ProviderQuery query, String discovery) {
        List<ProviderDirectory> asked = select(discovery);
        Map<String, Found> merged = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (ProviderDirectory d : asked) {
            List<Advertisement> ads;
            try {
                ads = d.search(query);
            } catch (IOException | RuntimeException e) {
                failures.add(d.source() + ": " + e.getMessage());
                continue;
            }
            for (Advertisement a : ads) {
                if (a.providerId() == null) {
                    continue;
                }
                Found f = new Found(a, d.source());
                merged.merge(a.providerId().toLowerCase(Locale.ROOT), f,
                        (old, neu) -> updated(neu) > updated(old) ? neu : old);
            }
        }
        if (failures.size() == asked.size()) {
            throw new DomainException(Refusal.UNAVAILABLE, "DISCOVERY_UNREACHABLE", "no provider source answered: "
                    + String.join("; ", failures) + "; check that the discovery service runs and"
                    + " GOLEM_REQUESTOR_DISCOVERY_URL names it, or that the payments chain (GOLEM_REQUESTOR_RPC_URL)"
                    + " answers");
        }
        failures.forEach(f -> LOG.warning(() -> "provider source failed, listing the others: " + f));
        return List.copyOf(merged.values());
    }

    private static long updated(Found f) {
        String t = f.advertisement().updatedAt();
        if (t == null) {
            return Long.MIN_VALUE;
        }
        try {
            Instant i = WireTime.parse(t);
            return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * @param discovery {@code chain}, {@code central}, {@code all} or null
     * @return the directories to ask, in the order {@code central}, {@code chain}
     */
    List<ProviderDirectory> select(String discovery) {
        String d = discovery == null || discovery.isBlank() ? ALL : discovery.trim().toLowerCase(Locale.ROOT);
        if (!d.equals(ALL) && !d.equals(ProviderListing.CHAIN) && !d.equals(ProviderListing.CENTRAL)) {
            throw Refusals.invalid("discovery: must be " + ProviderListing.CHAIN + ", " + ProviderListing.CENTRAL
                    + " or " + ALL);
        }
        if (!d.equals(ALL)) {
            return List.of(configured(d, "it was asked for"));
        }
        Optional<String> setting = settings.discovery();
        if (setting.isPresent()) {
            List<ProviderDirectory> out = new ArrayList<>();
            for (String name : setting.get().split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                if (!n.equals(ProviderListing.CHAIN) && !n.equals(ProviderListing.CENTRAL)) {
                    throw notConfigured("GOLEM_REQUESTOR_DISCOVERY names an unknown source '" + n
                            + "' (use a comma list of chain, central)");
                }
                ProviderDirectory p = configured(n, "GOLEM_REQUESTOR_DISCOVERY names it");
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
            if (!out.isEmpty()) {
                return sorted(out);
            }
        }
        List<ProviderDirectory> out = directories.stream().filter(ProviderDirectory::configured).toList();
        if (out.isEmpty()) {
            throw notConfigured("no provider source is configured: set GOLEM_REQUESTOR_DISCOVERY_URL (central) or"
                    + " deploy/name a ProviderRegistry (GOLEM_REQUESTOR_REGISTRY_ADDRESS, chain)");
        }
        return sorted(out);
    }

    private static List<ProviderDirectory> sorted(List<ProviderDirectory> dirs) {
        return dirs.stream().sorted(java.util.Comparator.comparing(
                (ProviderDirectory p) -> !ProviderListing.CENTRAL.equals(p.source()))).toList();
    }

    private ProviderDirectory configured(String source, String why) {
        ProviderDirectory p = directories.stream().filter(x -> x.source().equals(source)).findFirst().orElse(null);
        if (p == null || !p.configured()) {
            throw notConfigured("provider source " + source + " is not configured but " + why + ": "
                    + (ProviderListing.CHAIN.equals(source)
                    ? "no ProviderRegistry is known for payments network " + settings.paymentsNetwork()
                            + " (set GOLEM_REQUESTOR_REGISTRY_ADDRESS or provide a deployment file naming one)"
                    : "set GOLEM_REQUESTOR_DISCOVERY_URL"));
        }
        return p;
    }

    private static DomainException notConfigured(String message) {
        return new DomainException(Refusal.UNPROCESSABLE, "DISCOVERY_NOT_CONFIGURED", message);
    }

    /**
     * The providers a user may rent from, each with the price of {@code resources} when given.
     *
     * @param cpu             minimum free cores, or null
     * @param memory          minimum free GiB RAM, or null
     * @param storage         minimum free GiB disk, or null
     * @param country         country code, or null
     * @param platform        platform, or null
     * @param paymentsNetwork the payments network providers must accept; null for ours
     * @param allPayments     true: providers of every payments network
     * @return the listings; {@code estimate} only when cpu, memory and storage are all given and the prices allow
     *         one
     * @throws DomainException 503 DISCOVERY_UNREACHABLE
     */
    public List<ProviderListing> list(Integer cpu, Integer memory, Integer storage, String country, String platform,
                                      String paymentsNetwork, boolean allPayments) {
        return list(cpu, memory, storage, country, platform, paymentsNetwork, allPayments, null, null);
    }

    /**
     * The same, keeping only the providers that advertise the egress policy {@code egress} (filtered here: discovery
     * does not filter on it; a provider that advertises no policy matches none), from the sources {@code discovery}
     * names.
     *
     * @param egress    {@code open}, {@code none}, {@code allow-list}, or null for any
     * @param discovery {@code chain}, {@code central}, {@code all}, or null (= all: the configured sources)
     * @return the listings, each with its {@code source}
     * @throws DomainException 422 {@code VALIDATION_ERROR} for another egress or discovery name, 422
     *                         DISCOVERY_NOT_CONFIGURED, 503 DISCOVERY_UNREACHABLE
     */
    public List<ProviderListing> list(Integer cpu, Integer memory, Integer storage, String country, String platform,
                                      String paymentsNetwork, boolean allPayments, String egress,
                                      String discovery) {
        if (egress != null && !new EgressPolicy(egress, null).known()) {
            throw Refusals.invalid("egress: must be " + EgressPolicy.OPEN + ", " + EgressPolicy.NONE + " or "
                    + EgressPolicy.ALLOW_LIST);
        }
        ProviderQuery q = new ProviderQuery(cpu, memory, storage, country, platform,
                allPayments ? null : paymentsNetwork != null ? paymentsNetwork : settings.paymentsNetwork(),
                settings.network().orElse(null));
        Resources wanted = cpu != null && memory != null && storage != null
                ? new Resources(cpu, memory, storage) : null;
        return search(q, discovery).stream()
                .filter(f -> egress == null || (f.advertisement().egress() != null
                        && egress.equals(f.advertisement().egress().policy())))
                .map(f -> {
                    PriceEstimate e = wanted == null ? null : estimate(f.advertisement().pricing(), wanted);
                    return new ProviderListing(f.advertisement(), e == null || e.empty() ? null : e, f.source());
                }).toList();
    }

    /**
     * @param providerId provider address (any case)
     * @return its live advertisement from the configured sources (the newest when several list it)
     * @throws DomainException 404 PROVIDER_NOT_FOUND (naming the sources searched), 422 DISCOVERY_NOT_CONFIGURED,
     *                         503 DISCOVERY_UNREACHABLE
     */
    public Advertisement find(String providerId) {
        List<ProviderDirectory> asked = select(null);
        return search(ProviderQuery.ANY, null).stream().map(Found::advertisement)
                .filter(a -> a.providerId() != null && a.providerId().equalsIgnoreCase(providerId))
                .findFirst().orElseThrow(() -> new DomainException(Refusal.NOT_FOUND, "PROVIDER_NOT_FOUND",
                        "provider " + providerId + " is not listed by "
                                + String.join(" or ", asked.stream().map(Providers::describe).toList())
                                + " (offline or never advertised)"));
    }

    private static String describe(ProviderDirectory d) {
        return ProviderListing.CHAIN.equals(d.source()) ? "the ProviderRegistry on the payments chain (chain)"
                : "the discovery service (central)";
    }

    /**
     * @param pricing   a provider's prices (advertised or from its {@code /provider/info})
     * @param resources cores, GiB RAM, GiB disk
     * @return the estimate; fields are null when the prices do not allow them
     */
    public static PriceEstimate estimate(AdvertisedPricing pricing, Resources resources) {
        return estimate(pricing, resources, 0);
    }

    /**
     * Like {@link #estimate(AdvertisedPricing, Resources)} for a VM with forwarded guest ports besides SSH: each adds
     * the provider's price per port and month ({@code usd_per_port_month}, {@code wei_per_port_month}; absent: free)
     * to the monthly price before the rate is rounded up, as the provider computes the rate it requires.
     *
     * @param pricing   the provider's advertised prices, or null
     * @param resources cores, GiB RAM, GiB disk
     * @param ports     guest TCP ports forwarded besides SSH, ≥ 0
     * @return the estimate; fields are null when the prices do not allow them
     */
    public static PriceEstimate estimate(AdvertisedPricing pricing, Resources resources, int ports) {
        if (pricing == null) {
            return new PriceEstimate(null, null, null, null, null);
        }
        BigDecimal usdPorts = pricing.usdPerPortMonth() == null ? BigDecimal.ZERO
                : pricing.usdPerPortMonth().multiply(BigDecimal.valueOf(ports));
        BigDecimal usd = pricing.usd() == null ? null
                : Pricing.usdPerMonth(pricing.usd(), resources).add(usdPorts).setScale(4, RoundingMode.HALF_UP);
        BigDecimal usdHour = usd == null ? null
                : usd.divide(BigDecimal.valueOf(Pricing.HOURS_PER_MONTH), 6, RoundingMode.HALF_UP);
        BigDecimal tokenMonth = null;
        if (pricing.glmPerCoreMonth() != null && pricing.glmPerGbRamMonth() != null
                && pricing.glmPerGbStorageMonth() != null) {
            tokenMonth = pricing.glmPerCoreMonth().multiply(BigDecimal.valueOf(resources.cpu()))
                    .add(pricing.glmPerGbRamMonth().multiply(BigDecimal.valueOf(resources.memoryGib())))
                    .add(pricing.glmPerGbStorageMonth().multiply(BigDecimal.valueOf(resources.storageGib())))
                    .setScale(8, RoundingMode.HALF_UP);
        }
        BigInteger rate = null;
        if (pricing.weiPerCoreMonth() != null && pricing.weiPerGbRamMonth() != null
                && pricing.weiPerGbStorageMonth() != null) {
            BigInteger perMonth = pricing.weiPerCoreMonth().multiply(BigInteger.valueOf(resources.cpu()))
                    .add(pricing.weiPerGbRamMonth().multiply(BigInteger.valueOf(resources.memoryGib())))
                    .add(pricing.weiPerGbStorageMonth().multiply(BigInteger.valueOf(resources.storageGib())));
            if (pricing.weiPerPortMonth() != null) {
                perMonth = perMonth.add(pricing.weiPerPortMonth().multiply(BigInteger.valueOf(ports)));
            }
            BigInteger s = BigInteger.valueOf(Pricing.SECONDS_PER_MONTH);
            rate = perMonth.add(s).subtract(BigInteger.ONE).divide(s);
        } else if (pricing.usd() != null && pricing.tokenUsdPrice() != null && pricing.tokenDecimals() != null) {
            rate = Pricing.ratePerSecondWei(pricing.usd(), resources, ports, pricing.usdPerPortMonth(),
                    pricing.tokenUsdPrice(), pricing.tokenDecimals());
        } else if (tokenMonth != null) {
            rate = Pricing.ratePerSecondWei(tokenMonth, BigDecimal.ONE, 18);
        }
        return new PriceEstimate(usd, usdHour, tokenMonth, rate, rate == null ? null
                : rate.multiply(BigInteger.valueOf(Pricing.SECONDS_PER_HOUR)));
    }
}
