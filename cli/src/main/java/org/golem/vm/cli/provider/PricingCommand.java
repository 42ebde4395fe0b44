package org.golem.vm.cli.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.money.Pricing;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.money.UsdPricing;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.admin.PricingChange;
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
     * One example VM size's monthly cost, as {@code pricing show --json} writes it.
     *
     * @param name        {@code small} or {@code medium}
     * @param cpu         cores
     * @param memory      GiB RAM
     * @param storage     GiB disk
     * @param usdPerMonth USD per month
     * @param weiPerMonth the rate a requestor must stream (rounded up to whole wei per second, as the provider
     *                    checks it) × the seconds of a month; not written when the token price is unknown
     */
    record Cost(String name, int cpu, int memory, int storage, BigDecimal usdPerMonth,
                @JsonInclude(JsonInclude.Include.NON_NULL) BigInteger weiPerMonth) {
    }

    /**
     * The {@code --json} answer of {@code pricing show}: the provider's prices with two keys added.
     *
     * @param pricing     the provider's {@code GET /api/v1/admin/pricing}, its fields written at the top level
     * @param tokenSymbol the stream token's symbol
     * @param examples    the example sizes' monthly costs ({@link #examples})
     */
    record PricingReport(@JsonUnwrapped AdvertisedPricing pricing, String tokenSymbol, List<Cost> examples) {
    }

    /**
     * Adds the unit prices of the provider's pricing to a panel: USD and token per unit and month, and the token's
     * USD price.
     */
    static void addPrices(Panel p, AdvertisedPricing pricing, ProviderBaseCommand cmd) {
        p.add("CPU", unit(pricing.usdPerCoreMonth(), pricing.weiPerCoreMonth(), pricing.glmPerCoreMonth(),
                "per core", cmd));
        p.add("Memory", unit(pricing.usdPerGbRamMonth(), pricing.weiPerGbRamMonth(), pricing.glmPerGbRamMonth(),
                "per GB RAM", cmd));
        p.add("Disk", unit(pricing.usdPerGbStorageMonth(), pricing.weiPerGbStorageMonth(),
                pricing.glmPerGbStorageMonth(), "per GB disk", cmd));
        if (pricing.tokenUsdPrice() != null) {
            p.add("Token price", Formats.usd(pricing.tokenUsdPrice()) + " per " + cmd.root().tokenSymbol());
        }
    }

    private static String unit(BigDecimal usd, BigInteger wei, BigDecimal tokens, String per,
                               ProviderBaseCommand cmd) {
        if (usd == null) {
            return null;
        }
        String token = wei != null ? cmd.amount(wei) : Formats.tokens(tokens, cmd.root().tokenSymbol());
        return Formats.usd(usd) + " " + per + " (" + token + ")";
    }

    /**
     * @return the monthly cost of each example VM size, none when a USD price is unknown; {@code wei_per_month}
     *         only when the token price is known
     */
    static List<Cost> examples(AdvertisedPricing pricing) {
        UsdPricing usd = pricing.usd();
        if (usd == null) {
            return List.of();
        }
        BigDecimal tokenPrice = pricing.tokenUsdPrice();
        int decimals = pricing.tokenDecimals() != null ? pricing.tokenDecimals() : 18;
        List<Cost> out = new ArrayList<>();
        for (Example e : EXAMPLES) {
            BigInteger wei = tokenPrice != null && tokenPrice.signum() > 0 && decimals >= 0
                    && decimals <= Pricing.MAX_DECIMALS
                    ? Pricing.ratePerSecondWei(usd, e.resources(), tokenPrice, decimals)
                    .multiply(BigInteger.valueOf(Pricing.SECONDS_PER_MONTH)) : null;
            out.add(new Cost(e.key(), e.resources().cpu(), e.resources().memoryGib(), e.resources().storageGib(),
                    Pricing.usdPerMonth(usd, e.resources()), wei));
        }
        return out;
    }

    /** Prints the prices and the example monthly costs for people. */
    static void printPrices(ProviderBaseCommand cmd, AdvertisedPricing pricing) {
        Panel p = new Panel();
        addPrices(p, pricing, cmd);
        p.print(cmd.out());
        List<Cost> examples = examples(pricing);
        if (examples.isEmpty()) {
            return;
        }
        cmd.out().println();
        cmd.out().println("Example monthly costs with current settings:");
        cmd.out().println("(Estimated monthly earnings with your current pricing)");
        for (int i = 0; i < examples.size(); i++) {
            Cost e = examples.get(i);
            cmd.out().println("- " + EXAMPLES.get(i).label() + ": ~" + Formats.usd(e.usdPerMonth()) + " per month"
                    + (e.weiPerMonth() == null ? "" : " (~" + cmd.amount(e.weiPerMonth()) + ")"));
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
            AdvertisedPricing pricing = api().pricing();
            if (output.json()) {
                printJson(new PricingReport(pricing, root().tokenSymbol(), examples(pricing)));
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
            PricingChange change = new PricingChange(nonNegative(core, "--usd-per-core"),
                    nonNegative(mem, "--usd-per-mem"), nonNegative(disk, "--usd-per-disk"), tokenUsd);
            if (tokenUsd != null && tokenUsd.signum() <= 0) {
                throw usage("--token-usd-price must be positive");
            }
            if (core == null && mem == null && disk == null && tokenUsd == null) {
                throw usage("nothing to change: give --usd-per-core, --usd-per-mem, --usd-per-disk and/or "
                        + "--token-usd-price");
            }
            AdvertisedPricing pricing = api().setPricing(change);
            if (output.json()) {
                printJson(pricing);
                return 0;
            }
            out().println("Updated pricing (applied by the running provider, advertised at once):");
            printPrices(this, pricing);
            return 0;
        }

        private BigDecimal nonNegative(BigDecimal v, String option) {
            if (v != null && v.signum() < 0) {
                throw usage(option + " must not be negative");
            }
            return v;
        }
    }
}
