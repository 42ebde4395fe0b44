package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.money.Pricing;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.infrastructure.DiscoveryClient;

/**
 * Finding providers (central discovery) and pricing a VM on one: the monthly estimate and the exact stream rate.
 *
 * <p>Rate (wei per second, rounded up so a provider's check never fails by rounding): from the provider's exact
 * {@code wei_per_*_month} prices when advertised ({@code ceil(Σ wei_per_unit × units / 2 628 000)}), else from its
 * USD prices and token price ({@link Pricing#ratePerSecondWei}), else from its token prices per month (FLAW fixed:
 * the original truncated a double and paid GLM-denominated figures in ETH).
 */
@ApplicationScoped
public class Providers {

    @Inject
    RequestorSettings settings;

    /**
     * The monthly estimate of some resources at a provider.
     *
     * @param usdPerMonth         USD per month (4 decimals) or null when the provider has no USD prices
     * @param usdPerHour          USD per hour (6 decimals) or null
     * @param tokenPerMonth       whole tokens per month (8 decimals) or null
     * @param ratePerSecondWei    the stream rate to pay, wei per second, or null when not computable
     * @param depositWeiPerHour   the deposit for one hour, wei, or null
     */
    public record Estimate(BigDecimal usdPerMonth, BigDecimal usdPerHour, BigDecimal tokenPerMonth,
                           BigInteger ratePerSecondWei, BigInteger depositWeiPerHour) {
    }

    /**
     * @param filters discovery query parameters (null values ignored)
     * @return matching live advertisements
     * @throws ApiException 503 DISCOVERY_UNREACHABLE
     */
    public List<Advertisement> search(Map<String, Object> filters) {
        try {
            return new DiscoveryClient(settings.discoveryUrl()).search(filters);
        } catch (IOException e) {
            throw new ApiException(503, "DISCOVERY_UNREACHABLE", e.getMessage()
                    + "; check that it runs and GOLEM_REQUESTOR_DISCOVERY_URL names it");
        }
    }

    /**
     * @param providerId provider address (any case)
     * @return its live advertisement
     * @throws ApiException 404 PROVIDER_NOT_FOUND, 503 DISCOVERY_UNREACHABLE
     */
    public Advertisement find(String providerId) {
        Map<String, Object> none = new LinkedHashMap<>();
        return search(none).stream().filter(a -> a.providerId() != null && a.providerId().equalsIgnoreCase(providerId))
                .findFirst().orElseThrow(() -> new ApiException(404, "PROVIDER_NOT_FOUND",
                        "provider " + providerId + " is not listed by discovery (offline or never advertised)"));
    }

    /**
     * @param pricing   a provider's prices (advertised or from its {@code /provider/info})
     * @param resources cores, GiB RAM, GiB disk
     * @return the estimate; fields are null when the prices do not allow them
     */
    public static Estimate estimate(AdvertisedPricing pricing, Resources resources) {
        if (pricing == null) {
            return new Estimate(null, null, null, null, null);
        }
        BigDecimal usd = pricing.usd() == null ? null
                : Pricing.usdPerMonth(pricing.usd(), resources).setScale(4, RoundingMode.HALF_UP);
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
            BigInteger s = BigInteger.valueOf(Pricing.SECONDS_PER_MONTH);
            rate = perMonth.add(s).subtract(BigInteger.ONE).divide(s);
        } else if (pricing.usd() != null && pricing.tokenUsdPrice() != null && pricing.tokenDecimals() != null) {
            rate = Pricing.ratePerSecondWei(pricing.usd(), resources, pricing.tokenUsdPrice(), pricing.tokenDecimals());
        } else if (tokenMonth != null) {
            rate = Pricing.ratePerSecondWei(tokenMonth, BigDecimal.ONE, 18);
        }
        return new Estimate(usd, usdHour, tokenMonth, rate, rate == null ? null
                : rate.multiply(BigInteger.valueOf(Pricing.SECONDS_PER_HOUR)));
    }
}
