package org.golem.vm.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.json.Json;
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
        subcommands = {StreamsCommand.ListStreams.class, StreamsCommand.Show.class, StreamsCommand.Earnings.class,
                StreamsCommand.Withdraw.class})
final class StreamsCommand extends CommandGroup {

    /**
     * The stream rows of the earnings report, each with {@code remaining_seconds} added from
     * {@code GET /api/v1/admin/vms} (the paid time left of the VM's stream; null when the VM is gone or the chain
     * cannot be read).
     */
    static ArrayNode streams(ProviderBaseCommand cmd, JsonNode earnings) {
        Map<String, JsonNode> runway = new HashMap<>();
        try {
            for (JsonNode vm : cmd.api().vms().path("vms")) {
                String sid = Formats.textOrNull(vm.get("stream_id"));
                if (sid != null) {
                    runway.put(sid, vm.get("runway_seconds"));
                }
            }
        } catch (CliException e) {
            // runway is an extra: without it the earnings are still right
        }
        ArrayNode out = Json.mapper().createArrayNode();
        for (JsonNode s : earnings.path("streams")) {
            ObjectNode o = s.isObject() ? ((ObjectNode) s).deepCopy() : Json.mapper().createObjectNode();
            JsonNode r = runway.get(Formats.textOrNull(s.get("stream_id")));
            o.set("remaining_seconds", r == null ? Json.mapper().nullNode() : r);
            out.add(o);
        }
        return out;
    }

    static String remaining(JsonNode r) {
        return r == null || !r.isNumber() ? null : Formats.duration(r.asLong());
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
            ArrayNode rows = streams(this, payments(() -> api().earnings()));
            if (output.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.set("streams", rows);
                printJson(o);
                return 0;
            }
            if (rows.isEmpty()) {
                out().println("No streams mapped.");
                return 0;
            }
            TextTable t = new TextTable("VM", "STREAM", "STATUS", "REMAINING", "VESTED", "WITHDRAWN", "WITHDRAWABLE")
                    .alignRight(1, 3, 4, 5, 6);
            for (JsonNode s : rows) {
                t.row(Formats.text(s.get("vm_id")), Formats.text(s.get("stream_id")),
                        Formats.text(s.get("status")) + (s.path("settled").asBoolean(false) ? " (settled)" : ""),
                        remaining(s.get("remaining_seconds")), amount(s.get("vested")), amount(s.get("withdrawn")),
                        amount(s.get("withdrawable")));
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
            JsonNode earnings = payments(() -> api().earnings());
            ObjectNode found = null;
            for (JsonNode s : streams(this, earnings)) {
                if (vmId.equals(s.path("vm_id").asText(null))) {
                    BigInteger id = Formats.wei(s.get("stream_id"));
                    BigInteger best = found == null ? null : Formats.wei(found.get("stream_id"));
                    if (found == null || (id != null && (best == null || id.compareTo(best) > 0))) {
                        found = (ObjectNode) s;
                    }
                }
            }
            if (found == null) {
                throw new CliException("No stream mapped for this VM.");
            }
            ArrayNode withdrawals = Json.mapper().createArrayNode();
            for (JsonNode w : earnings.path("withdrawals")) {
                if (w.path("stream_id").asText("").equals(found.path("stream_id").asText())) {
                    withdrawals.add(w);
                }
            }
            found.set("withdrawals", withdrawals);
            if (output.json()) {
                printJson(found);
                return 0;
            }
            Panel p = new Panel()
                    .add("VM", Formats.text(found.get("vm_id")))
                    .add("Stream ID", Formats.text(found.get("stream_id")))
                    .add("Status", Formats.text(found.get("status"))
                            + (found.path("settled").asBoolean(false) ? " (settled: nothing more to collect)" : ""))
                    .add("Remaining", remaining(found.get("remaining_seconds")));
            String token = Formats.textOrNull(found.get("token"));
            if (token != null) {
                p.add("Token", token.matches("0x0{40}") ? "native " + root().tokenSymbol() : token);
            }
            p.add("Vested", amount(found.get("vested")))
                    .add("Withdrawn", amount(found.get("withdrawn")))
                    .add("Withdrawable", amount(found.get("withdrawable")))
                    .add("Withdrawals", withdrawals.isEmpty() ? "none" : String.valueOf(withdrawals.size()));
            p.print(out());
            for (JsonNode w : withdrawals) {
                out().println("  " + time(w.get("created_at")) + "  " + amount(w.get("amount_wei")) + "  "
                        + Formats.text(w.get("origin")) + "  tx " + Formats.text(w.get("tx_hash")));
            }
            return 0;
        }
    }

    static String time(JsonNode epoch) {
        if (epoch == null || !epoch.isNumber()) {
            return "—";
        }
        long v = epoch.asLong();
        // the provider writes epoch milliseconds; accept seconds too
        return Formats.time(v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v));
    }

    /**
     * {@code golem-provider streams earnings [--json]}. JSON (the original's shape, extended):
     * {@code {"streams": [{vm_id, stream_id, token, vested, withdrawn, withdrawable, status, settled}],
     * "totals": {"vested", "withdrawn", "withdrawable"}, "withdrawals": [{stream_id, vm_id, amount_wei, tx_hash,
     * origin, created_at}], "chain_time"}} (wei); for people: totals, per stream, and the withdrawal history.
     */
    @Command(name = "earnings", description = "Summarise what the streams earned: vested, withdrawn, withdrawable, "
            + "per stream and in total, and the withdrawals made.")
    static final class Earnings extends ProviderBaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            JsonNode e = payments(() -> api().earnings());
            if (output.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("streams", e.path("streams").isArray() ? e.get("streams") : Json.mapper().createArrayNode());
                o.put("totals", e.path("totals"));
                o.put("withdrawals", e.path("withdrawals").isArray() ? e.get("withdrawals")
                        : Json.mapper().createArrayNode());
                o.put("chain_time", e.get("chain_time"));
                printJson(o);
                return 0;
            }
            JsonNode t = e.path("totals");
            out().println("Earnings summary (" + root().tokenSymbol() + ")");
            new Panel().add("Withdrawable", amount(t.get("withdrawable")))
                    .add("Withdrawn", amount(t.get("withdrawn")))
                    .add("Vested", amount(t.get("vested")))
                    .print(out());
            out().println();
            if (e.path("streams").isEmpty()) {
                out().println("No streams mapped.");
            } else {
                out().println("Per stream");
                TextTable table = new TextTable("VM", "STREAM", "STATUS", "VESTED", "WITHDRAWN", "WITHDRAWABLE")
                        .alignRight(1, 3, 4, 5);
                for (JsonNode s : e.path("streams")) {
                    table.row(Formats.text(s.get("vm_id")), Formats.text(s.get("stream_id")),
                            Formats.text(s.get("status")), amount(s.get("vested")), amount(s.get("withdrawn")),
                            amount(s.get("withdrawable")));
                }
                table.print(out());
            }
            JsonNode history = e.path("withdrawals");
            if (!history.isEmpty()) {
                out().println();
                out().println("Withdrawals");
                TextTable table = new TextTable("TIME", "VM", "STREAM", "AMOUNT", "BY", "TX").alignRight(2, 3);
                for (JsonNode w : history) {
                    table.row(time(w.get("created_at")), Formats.text(w.get("vm_id")), Formats.text(w.get("stream_id")),
                            amount(w.get("amount_wei")), Formats.text(w.get("origin")), Formats.text(w.get("tx_hash")));
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
            Map<String, Object> body = new LinkedHashMap<>();
            if (target.all) {
                body.put("all", true);
            } else if (target.streamId != null) {
                if (target.streamId.signum() < 0) {
                    throw usage("--stream-id must not be negative");
                }
                body.put("stream_id", target.streamId);
            } else {
                body.put("vm_id", target.vmId);
            }
            JsonNode r = payments(() -> api().withdraw(body));
            if (output.json()) {
                printJson(r);
            }
            int failed = 0;
            for (JsonNode x : r.path("results")) {
                if (Formats.textOrNull(x.get("error")) != null) {
                    failed++;
                }
            }
            if (output.json()) {
                return failed == 0 ? 0 : 1;
            }
            if (r.path("results").isEmpty()) {
                out().println("Nothing to withdraw.");
                return 0;
            }
            for (JsonNode x : r.path("results")) {
                String what = "stream " + Formats.text(x.get("stream_id")) + " for VM " + Formats.text(x.get("vm_name"));
                String error = Formats.textOrNull(x.get("error"));
                if (error == null) {
                    // the exact wei too: this line is the receipt of a payment, the rounded amount is for reading
                    BigInteger wei = Formats.wei(x.get("amount_wei"));
                    out().println("Withdrew " + what + ": tx=" + Formats.text(x.get("tx_hash")) + " amount="
                            + amount(wei) + (wei == null ? "" : " (" + wei + " wei)"));
                } else {
                    out().println("Failed to withdraw " + what + ": " + error);
                }
            }
            out().flush();
            return failed == 0 ? 0 : 1;
        }
    }
}
