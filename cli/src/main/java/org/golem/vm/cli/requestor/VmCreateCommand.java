package org.golem.vm.cli.requestor;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.golem.vm.cli.support.CliEnv;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.UserData;
import org.golem.vm.common.wire.requestor.CreationStarted;
import org.golem.vm.common.wire.requestor.JobError;
import org.golem.vm.common.wire.requestor.JobView;
import org.golem.vm.common.wire.requestor.PriceEstimate;
import org.golem.vm.common.wire.requestor.ProviderListing;
import org.golem.vm.common.wire.requestor.RentVmRequest;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.common.wire.requestor.VmDetail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code golem vm create NAME --provider-id ID --cpu N --memory GB --storage GB [--hours 1] [--stream-id N]
 * [--image I] [--port P]... [--user-data FILE] [--yes] [--json]}.
 *
 * <p>{@code --user-data FILE}: the file's text (UTF-8, at most {@link UserData#MAX_BYTES} bytes) goes to the VM's
 * cloud-init as is; a missing, unreadable, non-UTF-8 or too large file is refused before anything is sent.
 *
 * <p>Flow: when stdin is a terminal and {@code --yes} is not given, shows the provider's estimate
 * ({@code GET /api/v1/providers?cpu&memory&storage}) and the deposit and asks for confirmation (no terminal and no
 * {@code --yes}: proceeds, saying so on stderr). Then {@code POST /api/v1/vms} (202 with a {@code job_id}) and
 * polls {@code GET /api/v1/jobs/{id}} every {@link CliEnv#jobPollInterval()}, printing each new {@code step} on
 * stderr as {@code [  4.5s] opening the payment stream}. On {@code ready} prints the VM and how to connect (with
 * {@code --json}: the job's VM record, or the answer of {@code GET /api/v1/vms/{name}} when the job has none); on
 * {@code failed} prints {@code golem: VM creation failed: <message> (<CODE>)} and exits 1.
 */
@Command(name = "create", description = "Create a VM on a provider: opens a payment stream (unless --stream-id) "
        + "and waits until the VM is up.")
final class VmCreateCommand extends BaseCommand {

    /** Polling stops after this long (the service keeps working; {@code vm info} shows the outcome). */
    static final Duration POLL_LIMIT = Duration.ofMinutes(30);

    @Parameters(paramLabel = "NAME", description = "VM name: lower-case letters, digits and dashes.")
    String name;

    @Option(names = "--provider-id", required = true, paramLabel = "ID", description = "Provider address (0x...).")
    String providerId;

    @Mixin
    ResourceOptions resources;

    @Option(names = "--hours", paramLabel = "H", defaultValue = "1",
            description = "Hours of runtime to deposit in the new stream (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--stream-id", paramLabel = "N", description = "Use this existing stream instead of opening one.")
    BigInteger streamId;

    @Option(names = "--image", paramLabel = "IMAGE", description = "VM image, one the provider offers (see golem vm images --provider-id ID), e.g. debian-12, "
                    + "debian-12-docker or micro; default: the provider's. An image it does not offer is refused "
                    + "before anything is paid.")
    String image;

    @Option(names = "--port", paramLabel = "PORT", description = "Guest TCP port to forward besides SSH (repeat for "
            + "more, up to the provider's max_ports); the provider assigns each a public port: see golem vm ports.")
    List<Integer> ports;
    @Option(names = "--user-data", paramLabel = "FILE", description = "cloud-init user-data for the VM "
            + "(#cloud-config, a #! script, MIME multi-part; at most 64 KiB); only for images that run cloud-init.")
    Path userDataFile;

    @Mixin
    ConfirmationOption confirmation;

    @Mixin
    JsonOutput output;

    @Override
    public Integer call() {
        if (hours < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--hours must be at least 1");
        }
        String userData = userDataFile == null ? null : readUserData(userDataFile);
        if (!confirmation.yes) {
            if (env().stdinIsTerminal()) {
                showEstimate();
                if (!confirm("Create VM '" + name + "'?")) {
                    throw new CliException("cancelled; nothing was created");
                }
            } else {
                err().println("note: no terminal to confirm on, creating without confirmation (--yes skips this "
                        + "note)");
            }
        }
        RentVmRequest body = new RentVmRequest(name, providerId, resources.cpu, resources.memory, resources.storage,
                (long) hours, streamId, image, userData, ports);
        Instant started = env().clock().instant();
        CreationStarted accepted = api().createVm(body);
        String jobId = accepted.jobId();
        if (jobId == null || jobId.isEmpty()) {
            throw new CliException("unexpected answer from POST /api/v1/vms: no job_id");
        }
        err().println("Creating VM '" + name + "' (job " + jobId + ")");
        // Ctrl+C stops only the waiting: the service goes on creating (or refunding)
        Thread hint = new Thread(() -> {
            err().println();
            err().println("stopped waiting; the requestor service goes on creating VM '" + name
                    + "': see golem vm info " + name);
        });
        Runtime.getRuntime().addShutdownHook(hint);
        JobView job;
        try {
            job = poll(jobId, started);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException e) {
                // shutting down: the hint is being printed
            }
        }
        if ("failed".equals(job.status())) {
            JobError e = job.error();
            String message = e == null ? null : Formats.orNull(e.message());
            if (message == null) {
                message = Formats.orNull(job.message());
            }
            String code = e == null ? null : Formats.orNull(e.code());
            throw new CliException("VM creation failed: " + (message == null ? "no reason given" : message)
                    + (code == null ? "" : " (" + code + ")"));
        }
        RentedVmView vm = job.vm();
        Object answer = vm;
        if (vm == null) {
            VmDetail detail = api().vm(name);
            vm = detail.vm();
            answer = detail;
        }
        if (output.json()) {
            printJson(answer);
            return 0;
        }
        printReady(vm);
        return 0;
    }

    /**
     * @param file the {@code --user-data} file
     * @return its text
     * @throws CliException when it is missing, not a regular file, unreadable, not UTF-8 text, empty or larger than
     *                      {@link UserData#MAX_BYTES}
     */
    static String readUserData(Path file) {
        String where = "--user-data " + file;
        if (!Files.exists(file)) {
            throw new CliException(where + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(where + ": not a regular file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > UserData.MAX_BYTES) {
                throw new CliException(where + ": " + size + " bytes; user-data may be at most " + UserData.MAX_BYTES
                        + " bytes (64 KiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException(where + ": cannot read it (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        if (bytes.length > UserData.MAX_BYTES) { // grew while read
            throw new CliException(where + ": " + bytes.length + " bytes; user-data may be at most "
                    + UserData.MAX_BYTES + " bytes (64 KiB)");
        }
        if (bytes.length == 0) {
            throw new CliException(where + ": the file is empty");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(where + ": not UTF-8 text (user-data travels as text; a gzip archive cannot)");
        }
    }

    private JobView poll(String jobId, Instant started) {
        String lastStep = null;
        while (true) {
            JobView job = api().job(jobId);
            String step = Formats.orNull(job.step());
            String status = job.status();
            // a failure is told once, by the error that ends the command (the job's last message is stale then)
            if (step != null && !Objects.equals(step, lastStep) && !"failed".equals(status)) {
                lastStep = step;
                double elapsed = Duration.between(started, env().clock().instant()).toMillis() / 1000.0;
                String message = Formats.orNull(job.message());
                err().println(String.format(Locale.ROOT, "[%6.1fs] %s%s", elapsed, stepLabel(step),
                        message == null ? "" : ": " + message));
            }
            if ("ready".equals(status) || "failed".equals(status)) {
                return job;
            }
            if (Duration.between(started, env().clock().instant()).compareTo(POLL_LIMIT) > 0) {
                throw new CliException("VM '" + name + "' is still being created after " + POLL_LIMIT.toMinutes()
                        + " min (job " + jobId + "); check later with: golem vm info " + name);
            }
            env().sleep(env().jobPollInterval());
        }
    }

    /**
     * @param step a job step from the API ({@code validating}, {@code opening_stream}, ...)
     * @return the progress text for it
     */
    static String stepLabel(String step) {
        return switch (step) {
            case "validating" -> "checking the request, the provider and the wallet";
            case "opening_stream" -> "opening the payment stream";
            case "creating_vm" -> "creating the VM on the provider";
            case "booting" -> "waiting for the VM to boot";
            case "ready" -> "ready";
            case "refunding" -> "terminating the payment stream (refund)";
            case "failed" -> "failed";
            default -> step;
        };
    }

    private void showEstimate() {
        Map<String, Object> q = RequestorClient.query();
        q.put("cpu", resources.cpu);
        q.put("memory", resources.memory);
        q.put("storage", resources.storage);
        q.put("all_payments", "true");
        ProviderListing provider = null;
        List<ProviderListing> listed = api().providers(q).providers();
        for (ProviderListing p : listed == null ? List.<ProviderListing>of() : listed) {
            if (providerId.equalsIgnoreCase(p.advertisement().providerId())) {
                provider = p;
                break;
            }
        }
        String symbol = symbol();
        Panel f = new Panel().add("Name", name);
        if (provider == null) {
            f.add("Provider", providerId + " (not listed with free " + resources.describe() + ")");
        } else {
            Advertisement ad = provider.advertisement();
            String pname = Formats.orNull(ad.providerName());
            String country = Formats.orNull(ad.country());
            f.add("Provider", providerId + (pname == null ? "" : " " + pname)
                    + (country == null ? "" : ", " + country));
        }
        f.add("Resources", resources.describe());
        PriceEstimate e = provider == null ? null : provider.estimate();
        if (e != null) {
            BigDecimal usd = e.usdPerMonth();
            String tokens = VmProvidersCommand.tokenPerMonth(e, symbol);
            f.add("Estimated cost", (usd == null ? "" : "~" + Formats.usd(usd) + "/mo")
                    + (tokens == null ? "" : (usd == null ? "" : ", ") + tokens + "/mo"));
            BigInteger rate = e.ratePerSecondWei();
            if (rate != null) {
                f.add("Rate", Formats.amount(rate, symbol) + "/s (" + VmCommand.perHour(rate, symbol) + ")");
            }
            BigInteger perHour = e.depositWeiPerHour();
            if (streamId == null && perHour != null) {
                f.add("Deposit", Formats.amount(perHour.multiply(BigInteger.valueOf(hours)), symbol) + " for "
                        + hours + " h (the unspent part is refunded when the VM is destroyed)");
            }
        } else {
            f.add("Estimated cost", "unknown (the provider advertises no prices)");
        }
        if (streamId != null) {
            f.add("Stream", streamId + " (existing; no new deposit)");
        }
        f.print(err());
    }

    private void printReady(RentedVmView vm) {
        out().println("VM '" + name + "' is " + Formats.orDash(vm.status()) + ".");
        Panel f = new Panel()
                .add("Provider", vm.providerId())
                .add("Resources", Formats.resources(vm.resources()))
                .add("SSH", VmCommand.sshEndpoint(vm))
                .add("Ports", VmCommand.forwards(vm))
                .add("Host key", vm.sshHostKeyFingerprint())
                .add("Stream", vm.streamId());
        f.print(out());
        out().println("Connect with: golem vm ssh " + name);
    }
}
