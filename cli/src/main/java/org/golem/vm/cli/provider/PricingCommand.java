package org.golem.vm.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Pricing;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.money.UsdPricing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code golem-provider pricing show|set}: the prices the provider asks, in USD per unit and month, converted to
 * the stream token with the token's USD price ({@code GET|PUT /api/v1/admin/pricing}).
 */
@Command(name = "pricing",
        description = "Show or change the provider's prices.",
        subcommands = {PricingCommand.Show.class, PricingCommand.Set.class})
final class PricingCommand extends CommandGroup {

    /** A VM size of the examples. */
    record Example(String key, String label, Resources resources) {
    }

    /** The original's examples: small 1/1/10 and medium 2/4/20 (cores, GB RAM, GB disk). */
    static final List<Example> EXAMPLES = List.of(
            new Example("small", "Small (1C, 1GB RAM, 10GB Disk)", new Resources(1, 1, 10)),
            new Example("medium", "Medium (2C, 4GB RAM, 20GB Disk)", new Resources(2, 4, 20)));

    /**
     * Adds the unit prices of an {@code AdvertisedPricing} JSON to a panel: USD and token per unit and month, and
     * the token's USD price.
     */
    static void addPrices(Panel p, JsonNode pricing, ProviderBaseCommand cmd) {
        p.add("CPU", unit(pricing, "core", "per core", cmd));
        p.add("Memory", unit(pricing, "gb_ram", "per GB RAM", cmd));
        p.add("Disk", unit(pricing, "gb_storage", "per GB disk", cmd));
        BigDecimal price = Formats.decimal(pricing.get("token_usd_price"));
        if (price != null) {
            p.add("Token price", Formats.usd(price) + " per " + cmd.root().tokenSymbol());
        }
    }

    private static String unit(JsonNode pricing, String key, String per, ProviderBaseCommand cmd) {
        BigDecimal usd = Formats.decimal(pricing.get("usd_per_" + key + "_month"));
        if (usd == null) {
            return null;
        }
        BigInteger wei = Formats.wei(pricing.get("wei_per_" + key + "_month"));
        String token = wei != null ? cmd.amount(wei)
                : Formats.tokens(Formats.decimal(pricing.get("glm_per_" + key + "_month")), cmd.root().tokenSymbol());
        return Formats.usd(usd) + " " + per + " (" + token + ")";
    }

    /**
     * @return one object per example VM size: {@code name, cpu, memory, storage, usd_per_month} and, when the
     *         token price is known, {@code wei_per_month} = the rate a requestor must stream (rounded up to whole
     *         wei per second, as the provider checks it) × the seconds of a month
     */
    static ArrayNode examples(JsonNode pricing) {
        ArrayNode out = Json.mapper().createArrayNode();
        UsdPricing usd = usd(pricing);
        if (usd == null) {
            return out;
        }
        BigDecimal tokenPrice = Formats.decimal(pricing.get("token_usd_price"));
        JsonNode dec = pricing.get("token_decimals");
        int decimals = dec != null && dec.canConvertToInt() ? dec.asInt() : 18;
        for (Example e : EXAMPLES) {
            ObjectNode o = out.addObject();
            o.put("name", e.key());
            o.put("cpu", e.resources().cpu());
            o.put("memory", e.resources().memoryGib());
            o.put("storage", e.resources().storageGib());
            o.put("usd_per_month", Pricing.usdPerMonth(usd, e.resources()));
            if (tokenPrice != null && tokenPrice.signum() > 0 && decimals >= 0 && decimals <= Pricing.MAX_DECIMALS) {
                o.put("wei_per_month", Pricing.ratePerSecondWei(usd, e.resources(), tokenPrice, decimals)
                        .multiply(BigInteger.valueOf(Pricing.SECONDS_PER_MONTH)));
            }
        }
        return out;
    }

    private static UsdPricing usd(JsonNode pricing) {
        BigDecimal c = Formats.decimal(pricing.get("usd_per_core_month"));
        BigDecimal r = Formats.decimal(pricing.get("usd_per_gb_ram_month"));
        BigDecimal s = Formats.decimal(pricing.get("usd_per_gb_storage_month"));
        return c == null || r == null || s == null ? null : new UsdPricing(c, r, s);
    }

    /** Prints the prices and the example monthly costs for people. */
    static void printPrices(ProviderBaseCommand cmd, JsonNode pricing) {
        Panel p = new Panel();
        addPrices(p, pricing, cmd);
        p.print(cmd.out());
        ArrayNode examples = examples(pricing);
        if (examples.isEmpty()) {
            return;
        }
        cmd.out().println();
        cmd.out().println("Example monthly costs with current settings:");
        cmd.out().println("(Estimated monthly earnings with your current pricing)");
        for (int i = 0; i < examples.size(); i++) {
            JsonNode e = examples.get(i);
            BigInteger wei = Formats.wei(e.get("wei_per_month"));
            cmd.out().println("- " + EXAMPLES.get(i).label() + ": ~" + Formats.usd(e.get("usd_per_month").decimalValue())
                    + " per month" + (wei == null ? "" : " (~" + cmd.amount(wei) + ")"));
        }
        cmd.out().flush();
    }

    /**
     * {@code golem-provider pricing show [--json]}: {@code GET /api/v1/admin/pricing}. JSON: the provider's pricing
     * ({@code usd_per_core_month, usd_per_gb_ram_month, usd_per_gb_storage_month, glm_per_*_month,
     * token_usd_price, token_decimals, wei_per_*_month}) with {@code token_symbol} and {@code examples} (see
     * {@link PricingCommand#examples}) added.
     */
    @Command(name = "show", description = "Show the prices per unit and month, in USD and in the stream token, "
            + "with example monthly costs.")
    static final class Show extends ProviderBaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            JsonNode pricing = api().pricing();
            if (output.json()) {
                ObjectNode o = pricing.isObject() ? ((ObjectNode) pricing).deepCopy() : Json.mapper().createObjectNode();
                o.put("token_symbol", root().tokenSymbol());
                o.set("examples", examples(pricing));
                printJson(o);
                return 0;
            }
            out().println("Current pricing (per month):");
            printPrices(this, pricing);
            return 0;
        }
    }

    /**
     * {@code golem-provider pricing set [--usd-per-core X] [--usd-per-mem X] [--usd-per-disk X]
     * [--token-usd-price X] [--json]}: {@code PUT /api/v1/admin/pricing} with the given prices (at least one); the
     * running provider applies them at once and re-advertises. Negative prices (or a token price of 0) are usage
     * errors (exit 2). Prints the new prices.
     */
    @Command(name = "set", description = "Change prices (USD per unit and month); the running provider applies "
            + "them at once.")
    static final class Set extends ProviderBaseCommand {

        @Option(names = {"--usd-per-core", "--core-usd"}, paramLabel = "USD",
                description = "USD per CPU core per month.")
        BigDecimal core;

        @Option(names = {"--usd-per-mem", "--ram-usd"}, paramLabel = "USD",
                description = "USD per GB of RAM per month.")
        BigDecimal mem;

        @Option(names = {"--usd-per-disk", "--usd-per-storage", "--storage-usd"}, paramLabel = "USD",
                description = "USD per GB of disk per month.")
        BigDecimal disk;

        @Option(names = "--token-usd-price", paramLabel = "USD",
                description = "USD per whole stream token, used to convert prices (> 0).")
        BigDecimal tokenUsd;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            Map<String, BigDecimal> body = new LinkedHashMap<>();
            put(body, "usd_per_core_month", core, "--usd-per-core");
            put(body, "usd_per_gb_ram_month", mem, "--usd-per-mem");
            put(body, "usd_per_gb_storage_month", disk, "--usd-per-disk");
            if (tokenUsd != null && tokenUsd.signum() <= 0) {
                throw usage("--token-usd-price must be positive");
            }
            if (tokenUsd != null) {
                body.put("token_usd_price", tokenUsd);
            }
            if (body.isEmpty()) {
                throw usage("nothing to change: give --usd-per-core, --usd-per-mem, --usd-per-disk and/or "
                        + "--token-usd-price");
            }
            JsonNode pricing = api().setPricing(body);
            if (output.json()) {
                printJson(pricing);
                return 0;
            }
            out().println("Updated pricing (applied by the running provider, advertised at once):");
            printPrices(this, pricing);
            return 0;
        }

        private void put(Map<String, BigDecimal> body, String key, BigDecimal v, String option) {
            if (v == null) {
                return;
            }
            if (v.signum() < 0) {
                throw usage(option + " must not be negative");
            }
            body.put(key, v);
        }
    }
}
