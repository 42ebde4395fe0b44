package org.golem.vm.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code golem-provider config withdraw|monitor}: the auto-withdraw and stream-monitor timers
 * ({@code GET|PUT /api/v1/admin/settings/withdraw|monitor}). Changes are persisted by the provider and applied by
 * the running provider at once; without an option the current settings are printed. FLAW of the original fixed:
 * {@code --disable} exists ({@code --enable} also takes {@code true|false}, as the original's README wrote it).
 */
@Command(name = "config",
        description = "Show or change the auto-withdraw and stream-monitor settings.",
        subcommands = {ConfigCommand.Withdraw.class, ConfigCommand.Monitor.class})
final class ConfigCommand extends CommandGroup {

    /** {@code --enable [true|false]} and {@code --disable}, shared by both timers. */
    abstract static class Toggle extends ProviderBaseCommand {

        @Option(names = "--enable", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
                description = "Turn it on (or --enable false: off).")
        Boolean enable;

        @Option(names = "--disable", description = "Turn it off.")
        boolean disable;

        @Mixin
        JsonOutput output;

        /** @return the {@code enabled} value to send, or null when neither option was given */
        Boolean enabled() {
            if (disable && enable != null) {
                throw usage("--enable and --disable cannot be combined");
            }
            return disable ? Boolean.FALSE : enable;
        }

        long nonNegative(Long v, String option, long min) {
            if (v < min) {
                throw usage(option + (min == 0 ? " must not be negative" : " must be at least " + min));
            }
            return v;
        }

        /** Prints the settings in force: as read (no changes given) or as the provider answered the changes. */
        int print(JsonNode s, boolean changed, String what) {
            if (output.json()) {
                printJson(s);
                return 0;
            }
            out().println(!changed ? "Current " + what + " settings:"
                    : "Updated " + what + " settings (applied by the running provider):");
            panel(s).print(out());
            return 0;
        }

        abstract Panel panel(JsonNode settings);
    }

    static String seconds(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return null;
        }
        return n.asLong() < 60 ? n.asLong() + " s" : Formats.duration(n.asLong()) + " (" + n.asLong() + " s)";
    }

    /**
     * {@code golem-provider config withdraw [--enable|--disable] [--interval S] [--min-wei N] [--json]}: auto-withdraw
     * ({@code enabled}, {@code interval_seconds}, {@code min_wei}); each stream is withdrawn at most once per
     * interval, from the minimum up.
     */
    @Command(name = "withdraw", description = "Show or change auto-withdraw: on/off, how often per stream, from "
            + "which amount.")
    static final class Withdraw extends Toggle {

        @Option(names = "--interval", paramLabel = "SECONDS", description = "Withdraw a stream at most this often "
                + "(>= 1).")
        Long interval;

        @Option(names = "--min-wei", paramLabel = "WEI", description = "Withdraw only from this amount up (>= 0).")
        BigInteger minWei;

        @Override
        public Integer call() {
            Map<String, Object> changes = new LinkedHashMap<>();
            Boolean on = enabled();
            if (on != null) {
                changes.put("enabled", on);
            }
            if (interval != null) {
                changes.put("interval_seconds", nonNegative(interval, "--interval", 1));
            }
            if (minWei != null) {
                if (minWei.signum() < 0) {
                    throw usage("--min-wei must not be negative");
                }
                changes.put("min_wei", minWei);
            }
            return print(api().withdrawSettings(changes), !changes.isEmpty(), "withdraw");
        }

        @Override
        Panel panel(JsonNode s) {
            return new Panel().add("Auto-withdraw", s.path("enabled").asBoolean(false) ? "enabled" : "disabled")
                    .add("Interval", seconds(s.get("interval_seconds")))
                    .add("Minimum", Formats.wei(s.get("min_wei")) == null ? null
                            : amount(s.get("min_wei")) + " (" + Formats.wei(s.get("min_wei")) + " wei)");
        }
    }

    /**
     * {@code golem-provider config monitor [--enable|--disable] [--interval S] [--min-remaining S] [--retention S]
     * [--json]}: the stream monitor ({@code enabled}, {@code interval_seconds}, {@code min_runway_seconds} — the
     * runway a stream needs at VM create/start, {@code stopped_retention_seconds} — how long a VM stopped for
     * non-payment is kept), with its counters ({@code runs}, {@code rpc_failures}, {@code last_error}).
     */
    @Command(name = "monitor", description = "Show or change the stream monitor: on/off, interval, minimum runway, "
            + "retention of unpaid VMs.")
    static final class Monitor extends Toggle {

        @Option(names = "--interval", paramLabel = "SECONDS", description = "Check the streams this often (>= 1).")
        Long interval;

        @Option(names = {"--min-remaining", "--min-runway"}, paramLabel = "SECONDS",
                description = "Paid time a stream must have left when a VM is created or started (>= 0).")
        Long minRemaining;

        @Option(names = "--retention", paramLabel = "SECONDS",
                description = "Keep a VM stopped for non-payment this long before deleting it (>= 0).")
        Long retention;

        @Override
        public Integer call() {
            Map<String, Object> changes = new LinkedHashMap<>();
            Boolean on = enabled();
            if (on != null) {
                changes.put("enabled", on);
            }
            if (interval != null) {
                changes.put("interval_seconds", nonNegative(interval, "--interval", 1));
            }
            if (retention != null) {
                changes.put("stopped_retention_seconds", nonNegative(retention, "--retention", 0));
            }
            if (minRemaining != null) {
                changes.put("min_runway_seconds", nonNegative(minRemaining, "--min-remaining", 0));
            }
            return print(api().monitorSettings(changes), !changes.isEmpty(), "monitor");
        }

        @Override
        Panel panel(JsonNode s) {
            Panel p = new Panel().add("Stream monitor", s.path("enabled").asBoolean(false) ? "enabled" : "disabled")
                    .add("Interval", seconds(s.get("interval_seconds")))
                    .add("Minimum runway", seconds(s.get("min_runway_seconds")))
                    .add("Stopped retention", seconds(s.get("stopped_retention_seconds")));
            if (s.has("runs")) {
                p.add("Runs", s.path("runs").asLong() + " (" + s.path("rpc_failures").asLong() + " RPC failures)");
            }
            return p.add("Last error", Formats.textOrNull(s.get("last_error")));
        }
    }
}
