package org.golem.vm.cli.provider;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.cli.support.PidFile;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.admin.Earnings;
import org.golem.vm.common.wire.admin.ProviderStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code golem-provider status [--json]}: the provider at a glance, from {@code GET /api/v1/admin/status} and {@code
 * GET /health/ready} (and, for people, the earnings totals of {@code GET /api/v1/admin/earnings} when the chain can be
 * read).
 *
 * <p>JSON: the admin status document ({@code provider_id, payments, hypervisor, ssh_ports, capacity, vms, monitor,
 * withdraw, advertiser, pricing}; wei as integers) with three keys added: {@code url}, {@code ready} and
 * {@code health} (the MicroProfile Health answer); see {@link Report}. When nothing answers:
 * {@code {"running": false, "url": ...}} (with {@code --json}) or a one-line message on stderr, exit status 1.
 */
@Command(name = "status", description = "Show the provider at a glance: identity, payments, hypervisor (KVM or "
        + "TCG), capacity, VMs, timers, advertising, prices and earnings.")
final class StatusCommand extends ProviderBaseCommand {

    /**
     * The {@code --json} answer when the provider runs: its status document's fields, then the three added keys.
     *
     * @param status the provider's {@code GET /api/v1/admin/status}, its fields written at the top level
     * @param url    the provider's URL
     * @param ready  whether {@code GET /health/ready} answered 200
     * @param health the MicroProfile Health answer, null when it was not JSON
     */
    record Report(@JsonUnwrapped ProviderStatus status, String url, boolean ready, ProviderAdminClient.HealthAnswer health) {
    }

    /**
     * The {@code --json} answer when nothing answers at the provider's URL.
     *
     * @param running always false
     * @param url     the provider's URL
     */
    record NotRunning(boolean running, String url) {
    }

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        ProviderAdminClient.Health health = api().health();
        if (!health.answers()) {
            if (output.json()) {
                printJson(new NotRunning(false, api().base().toString()));
                return 1;
            }
            throw new CliException("the provider is not running at " + api().base()
                    + "; start it with: golem-provider start");
        }
        ProviderStatus s = root().status();
        if (output.json()) {
            printJson(new Report(s, api().base().toString(), health.ready(), health.body()));
            return 0;
        }
        Panel p = new Panel();
        p.add("Provider", text(s.providerId()));
        Long pid = PidFile.read(root().pidFile()).filter(PidFile::isProvider).orElse(null);
        p.add("URL", api().base() + (pid == null ? "" : " (pid " + pid + ")"));
        p.add("State", health.ready() ? "running, ready" : "running, NOT ready: " + health.failingChecks());
        p.add("Earnings", paymentsEnabled() ? earnings() : "none: payments are disabled");

        ProviderStatus.Payments pay = s.payments();
        p.section("Payments");
        if (!pay.enabled()) {
            p.add("Network", text(pay.network()) + ", payments disabled (VMs are free)");
        } else {
            p.add("Network", text(pay.network()) + (pay.chainOk()
                    ? ", chain ok" : ", chain NOT reachable: " + text(pay.chainError())));
            p.add("Contract", pay.contract());
            if (pay.token() != null && !pay.token().isEmpty()) {
                p.add("Token", isNative(pay.token()) ? "native " + root().tokenSymbol()
                        : pay.token() + " (" + root().tokenSymbol() + ")");
            }
            p.add("RPC", pay.rpcUrl());
        }

        ProviderStatus.Hypervisor hv = s.hypervisor();
        p.section("Hypervisor");
        p.add("Driver", text(hv.driver()) + ", " + accelerator(hv.accelerator()));

        ProviderStatus.Capacity cap = s.capacity();
        p.section("Capacity");
        p.add("CPU", used(cap, Resources::cpu, "cores", ""));
        p.add("Memory", used(cap, Resources::memoryGib, "GB", " GB"));
        p.add("Disk", used(cap, Resources::storageGib, "GB", " GB"));
        p.add("VMs", vms(s.vms(), cap.maxVms()));

        p.section("Timers");
        ProviderStatus.Monitor mon = s.monitor();
        p.add("Stream monitor", !mon.enabled() ? "disabled"
                : "enabled, every " + Formats.duration(mon.intervalSeconds()) + "; " + mon.runs() + " runs, "
                + mon.failures() + " RPC failures");
        ProviderStatus.Withdraw wd = s.withdraw();
        p.add("Auto-withdraw", !wd.enabled() ? "disabled"
                : "enabled, every " + Formats.duration(wd.intervalSeconds()) + " from " + amount(wd.minWei()) + "; "
                + wd.failures() + " failures");

        ProviderStatus.Advertiser adv = s.advertiser();
        p.section("Advertising");
        String discovery = adv.discoveryUrl() == null || adv.discoveryUrl().isEmpty() ? null : adv.discoveryUrl();
        if (!adv.destinations().isEmpty()) {
            for (ProviderStatus.Destination d : adv.destinations()) {
                p.add(d.name(), destination(d));
            }
        } else {
            p.add("Discovery", discovery == null ? "not configured (GOLEM_PROVIDER_DISCOVERY_URL, or a "
                    + "ProviderRegistry for GOLEM_PROVIDER_ADVERTISE=chain): requestors do not find this provider"
                    : discovery);
            if (discovery != null) {
                p.add("Last published", adv.lastPublishedAt() == null ? "never"
                        : Formats.age(Instant.ofEpochMilli(adv.lastPublishedAt()), env().clock().instant()));
            }
            p.add("Skipped", adv.lastSkip());
        }

        p.section("Prices (per month)");
        PricingCommand.addPrices(p, s.pricing(), this);
        p.print(out());
        return 0;
    }

    /**
     * One advertising destination on one line: its target, when it last published, why it did not (the latest
     * attempt), and the gas of its last chain write.
     */
    private String destination(ProviderStatus.Destination d) {
        StringBuilder sb = new StringBuilder(d.target() == null ? "?" : d.target()).append("; published ")
                .append(d.lastPublishedAt() == null ? "never"
                        : Formats.age(Instant.ofEpochMilli(d.lastPublishedAt()), env().clock().instant()));
        if (d.lastSkip() != null) {
            sb.append("; ").append(d.lastSkip());
        }
        if (d.lastGasUsed() != null) {
            sb.append("; last ").append(d.lastTx() == null ? "write" : d.lastTx()).append(" used ")
                    .append(d.lastGasUsed()).append(" gas");
        }
        return sb.toString();
    }

    private String earnings() {
        try {
            Earnings e = api().earnings();
            Earnings.Totals t = e.totals();
            return amount(t.withdrawable()) + " withdrawable, " + amount(t.withdrawn()) + " withdrawn, "
                    + amount(t.vested()) + " vested in total (" + e.streams().size() + " streams)";
        } catch (CliException ex) {
            return "unknown (" + ex.getMessage() + ")";
        }
    }

    static String accelerator(String a) {
        if (a == null || a.equals("undecided")) {
            return "accelerator decided at the first VM boot";
        }
        return switch (a) {
            case "kvm" -> "KVM";
            case "tcg" -> "TCG (software emulation: VMs run slowly)";
            default -> a;
        };
    }

    private static String used(ProviderStatus.Capacity cap, ToIntFunction<Resources> figure, String unit,
                               String freeUnit) {
        if (cap.total() == null) {
            return null;
        }
        long total = figure.applyAsInt(cap.total());
        if (cap.free() == null) {
            return total + " " + unit;
        }
        long free = figure.applyAsInt(cap.free());
        long used = Math.max(0, total - free);
        return used + " of " + total + " " + unit + " used, " + free + freeUnit + " free";
    }

    private static String vms(Map<String, Long> byStatus, int maxVms) {
        List<String> parts = new ArrayList<>();
        long total = 0;
        // running first, then the others in the provider's order
        Long running = byStatus.get("running");
        if (running != null) {
            parts.add(running + " running");
            total += running;
        }
        for (Map.Entry<String, Long> e : byStatus.entrySet()) {
            if (!e.getKey().equals("running")) {
                parts.add(e.getValue() + " " + e.getKey());
                total += e.getValue();
            }
        }
        return (total == 0 ? "none" : String.join(", ", parts)) + " (at most " + maxVms + ")";
    }
}
