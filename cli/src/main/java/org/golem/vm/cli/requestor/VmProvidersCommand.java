package org.golem.vm.cli.requestor;

import com.fasterxml.jackson.databind.JsonNode;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code golem vm providers}: {@code GET /api/v1/providers} with the filters as query parameters.
 *
 * <p>JSON ({@code --json}): the service's {@code {"providers": [...]}}, each provider with an {@code estimate}
 * when {@code --cpu}, {@code --memory} and {@code --storage} are all given. Text: a table with the advertised
 * monthly unit prices in USD, and with a full spec the columns {@code Est. $/mo} and {@code Est. <SYMBOL>/mo}.
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
        JsonNode body = api().providers(q);
        JsonNode providers = body.path("providers");
        if (output.json()) {
            printJson(body);
            return 0;
        }
        if (!providers.isArray() || providers.isEmpty()) {
            out().println("No providers found matching the criteria.");
            return 0;
        }
        boolean spec = cpu != null && memory != null && storage != null;
        String symbol = spec ? symbol() : null;
        List<String> headers = new ArrayList<>(List.of("Provider ID", "Name",
                "IP Address", "Country", "Platform", "CPU", "Memory (GB)", "Disk (GB)", "USD/core/mo", "USD/GB RAM/mo",
                "USD/GB disk/mo"));
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
            t.alignRight(11, 12);
        }
        Instant now = env().clock().instant();
        for (JsonNode p : providers) {
            JsonNode r = p.path("resources");
            JsonNode price = p.path("pricing");
            List<Object> row = new ArrayList<>(Arrays.asList(
                    Formats.textOrNull(p.get("provider_id")), Formats.textOrNull(p.get("provider_name")),
                    Formats.textOrNull(p.get("ip_address")), Formats.textOrNull(p.get("country")),
                    Formats.textOrNull(p.get("platform")), Formats.textOrNull(r.get("cpu")),
                    Formats.textOrNull(r.get("memory")), Formats.textOrNull(r.get("storage")),
                    usdOrNull(price.get("usd_per_core_month")), usdOrNull(price.get("usd_per_gb_ram_month")),
                    usdOrNull(price.get("usd_per_gb_storage_month"))));
            if (spec) {
                JsonNode e = p.path("estimate");
                row.add(e.isObject() ? "~" + Formats.usd(Formats.decimal(e.get("usd_per_month"))) : null);
                row.add(e.isObject() ? tokenPerMonth(e, symbol) : null);
            }
            if (allPayments) {
                row.add(Formats.textOrNull(p.get("payments_network")));
            }
            row.add(Formats.age(Formats.parseInstant(Formats.textOrNull(p.get("updated_at"))), now));
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

    private static String usdOrNull(JsonNode n) {
        BigDecimal v = Formats.decimal(n);
        return v == null ? null : Formats.usd(v);
    }

    /**
     * @param estimate a provider's {@code estimate} object
     * @param symbol   token symbol
     * @return {@code ~<tokens> <SYMBOL>} from {@code token_per_month}, else from {@code rate_per_second_wei} ×
     *         730 h; null when neither is there
     */
    static String tokenPerMonth(JsonNode estimate, String symbol) {
        BigDecimal tokens = Formats.decimal(estimate.get("token_per_month"));
        if (tokens != null) {
            return "~" + Formats.tokens(tokens, symbol);
        }
        BigInteger rate = Formats.wei(estimate.get("rate_per_second_wei"));
        return rate == null ? null : "~" + Formats.amount(rate.multiply(SECONDS_PER_MONTH), symbol);
    }
}
