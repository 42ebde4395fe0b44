package org.golem.vm.cli.requestor;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.DurationArgument;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.requestor.OpenStreamRequest;
import org.golem.vm.common.wire.requestor.StreamList;
import org.golem.vm.common.wire.requestor.StreamOpened;
import org.golem.vm.common.wire.requestor.StreamSummary;
import org.golem.vm.common.wire.requestor.StreamTerminated;
import org.golem.vm.common.wire.requestor.StreamToppedUp;
import org.golem.vm.common.wire.requestor.StreamView;
import org.golem.vm.common.wire.requestor.TopUpRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code golem vm stream}: payment streams (requestor-ear/API.md, "Streams"). Amounts in JSON are wei integers;
 * the text output shows them in token units.
 */
@Command(name = "stream",
        description = "Payment streams: list, open, top up, inspect, terminate.",
        subcommands = {
                StreamCommand.ListStreams.class,
                StreamCommand.Open.class,
                StreamCommand.TopUp.class,
                StreamCommand.Status.class,
                StreamCommand.Inspect.class,
                StreamCommand.Terminate.class
        })
final class StreamCommand extends CommandGroup {

    /**
     * {@code golem vm stream list [--json]}: {@code GET /api/v1/streams}, one entry per VM as its provider sees
     * it. JSON: {@code {"streams": [{"name","stream_id","status","remaining_seconds","verified","reason",
     * "error"}...]}}. Text: a table; {@code Verified} is {@code —} for a VM whose provider could not be asked
     * ({@code error} set), since then nothing was verified either way.
     */
    @Command(name = "list", description = "List the payment streams of your VMs, as their providers see them.")
    static final class ListStreams extends BaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            StreamList body = api().streams();
            if (output.json()) {
                printJson(body);
                return 0;
            }
            List<StreamSummary> streams = body.streams();
            if (streams == null || streams.isEmpty()) {
                out().println("No VMs found, so no streams.");
                return 0;
            }
            TextTable t = new TextTable("VM", "Stream ID", "Status", "Remaining", "Verified", "Note").alignRight(3);
            for (StreamSummary s : streams) {
                String error = Formats.orNull(s.error());
                t.row(s.name(), s.streamId(), s.status(),
                        s.remainingSeconds() == null ? null : Formats.duration(s.remainingSeconds()),
                        error != null ? null : s.verified() ? "yes" : "no",
                        error != null ? "error: " + error : s.reason());
            }
            out().println("Streams (" + t.size() + " VMs)");
            t.print(out());
            return 0;
        }
    }

    /**
     * {@code golem vm stream open --provider-id ID --cpu N --memory GB --storage GB [--hours 1] [--json]}:
     * {@code POST /api/v1/streams} → {@code {"stream_id","rate_per_second_wei","deposit_wei","recipient"}}.
     */
    @Command(name = "open", description = "Open a payment stream to a provider, sized for a VM, with a deposit of "
            + "--hours of runtime (use it with vm create --stream-id).")
    static final class Open extends BaseCommand {

        @Option(names = "--provider-id", required = true, paramLabel = "ID", description = "Provider address.")
        String providerId;

        @Mixin
        ResourceOptions resources;

        @Option(names = "--hours", paramLabel = "H", defaultValue = "1",
                description = "Hours of runtime to deposit (default: ${DEFAULT-VALUE}).")
        int hours;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            if (hours < 1) {
                throw new ParameterException(spec.commandLine(), "--hours must be at least 1");
            }
            OpenStreamRequest body = new OpenStreamRequest(providerId, resources.cpu, resources.memory,
                    resources.storage, (long) hours);
            StreamOpened r = api().openStream(body);
            if (output.json()) {
                printJson(r);
                return 0;
            }
            String symbol = symbol();
            BigInteger rate = r.ratePerSecondWei();
            BigInteger deposit = r.depositWei();
            out().println("Opened stream " + Formats.orDash(r.streamId()) + ".");
            new Panel()
                    .add("Rate", rate == null ? null : Formats.amount(rate, symbol) + "/s ("
                            + VmCommand.perHour(rate, symbol) + ")")
                    .add("Deposit", deposit == null ? null : Formats.amount(deposit, symbol))
                    .print(out());
            out().println("Use it with: golem vm create NAME --provider-id " + providerId + " --cpu "
                    + resources.cpu + " --memory " + resources.memory + " --storage " + resources.storage
                    + " --stream-id " + Formats.orDash(r.streamId()));
            return 0;
        }
    }

    /** How much to add: exactly one of {@code --hours} and {@code --amount-wei}. */
    static final class TopUpAmount {
        @Option(names = "--hours", required = true, paramLabel = "H",
                description = "Add this many hours at the stream's rate.")
        Integer hours;

        @Option(names = "--amount-wei", required = true, paramLabel = "WEI",
                description = "Add this amount, in wei.")
        BigInteger amountWei;

        @Option(names = "--duration", required = true, paramLabel = "D",
                description = "Add this long at the stream's rate: a whole number and s, m, h or d (90s, 30m, 6h, "
                        + "2d; at most 365d).")
        String duration;
    }

    /**
     * {@code golem vm stream topup --stream-id N (--hours H | --duration D | --amount-wei W) [--json]}:
     * {@code POST /api/v1/streams/{id}/topup} with {@code {"hours"}}, {@code {"seconds"}} or {@code {"amount_wei"}} →
     * {@code {"stream_id","topped_up_wei","tx","stop_time"}}. Giving neither or both is a usage error (exit 2).
     */
    @Command(name = "topup", description = "Add funds to a stream: --hours or --duration at its rate, or --amount-wei.")
    static final class TopUp extends BaseCommand {

        @Mixin
        StreamIdOption stream;

        @ArgGroup(exclusive = true, multiplicity = "1")
        TopUpAmount amount;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            TopUpRequest body;
            if (amount.hours != null) {
                if (amount.hours < 1) {
                    throw new ParameterException(spec.commandLine(), "--hours must be at least 1");
                }
                body = TopUpRequest.ofHours(amount.hours);
            } else if (amount.duration != null) {
                try {
                    body = TopUpRequest.ofSeconds(DurationArgument.seconds(amount.duration, TopUpRequest.MAX_SECONDS));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--duration: " + e.getMessage());
                }
            } else {
                if (amount.amountWei.signum() <= 0) {
                    throw new ParameterException(spec.commandLine(), "--amount-wei must be positive");
                }
                body = TopUpRequest.ofWei(amount.amountWei);
            }
            StreamToppedUp r = api().topUpStream(stream.streamId, body);
            if (output.json()) {
                printJson(r);
                return 0;
            }
            out().println("Topped up stream " + Formats.orDash(r.streamId()) + " with "
                    + Formats.amount(r.toppedUpWei(), symbol()) + ".");
            Panel f = new Panel().add("Transaction", r.tx());
            if (r.stopTime() > 0) {
                Instant until = Instant.ofEpochSecond(r.stopTime());
                long left = until.getEpochSecond() - env().clock().instant().getEpochSecond();
                f.add("Paid until", Formats.time(until) + (left > 0 ? " (in " + Formats.duration(left) + ")" : ""));
            }
            f.print(out());
            return 0;
        }
    }

    /**
     * {@code golem vm stream status NAME [--json]}: {@code GET /api/v1/vms/{name}/stream} — the provider's view of
     * the VM's stream ({@code stream_id, chain, computed, verified, reason}), verbatim with {@code --json}.
     */
    @Command(name = "status", description = "Show a VM's payment stream as its provider sees it.")
    static final class Status extends BaseCommand {

        @Mixin
        VmNameParameter vmName;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            StreamStatusResponse s = api().vmStream(vmName.name());
            if (output.json()) {
                printJson(s);
                return 0;
            }
            out().println("Payment stream of VM '" + vmName.name() + "'");
            StreamFields.add(new Panel(), s, symbol(), env().clock().instant()).print(out());
            return 0;
        }
    }

    /**
     * {@code golem vm stream inspect --stream-id N [--json]}: {@code GET /api/v1/streams/{id}}, read from the
     * chain: {@code {"stream_id","chain":{...},"computed":{...}}}.
     */
    @Command(name = "inspect", description = "Read a stream from the chain.")
    static final class Inspect extends BaseCommand {

        @Mixin
        StreamIdOption stream;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            StreamView s = api().stream(stream.streamId);
            if (output.json()) {
                printJson(s);
                return 0;
            }
            out().println("Stream " + stream.streamId + " on chain");
            StreamFields.add(new Panel(), s, symbol(), env().clock().instant()).print(out());
            return 0;
        }
    }

    /**
     * {@code golem vm stream terminate --stream-id N [--json]}: {@code POST /api/v1/streams/{id}/terminate} →
     * {@code {"stream_id","tx","refunded_wei"}} (the provider is paid what has vested, the rest comes back).
     */
    @Command(name = "terminate", description = "Terminate a stream: the provider gets what has vested, the rest "
            + "of the deposit comes back. A VM paid by it will be stopped by its provider.")
    static final class Terminate extends BaseCommand {

        @Mixin
        StreamIdOption stream;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            StreamTerminated r = api().terminateStream(stream.streamId);
            if (output.json()) {
                printJson(r);
                return 0;
            }
            out().println("Terminated stream " + Formats.orDash(r.streamId()) + ".");
            new Panel()
                    .add("Refunded", Formats.amount(r.refundedWei(), symbol()))
                    .add("Transaction", r.tx())
                    .print(out());
            return 0;
        }
    }
}
