package org.golem.vm.cli.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.wire.admin.Earnings;
import org.golem.vm.common.wire.admin.OperatorVms;
import org.golem.vm.common.wire.admin.WithdrawResults;
import org.golem.vm.common.wire.admin.WithdrawTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code golem-provider streams list|show|earnings|withdraw}: the payment streams that pay (or paid) for this
 * provider's VMs and what they earned, from {@code GET /api/v1/admin/earnings} (one row per stream ever bound to a
 * VM: {@code vm_id, stream_id, token, vested, withdrawn, withdrawable, status, settled}, wei), and withdrawals through
 * {@code POST /api/v1/admin/withdraw}.
 */
@Command(name = "streams",
        description = "Payment streams: list, show, earnings, withdraw.",
        subcommands = {StreamsCommand.ListStreams.class, StreamsCommand.Show.class, StreamsCommand.EarningsReport.class,
                StreamsCommand.Withdraw.class})
final class StreamsCommand extends CommandGroup {

    /**
     * One stream as {@code streams list} and {@code streams show} print it: the earnings report's row
     * ({@link Earnings.Stream}, wei) with {@code remaining_seconds} added.
     *
     * @param vmId             the VM it pays (paid) for
     * @param streamId         stream
     * @param token            token address (the zero address: native ETH)
     * @param vested           vested so far, wei
     * @param withdrawn        already paid to the provider, wei
     * @param withdrawable     vested and not yet withdrawn, wei
     * @param status           stream status at the chain's time
     * @param settled          nothing more to collect
     * @param remainingSeconds paid seconds left, from {@code GET /api/v1/admin/vms}; null when the VM is gone or the
     *                         chain cannot be read
     * @param withdrawals      the stream's withdrawals ({@code show} only; not written by {@code list})
     */
    record StreamRow(String vmId, BigInteger streamId, String token, BigInteger vested, BigInteger withdrawn,
                     BigInteger withdrawable, String status, boolean settled, Long remainingSeconds,
                     @JsonInclude(JsonInclude.Include.NON_NULL) List<Earnings.WithdrawalRecord> withdrawals) {

        StreamRow withWithdrawals(List<Earnings.WithdrawalRecord> all) {
            return new StreamRow(vmId, streamId, token, vested, withdrawn, withdrawable, status, settled,
                    remainingSeconds, all.stream().filter(w -> Objects.equals(w.streamId(), streamId)).toList());
        }
    }

    /**
     * The {@code --json} answer of {@code streams list}.
     *
     * @param streams one row per stream, as the earnings report orders them
     */
    record StreamList(List<StreamRow> streams) {
    }

    /**
     * The stream rows of the earnings report, each with {@code remaining_seconds} added from
     * {@code GET /api/v1/admin/vms} (the paid time left of the VM's stream; null when the VM is gone or the chain
     * cannot be read).
     */
    static List<StreamRow> streams(ProviderBaseCommand cmd, Earnings earnings) {
        Map<BigInteger, Long> runway = new HashMap<>();
        try {
            for (OperatorVms.Vm vm : cmd.api().vms().vms()) {
                if (vm.streamId() != null) {
                    runway.put(vm.streamId(), vm.runwaySeconds());
                }
            }
        } catch (CliException e) {
            // runway is an extra: without it the earnings are still right
        }
        List<StreamRow> out = new ArrayList<>();
        for (Earnings.Stream s : earnings.streams()) {
            out.add(new StreamRow(s.vmId(), s.streamId(), s.token(), s.vested(), s.withdrawn(), s.withdrawable(),
                    s.status(), s.settled(), runway.get(s.streamId()), null));
        }
        return out;
    }

    static String remaining(Long seconds) {
        return seconds == null ? null : Formats.duration(seconds);
    }

    /**
     * {@code golem-provider streams list [--json]}. JSON {@code {"streams": [{vm_id, stream_id, token, vested,
     * withdrawn, withdrawable, status, settled, remaining_seconds}]}} (wei); table: VM, stream, status, remaining,
     * vested, withdrawn, withdrawable.
     */
    @Command(name = "list", description = "List the streams of this provider's VMs with what each earned.")
    static final class ListStreams extends ProviderBaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            List<StreamRow> rows = streams(this, payments(() -> api().earnings()));
            if (output.json()) {
                printJson(new StreamList(rows));
                return 0;
            }
            if (rows.isEmpty()) {
                out().println("No streams mapped.");
                return 0;
            }
            TextTable t = new TextTable("VM", "STREAM", "STATUS", "REMAINING", "VESTED", "WITHDRAWN", "WITHDRAWABLE")
                    .alignRight(1, 3, 4, 5, 6);
            for (StreamRow s : rows) {
                t.row(text(s.vmId()), text(s.streamId()), text(s.status()) + (s.settled() ? " (settled)" : ""),
                        remaining(s.remainingSeconds()), amount(s.vested()), amount(s.withdrawn()),
                        amount(s.withdrawable()));
            }
            t.print(out());
            return 0;
        }
    }

    /**
     * {@code golem-provider streams show VM_ID [--json]}: the stream of one VM (the newest when the name was used
     * again), with its withdrawals. JSON: the stream row plus {@code withdrawals}. Unknown VM:
     * {@code No stream mapped for this VM.}, exit 1.
     */
    @Command(name = "show", description = "Show the stream of one VM.")
    static final class Show extends ProviderBaseCommand {

        @Parameters(index = "0", paramLabel = "VM_ID", description = "The VM's name.")
        String vmId;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            Earnings earnings = payments(() -> api().earnings());
            StreamRow newest = null;
            for (StreamRow s : streams(this, earnings)) {
                if (vmId.equals(s.vmId()) && (newest == null || (s.streamId() != null
                        && (newest.streamId() == null || s.streamId().compareTo(newest.streamId()) > 0)))) {
                    newest = s;
                }
            }
            if (newest == null) {
                throw new CliException("No stream mapped for this VM.");
            }
            StreamRow found = newest.withWithdrawals(earnings.withdrawals());
            if (output.json()) {
                printJson(found);
                return 0;
            }
            Panel p = new Panel()
                    .add("VM", text(found.vmId()))
                    .add("Stream ID", text(found.streamId()))
                    .add("Status", text(found.status())
                            + (found.settled() ? " (settled: nothing more to collect)" : ""))
                    .add("Remaining", remaining(found.remainingSeconds()));
            if (found.token() != null && !found.token().isEmpty()) {
                p.add("Token", isNative(found.token()) ? "native " + root().tokenSymbol() : found.token());
            }
            p.add("Vested", amount(found.vested()))
                    .add("Withdrawn", amount(found.withdrawn()))
                    .add("Withdrawable", amount(found.withdrawable()))
                    .add("Withdrawals", found.withdrawals().isEmpty() ? "none"
                            : String.valueOf(found.withdrawals().size()));
            p.print(out());
            for (Earnings.WithdrawalRecord w : found.withdrawals()) {
                out().println("  " + time(w.createdAt()) + "  " + amount(w.amountWei()) + "  " + text(w.origin())
                        + "  tx " + text(w.txHash()));
            }
            return 0;
        }
    }

    static String time(long epoch) {
        // the provider writes epoch milliseconds; accept seconds too
        return Formats.time(epoch > 100_000_000_000L ? Instant.ofEpochMilli(epoch) : Instant.ofEpochSecond(epoch));
    }

    /**
     * {@code golem-provider streams earnings [--json]}. JSON (the original's shape, extended): the provider's
     * {@link Earnings}, {@code {"streams": [{vm_id, stream_id, token, vested, withdrawn, withdrawable, status,
     * settled}], "totals": {"vested", "withdrawn", "withdrawable"}, "withdrawals": [{stream_id, vm_id, amount_wei,
     * tx_hash, origin, created_at}], "chain_time"}} (wei); for people: totals, per stream, and the withdrawal history.
     */
    @Command(name = "earnings", description = "Summarise what the streams earned: vested, withdrawn, withdrawable, "
            + "per stream and in total, and the withdrawals made.")
    static final class EarningsReport extends ProviderBaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            Earnings e = payments(() -> api().earnings());
            if (output.json()) {
                printJson(e);
                return 0;
            }
            Earnings.Totals t = e.totals();
            out().println("Earnings summary (" + root().tokenSymbol() + ")");
            new Panel().add("Withdrawable", amount(t.withdrawable()))
                    .add("Withdrawn", amount(t.withdrawn()))
                    .add("Vested", amount(t.vested()))
                    .print(out());
            out().println();
            if (e.streams().isEmpty()) {
                out().println("No streams mapped.");
            } else {
                out().println("Per stream");
                TextTable table = new TextTable("VM", "STREAM", "STATUS", "VESTED", "WITHDRAWN", "WITHDRAWABLE")
                        .alignRight(1, 3, 4, 5);
                for (Earnings.Stream s : e.streams()) {
                    table.row(text(s.vmId()), text(s.streamId()), text(s.status()), amount(s.vested()),
                            amount(s.withdrawn()), amount(s.withdrawable()));
                }
                table.print(out());
            }
            if (!e.withdrawals().isEmpty()) {
                out().println();
                out().println("Withdrawals");
                TextTable table = new TextTable("TIME", "VM", "STREAM", "AMOUNT", "BY", "TX").alignRight(2, 3);
                for (Earnings.WithdrawalRecord w : e.withdrawals()) {
                    table.row(time(w.createdAt()), text(w.vmId()), text(w.streamId()), amount(w.amountWei()),
                            text(w.origin()), text(w.txHash()));
                }
                table.print(out());
            }
            return 0;
        }
    }

    /** The target of a withdrawal: exactly one of the three. */
    static final class Target {
        @Option(names = "--vm-id", paramLabel = "VM_ID", description = "Withdraw the stream of this VM.")
        String vmId;

        @Option(names = "--stream-id", paramLabel = "N", description = "Withdraw this stream.")
        BigInteger streamId;

        @Option(names = "--all", description = "Withdraw every stream with something to collect.")
        boolean all;
    }

    /**
     * {@code golem-provider streams withdraw (--vm-id ID | --stream-id N | --all) [--json]}: {@code POST
     * /api/v1/admin/withdraw} now, whatever the auto-withdraw interval and minimum. Prints per stream
     * {@code Withdrew stream S for VM V: tx=H amount=A (W wei)} or {@code Failed to withdraw stream S for VM V: <error>};
     * exit status 1 when one failed. JSON: the provider's {@code {"results": [{stream_id, vm_name, amount_wei,
     * tx_hash, error}]}}.
     */
    @Command(name = "withdraw", description = "Withdraw vested funds now (the provider pays the gas).")
    static final class Withdraw extends ProviderBaseCommand {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            WithdrawTarget body;
            if (target.all) {
                body = new WithdrawTarget(true, null, null);
            } else if (target.streamId != null) {
                if (target.streamId.signum() < 0) {
                    throw usage("--stream-id must not be negative");
                }
                body = new WithdrawTarget(null, target.streamId, null);
            } else {
                body = new WithdrawTarget(null, null, target.vmId);
            }
            WithdrawResults r = payments(() -> api().withdraw(body));
            long failed = r.results().stream().filter(x -> x.error() != null && !x.error().isEmpty()).count();
            if (output.json()) {
                printJson(r);
                return failed == 0 ? 0 : 1;
            }
            if (r.results().isEmpty()) {
                out().println("Nothing to withdraw.");
                return 0;
            }
            for (WithdrawResults.Result x : r.results()) {
                String what = "stream " + text(x.streamId()) + " for VM " + text(x.vmName());
                if (x.error() == null || x.error().isEmpty()) {
                    // the exact wei too: this line is the receipt of a payment, the rounded amount is for reading
                    BigInteger wei = x.amountWei();
                    out().println("Withdrew " + what + ": tx=" + text(x.txHash()) + " amount="
                            + amount(wei) + (wei == null ? "" : " (" + wei + " wei)"));
                } else {
                    out().println("Failed to withdraw " + what + ": " + x.error());
                }
            }
            out().flush();
            return failed == 0 ? 0 : 1;
        }
    }
}
