package org.golem.vm.cli.requestor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.requestor.PriceEstimate;
import org.golem.vm.common.wire.requestor.ProviderList;
import org.golem.vm.common.wire.requestor.ProviderListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code golem vm providers}: {@code GET /api/v1/providers} with the filters as query parameters.
 *
 * <p>JSON ({@code --json}): the service's {@code {"providers": [...]}}, each provider with an {@code estimate}
 * when {@code --cpu}, {@code --memory} and {@code --storage} are all given. Text: a table with the advertised
 * monthly unit prices in USD, egress policy ({@code --egress} keeps one policy) and source ({@code chain}: the
 * ProviderRegistry on the payments chain, {@code central}: the discovery service; {@code --discovery} picks), and
 * with a full spec the
 * columns {@code Est. $/mo} and {@code Est. <SYMBOL>/mo}.
 */
@Command(name = "providers", description = "List providers offering VMs (by default those of our payments "
        + "network); with --cpu, --memory and --storage also the estimated cost.")
final class VmProvidersCommand extends BaseCommand {

    /** Hours in the month all prices use (730). */
    static final BigInteger SECONDS_PER_MONTH = BigInteger.valueOf(730L * 3600);

    @Option(names = "--cpu", paramLabel = "N", description = "Minimum free CPU cores.")
    Integer cpu;

    @Option(names = "--memory", paramLabel = "GB", description = "Minimum free memory in GB.")
    Integer memory;

    @Option(names = "--storage", paramLabel = "GB", description = "Minimum free disk in GB.")
    Integer storage;

    @Option(names = "--country", paramLabel = "CC", description = "Country code, e.g. SE.")
    String country;

    @Option(names = "--platform", paramLabel = "ARCH", description = "CPU architecture, e.g. x86_64 or arm64.")
    String platform;

    @Option(names = "--payments-network", paramLabel = "NAME",
            description = "Payments network to list (default: the service's).")
    String paymentsNetwork;

    @Option(names = "--all-payments", description = "List providers of every payments network.")
    boolean allPayments;

    @Option(names = "--egress", paramLabel = "POLICY", description = "Only providers whose VMs may reach: open "
            + "(anything), none (nothing outbound) or allow-list (listed destinations).")
    String egress;

    @Option(names = "--discovery", paramLabel = "SOURCE", description = "Where to look for providers: chain (the "
            + "ProviderRegistry on the payments chain), central (the discovery service) or all (default: the sources "
            + "the requestor service is configured with, merged).")
    String discovery;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        Map<String, Object> q = RequestorClient.query();
        q.put("cpu", cpu);
        q.put("memory", memory);
        q.put("storage", storage);
        q.put("country", country);
        q.put("platform", platform);
        q.put("payments_network", paymentsNetwork);
        q.put("all_payments", allPayments ? "true" : null);
        q.put("egress", egress);
        q.put("discovery", discovery);
        ProviderList body = api().providers(q);
        List<ProviderListing> providers = body.providers();
        if (output.json()) {
            printJson(body);
            return 0;
        }
        if (providers == null || providers.isEmpty()) {
            out().println("No providers found matching the criteria.");
            return 0;
        }
        boolean spec = cpu != null && memory != null && storage != null;
        String symbol = spec ? symbol() : null;
        List<String> headers = new ArrayList<>(List.of("Provider ID", "Name",
                "IP Address", "Country", "Platform", "CPU", "Memory (GB)", "Disk (GB)", "USD/core/mo", "USD/GB RAM/mo",
                "USD/GB disk/mo", "Egress", "Source"));
        if (spec) {
            headers.add("Est. $/mo");
            headers.add("Est. " + symbol + "/mo");
        }
        if (allPayments) {
            headers.add("Payments");
        }
        headers.add("Updated");
        TextTable t = new TextTable(headers.toArray(new String[0])).alignRight(5, 6, 7, 8, 9, 10);
        if (spec) {
            t.alignRight(13, 14);
        }
        Instant now = env().clock().instant();
        for (ProviderListing listing : providers) {
            Advertisement p = listing.advertisement();
            Resources r = p.resources();
            AdvertisedPricing price = p.pricing();
            List<Object> row = new ArrayList<>(Arrays.asList(
                    p.providerId(), p.providerName(), p.ipAddress(), p.country(), p.platform(),
                    r == null ? null : r.cpu(), r == null ? null : r.memoryGib(), r == null ? null : r.storageGib(),
                    usdOrNull(price == null ? null : price.usdPerCoreMonth()),
                    usdOrNull(price == null ? null : price.usdPerGbRamMonth()),
                    usdOrNull(price == null ? null : price.usdPerGbStorageMonth()),
                    p.egress() == null ? null : p.egress().policy(), listing.source()));
            if (spec) {
                PriceEstimate e = listing.estimate();
                row.add(e != null ? "~" + Formats.usd(e.usdPerMonth()) : null);
                row.add(e != null ? tokenPerMonth(e, symbol) : null);
            }
            if (allPayments) {
                row.add(p.paymentsNetwork());
            }
            row.add(Formats.age(Formats.parseInstant(p.updatedAt()), now));
            t.row(row.toArray());
        }
        out().println("Providers (" + t.size() + ")" + (spec
                ? ", estimates for " + cpu + " CPU, " + memory + " GB RAM, " + storage + " GB disk:" : ":"));
        t.print(out());
        if (!spec) {
            out().println("Give --cpu, --memory and --storage to see the estimated monthly cost.");
        }
        return 0;
    }

    private static String usdOrNull(BigDecimal v) {
        return v == null ? null : Formats.usd(v);
    }

    /**
     * @param estimate a provider's {@code estimate}
     * @param symbol   token symbol
     * @return {@code ~<tokens> <SYMBOL>} from {@code token_per_month}, else from {@code rate_per_second_wei} ×
     *         730 h; null when neither is there
     */
    static String tokenPerMonth(PriceEstimate estimate, String symbol) {
        BigDecimal tokens = estimate.tokenPerMonth();
        if (tokens != null) {
            return "~" + Formats.tokens(tokens, symbol);
        }
        BigInteger rate = estimate.ratePerSecondWei();
        return rate == null ? null : "~" + Formats.amount(rate.multiply(SECONDS_PER_MONTH), symbol);
    }
}
