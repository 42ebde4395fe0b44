package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
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
 * Finding providers (through the {@link ProviderDirectory}) and pricing a VM on one: the monthly estimate and the
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

    @Inject
    ProviderDirectory directory;

    /**
     * @param query the filters
     * @return matching live advertisements
     * @throws DomainException 503 DISCOVERY_UNREACHABLE
     */
    public List<Advertisement> search(ProviderQuery query) {
        try {
            return directory.search(query);
        } catch (IOException e) {
            throw new DomainException(Refusal.UNAVAILABLE, "DISCOVERY_UNREACHABLE", e.getMessage()
                    + "; check that it runs and GOLEM_REQUESTOR_DISCOVERY_URL names it");
        }
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
        return list(cpu, memory, storage, country, platform, paymentsNetwork, allPayments, null);
    }

    /**
     * The same, keeping only the providers that advertise the egress policy {@code egress} (filtered here: discovery
     * does not filter on it; a provider that advertises no policy matches none).
     *
     * @param egress {@code open}, {@code none}, {@code allow-list}, or null for any
     * @throws DomainException 422 {@code VALIDATION_ERROR} for another egress name, 503 DISCOVERY_UNREACHABLE
     */
    public List<ProviderListing> list(Integer cpu, Integer memory, Integer storage, String country, String platform,
                                      String paymentsNetwork, boolean allPayments, String egress) {
        if (egress != null && !new EgressPolicy(egress, null).known()) {
            throw Refusals.invalid("egress: must be " + EgressPolicy.OPEN + ", " + EgressPolicy.NONE + " or "
                    + EgressPolicy.ALLOW_LIST);
        }
        ProviderQuery q = new ProviderQuery(cpu, memory, storage, country, platform,
                allPayments ? null : paymentsNetwork != null ? paymentsNetwork : settings.paymentsNetwork(),
                settings.network().orElse(null));
        Resources wanted = cpu != null && memory != null && storage != null
                ? new Resources(cpu, memory, storage) : null;
        return search(q).stream()
                .filter(a -> egress == null || (a.egress() != null && egress.equals(a.egress().policy())))
                .map(a -> {
            PriceEstimate e = wanted == null ? null : estimate(a.pricing(), wanted);
            return new ProviderListing(a, e == null || e.empty() ? null : e);
        }).toList();
    }

    /**
     * @param providerId provider address (any case)
     * @return its live advertisement
     * @throws DomainException 404 PROVIDER_NOT_FOUND, 503 DISCOVERY_UNREACHABLE
     */
    public Advertisement find(String providerId) {
        return search(ProviderQuery.ANY).stream()
                .filter(a -> a.providerId() != null && a.providerId().equalsIgnoreCase(providerId))
                .findFirst().orElseThrow(() -> new DomainException(Refusal.NOT_FOUND, "PROVIDER_NOT_FOUND",
                        "provider " + providerId + " is not listed by discovery (offline or never advertised)"));
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
