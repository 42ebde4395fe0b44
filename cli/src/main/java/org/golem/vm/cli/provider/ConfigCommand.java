package org.golem.vm.cli.provider;

import java.math.BigInteger;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.wire.admin.MonitorChange;
import org.golem.vm.common.wire.admin.MonitorSettings;
import org.golem.vm.common.wire.admin.WithdrawChange;
import org.golem.vm.common.wire.admin.WithdrawSettings;
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

    /**
     * {@code --enable [true|false]} and {@code --disable}, shared by both timers.
     *
     * @param <S> the settings record the provider answers with
     */
    abstract static class Toggle<S> extends ProviderBaseCommand {

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

        /** @return {@code v} (null stays null) after checking it is at least {@code min} */
        Long atLeast(Long v, String option, long min) {
            if (v != null && v < min) {
                throw usage(option + (min == 0 ? " must not be negative" : " must be at least " + min));
            }
            return v;
        }

        /** Prints the settings in force: as read (no changes given) or as the provider answered the changes. */
        int print(S s, boolean changed, String what) {
            if (output.json()) {
                printJson(s);
                return 0;
            }
            out().println(!changed ? "Current " + what + " settings:"
                    : "Updated " + what + " settings (applied by the running provider):");
            panel(s).print(out());
            return 0;
        }

        abstract Panel panel(S settings);
    }

    static String seconds(long n) {
        return n < 60 ? n + " s" : Formats.duration(n) + " (" + n + " s)";
    }

    /**
     * {@code golem-provider config withdraw [--enable|--disable] [--interval S] [--min-wei N] [--json]}: auto-withdraw
     * ({@code enabled}, {@code interval_seconds}, {@code min_wei}); each stream is withdrawn at most once per
     * interval, from the minimum up.
     */
    @Command(name = "withdraw", description = "Show or change auto-withdraw: on/off, how often per stream, from "
            + "which amount.")
    static final class Withdraw extends Toggle<WithdrawSettings> {

        @Option(names = "--interval", paramLabel = "SECONDS", description = "Withdraw a stream at most this often "
                + "(>= 1).")
        Long interval;

        @Option(names = "--min-wei", paramLabel = "WEI", description = "Withdraw only from this amount up (>= 0).")
        BigInteger minWei;

        @Override
        public Integer call() {
            Boolean on = enabled();
            Long every = atLeast(interval, "--interval", 1);
            if (minWei != null && minWei.signum() < 0) {
                throw usage("--min-wei must not be negative");
            }
            WithdrawChange change = on == null && every == null && minWei == null ? null
                    : new WithdrawChange(on, every, minWei);
            return print(api().withdrawSettings(change), change != null, "withdraw");
        }

        @Override
        Panel panel(WithdrawSettings s) {
            return new Panel().add("Auto-withdraw", s.enabled() ? "enabled" : "disabled")
                    .add("Interval", seconds(s.intervalSeconds()))
                    .add("Minimum", s.minWei() == null ? null : amount(s.minWei()) + " (" + s.minWei() + " wei)");
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
    static final class Monitor extends Toggle<MonitorSettings> {

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
            Boolean on = enabled();
            Long every = atLeast(interval, "--interval", 1);
            Long keep = atLeast(retention, "--retention", 0);
            Long runway = atLeast(minRemaining, "--min-remaining", 0);
            MonitorChange change = on == null && every == null && keep == null && runway == null ? null
                    : new MonitorChange(on, every, keep, runway);
            return print(api().monitorSettings(change), change != null, "monitor");
        }

        @Override
        Panel panel(MonitorSettings s) {
            return new Panel().add("Stream monitor", s.enabled() ? "enabled" : "disabled")
                    .add("Interval", seconds(s.intervalSeconds()))
                    .add("Minimum runway", seconds(s.minRunwaySeconds()))
                    .add("Stopped retention", seconds(s.stoppedRetentionSeconds()))
                    .add("Runs", s.runs() + " (" + s.rpcFailures() + " RPC failures)")
                    .add("Last error", s.lastError());
        }
    }
}
