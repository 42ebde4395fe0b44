package org.golem.vm.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.cli.support.PidFile;
import org.golem.vm.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code golem-provider status [--json]}: the provider at a glance, from {@code GET /api/v1/admin/status} and
 * {@code GET /health/ready} (and, for people, the earnings totals of {@code GET /api/v1/admin/earnings} when the
 * chain can be read).
 *
 * <p>JSON: the admin status document ({@code provider_id, payments, hypervisor, capacity, vms, monitor, withdraw,
 * advertiser, pricing}; wei as integers) with three keys added: {@code url}, {@code ready} and {@code health} (the
 * MicroProfile Health answer). When nothing answers: {@code {"running": false, "url": ...}} (with {@code --json}) or
 * a one-line message on stderr, exit status 1.
 */
@Command(name = "status", description = "Show the provider at a glance: identity, payments, hypervisor (KVM or "
        + "TCG), capacity, VMs, timers, advertising, prices and earnings.")
final class StatusCommand extends ProviderBaseCommand {

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        ProviderClient.Health health = api().health();
        if (!health.answers()) {
            if (output.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("running", false);
                o.put("url", api().base().toString());
                printJson(o);
                return 1;
            }
            throw new CliException("the provider is not running at " + api().base()
                    + "; start it with: golem-provider start");
        }
        JsonNode s = root().status();
        if (output.json()) {
            ObjectNode o = s.isObject() ? ((ObjectNode) s).deepCopy() : Json.mapper().createObjectNode();
            o.put("url", api().base().toString());
            o.put("ready", health.ready());
            o.set("health", health.body().isMissingNode() ? Json.mapper().nullNode() : health.body());
            printJson(o);
            return 0;
        }
        Panel p = new Panel();
        p.add("Provider", Formats.text(s.get("provider_id")));
        Long pid = PidFile.read(root().pidFile()).filter(PidFile::isProvider).orElse(null);
        p.add("URL", api().base() + (pid == null ? "" : " (pid " + pid + ")"));
        p.add("State", health.ready() ? "running, ready" : "running, NOT ready: " + health.failingChecks());
        p.add("Earnings", paymentsEnabled() ? earnings() : "none: payments are disabled");

        JsonNode pay = s.path("payments");
        p.section("Payments");
        if (!pay.path("enabled").asBoolean(true)) {
            p.add("Network", Formats.text(pay.get("network")) + ", payments disabled (VMs are free)");
        } else {
            p.add("Network", Formats.text(pay.get("network")) + (pay.path("chain_ok").asBoolean(false)
                    ? ", chain ok" : ", chain NOT reachable: " + Formats.text(pay.get("chain_error"))));
            p.add("Contract", Formats.textOrNull(pay.get("contract")));
            String token = Formats.textOrNull(pay.get("token"));
            if (token != null) {
                p.add("Token", token.matches("0x0{40}") ? "native " + root().tokenSymbol()
                        : token + " (" + root().tokenSymbol() + ")");
            }
            p.add("RPC", Formats.textOrNull(pay.get("rpc_url")));
        }

        JsonNode hv = s.path("hypervisor");
        p.section("Hypervisor");
        p.add("Driver", Formats.text(hv.get("driver")) + ", " + accelerator(Formats.textOrNull(hv.get("accelerator"))));

        JsonNode cap = s.path("capacity");
        p.section("Capacity");
        p.add("CPU", used(cap, "cpu", "cores", ""));
        p.add("Memory", used(cap, "memory", "GB", " GB"));
        p.add("Disk", used(cap, "storage", "GB", " GB"));
        p.add("VMs", vms(s.path("vms"), cap.get("max_vms")));

        p.section("Timers");
        JsonNode mon = s.path("monitor");
        p.add("Stream monitor", !mon.path("enabled").asBoolean(false) ? "disabled"
                : "enabled, every " + Formats.duration(mon.path("interval_seconds").asLong()) + "; "
                + mon.path("runs").asLong() + " runs, " + mon.path("failures").asLong() + " RPC failures");
        JsonNode wd = s.path("withdraw");
        p.add("Auto-withdraw", !wd.path("enabled").asBoolean(false) ? "disabled"
                : "enabled, every " + Formats.duration(wd.path("interval_seconds").asLong()) + " from "
                + amount(wd.get("min_wei")) + "; " + wd.path("failures").asLong() + " failures");

        JsonNode adv = s.path("advertiser");
        p.section("Advertising");
        String discovery = Formats.textOrNull(adv.get("discovery_url"));
        p.add("Discovery", discovery == null ? "not configured (GOLEM_PROVIDER_DISCOVERY_URL): requestors do not "
                + "find this provider" : discovery);
        if (discovery != null) {
            JsonNode at = adv.get("last_published_at");
            p.add("Last published", at == null || !at.isNumber() ? "never"
                    : Formats.age(Instant.ofEpochMilli(at.asLong()), env().clock().instant()));
        }
        p.add("Skipped", Formats.textOrNull(adv.get("last_skip")));

        p.section("Prices (per month)");
        PricingCommand.addPrices(p, s.path("pricing"), this);
        p.print(out());
        return 0;
    }

    private String earnings() {
        try {
            JsonNode e = api().earnings();
            JsonNode t = e.path("totals");
            return amount(t.get("withdrawable")) + " withdrawable, " + amount(t.get("withdrawn")) + " withdrawn, "
                    + amount(t.get("vested")) + " vested in total (" + e.path("streams").size() + " streams)";
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

    private static String used(JsonNode cap, String key, String unit, String freeUnit) {
        JsonNode total = cap.path("total").get(key);
        JsonNode free = cap.path("free").get(key);
        if (total == null || !total.isNumber()) {
            return null;
        }
        if (free == null || !free.isNumber()) {
            return total.asLong() + " " + unit;
        }
        long used = Math.max(0, total.asLong() - free.asLong());
        return used + " of " + total.asLong() + " " + unit + " used, " + free.asLong() + freeUnit + " free";
    }

    private static String vms(JsonNode byStatus, JsonNode maxVms) {
        List<String> parts = new ArrayList<>();
        long total = 0;
        // running first, then the others in the provider's order
        if (byStatus.has("running")) {
            parts.add(byStatus.get("running").asLong() + " running");
            total += byStatus.get("running").asLong();
        }
        for (Map.Entry<String, JsonNode> e : iterable(byStatus)) {
            if (!e.getKey().equals("running")) {
                parts.add(e.getValue().asLong() + " " + e.getKey());
                total += e.getValue().asLong();
            }
        }
        String max = maxVms != null && maxVms.isNumber() ? " (at most " + maxVms.asLong() + ")" : "";
        return (total == 0 ? "none" : String.join(", ", parts)) + max;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
        return n::fields;
    }
}
