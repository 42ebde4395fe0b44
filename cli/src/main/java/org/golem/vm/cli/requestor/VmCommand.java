package org.golem.vm.cli.requestor;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.requestor.PurgeResult;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.common.wire.requestor.TopUpView;
import org.golem.vm.common.wire.requestor.VmDeleted;
import org.golem.vm.common.wire.requestor.VmDetail;
import org.golem.vm.common.wire.requestor.VmList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code golem vm}: the VM commands. Each leaf command calls one or two routes of the requestor service
 * (requestor-ear/API.md, "VMs"); {@code --json} prints the service's answer (its record, pretty: the same fields in
 * the same order as the service wrote them), the default is text.
 */
@Command(name = "vm",
        description = "Virtual machines: find providers, create, list, connect, stop and destroy.",
        subcommands = {
                VmProvidersCommand.class,
                VmImagesCommand.class,
                VmCreateCommand.class,
                VmCommand.ListVms.class,
                VmCommand.Info.class,
                VmCommand.Ports.class,
                VmCommand.Start.class,
                VmCommand.Stop.class,
                VmCommand.Destroy.class,
                VmCommand.Purge.class,
                VmSshCommands.Ssh.class,
                VmSshCommands.Exec.class,
                VmSshCommands.Stats.class,
                VmSshCommands.Proxy.class,
                StreamCommand.class
        })
final class VmCommand extends CommandGroup {

    /** @return {@code 0xDd329f…7055} for a long id, the id itself otherwise */
    static String shortId(String id) {
        if (id == null) {
            return null;
        }
        return id.length() > 16 ? id.substring(0, 8) + "…" + id.substring(id.length() - 4) : id;
    }

    /** @return {@code user@host:port}, or null when the VM has no SSH endpoint yet */
    static String sshEndpoint(RentedVmView vm) {
        String host = Formats.orNull(vm.sshHost());
        if (host == null || vm.sshPort() == null) {
            return null;
        }
        String user = Formats.orNull(vm.sshUser());
        return (user == null ? "" : user + "@") + host + ":" + vm.sshPort();
    }

    /**
     * @return the VM's forwarded guest ports besides SSH as {@code 80 → host:50812, 443 → host:50813}, or null when
     *         it has none
     */
    static String forwards(RentedVmView vm) {
        if (vm.ports().isEmpty()) {
            return null;
        }
        String host = Formats.orNull(vm.sshHost());
        return vm.ports().stream().map(f -> f.guestPort() + " → " + (host == null ? "" : host) + ":" + f.hostPort())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * {@code golem vm list [--json]}: {@code GET /api/v1/vms}. JSON: {@code {"vms": [VM...]}}, also when empty.
     * Text: a table, or {@code No VMs found.}
     */
    @Command(name = "list", description = "List your VMs.")
    static final class ListVms extends BaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            VmList body = api().vms();
            List<RentedVmView> vms = body.vms();
            if (vms == null) {
                throw new CliException("unexpected answer from GET /api/v1/vms: no \"vms\" list");
            }
            if (output.json()) {
                printJson(body);
                return 0;
            }
            if (vms.isEmpty()) {
                out().println("No VMs found. Create one with: golem vm create NAME --provider-id ID --cpu N "
                        + "--memory GB --storage GB");
                return 0;
            }
            Instant now = env().clock().instant();
            TextTable t = new TextTable("Name", "Status", "Provider", "CPU", "Memory (GB)", "Disk (GB)", "SSH",
                    "Stream", "Created").alignRight(3, 4, 5);
            for (RentedVmView vm : vms) {
                Resources r = vm.resources();
                t.row(vm.name(), vm.status(), shortId(vm.providerId()), r == null ? null : r.cpu(),
                        r == null ? null : r.memoryGib(), r == null ? null : r.storageGib(), sshEndpoint(vm),
                        vm.streamId(), Formats.age(Formats.parseInstant(vm.createdAt()), now));
            }
            out().println("Your VMs (" + t.size() + ")");
            t.print(out());
            return 0;
        }
    }

    /**
     * {@code golem vm info NAME [--json]}: {@code GET /api/v1/vms/{name}} (the VM, its stream as read from the
     * chain and whether the wallet can keep it funded).
     */
    @Command(name = "info", description = "Show a VM: status, SSH endpoint, payment stream.")
    static final class Info extends BaseCommand {

        @Mixin
        VmNameParameter vmName;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            VmDetail detail = api().vm(vmName.name());
            if (output.json()) {
                printJson(detail);
                return 0;
            }
            RentedVmView vm = detail.vm();
            Panel f = new Panel()
                    .add("Name", vm.name())
                    .add("Status", vm.status())
                    .add("Provider", vm.providerId())
                    .add("Provider URL", vm.providerUrl())
                    .add("VM ID", vm.vmId())
                    .add("Resources", Formats.resources(vm.resources()));
            String ssh = sshEndpoint(vm);
            if (ssh != null) {
                f.add("SSH", ssh + "  (connect: golem vm ssh " + vmName.name() + ")");
            }
            f.add("Ports", forwards(vm))
                    .add("Host key", vm.sshHostKeyFingerprint())
                    .add("Created", Formats.time(vm.createdAt()))
                    .add("Updated", Formats.time(vm.updatedAt()))
                    .add("Error", vm.error());
            if (detail.stream() != null) {
                StreamFields.add(f, detail.stream(), symbol(), env().clock().instant());
            } else {
                f.add("Stream ID", vm.streamId());
            }
            TopUpView topUp = detail.topUp();
            if (topUp != null) {
                f.add("Auto top-up", "keeps " + Formats.duration(topUp.targetRunwaySeconds()) + " paid ahead");
                if (!topUp.affordable()) {
                    String message = Formats.orNull(topUp.message());
                    f.add("Warning", message == null ? "the wallet cannot afford keeping this VM funded" : message);
                }
            }
            f.print(out());
            return 0;
        }
    }

    /**
     * {@code golem vm ports NAME [--json]}: the VM's forwarded guest TCP ports besides SSH, from
     * {@code GET /api/v1/vms/{name}}. Text: one line per port, {@code 80 → host:50812} (the guest port, then where
     * it is reached); JSON: {@code {"name", "host", "ports": [{"guest_port", "host_port"}]}}.
     */
    @Command(name = "ports", description = "Show the VM's forwarded TCP ports: guest port → provider address.")
    static final class Ports extends BaseCommand {

        @Mixin
        VmNameParameter vmName;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            RentedVmView vm = api().vm(vmName.name()).vm();
            if (output.json()) {
                java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
                answer.put("name", vm.name());
                answer.put("host", vm.sshHost());
                answer.put("ports", vm.ports());
                printJson(answer);
                return 0;
            }
            if (vm.ports().isEmpty()) {
                out().println("VM '" + vm.name() + "' forwards no ports besides SSH (golem vm create --port PORT "
                        + "asks for them).");
                return 0;
            }
            String host = Formats.orNull(vm.sshHost());
            int width = vm.ports().stream().mapToInt(f -> Integer.toString(f.guestPort()).length()).max().orElse(0);
            vm.ports().forEach(f -> out().println(String.format(java.util.Locale.ROOT, "%" + width + "d → %s:%d",
                    f.guestPort(), host == null ? "" : host, f.hostPort())));
            return 0;
        }
    }

    /** {@code golem vm start NAME [--json]}: {@code POST /api/v1/vms/{name}/start}. */
    @Command(name = "start", description = "Start a stopped VM.")
    static final class Start extends BaseCommand {

        @Mixin
        VmNameParameter vmName;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            RentedVmView vm = api().startVm(vmName.name());
            if (output.json()) {
                printJson(vm);
                return 0;
            }
            out().println("VM '" + vmName.name() + "' is " + Formats.orDash(vm.status()) + ".");
            String ssh = sshEndpoint(vm);
            if (ssh != null) {
                out().println("Connect with: golem vm ssh " + vmName.name() + "  (" + ssh + ")");
            }
            return 0;
        }
    }

    /** {@code golem vm stop NAME [--json]}: {@code POST /api/v1/vms/{name}/stop} (the stream keeps running). */
    @Command(name = "stop", description = "Stop a VM; it keeps its disk and can be started again.%n"
            + "The payment stream keeps running: destroy the VM to get the unspent deposit back.")
    static final class Stop extends BaseCommand {

        @Mixin
        VmNameParameter vmName;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            RentedVmView vm = api().stopVm(vmName.name());
            if (output.json()) {
                printJson(vm);
                return 0;
            }
            out().println("VM '" + vmName.name() + "' is " + Formats.orDash(vm.status()) + ".");
            out().println("Its disk is kept and its payment stream keeps running; start it with: golem vm start "
                    + vmName.name() + ", or destroy it to get the unspent deposit back.");
            return 0;
        }
    }

    /**
     * {@code golem vm destroy NAME [--json]} (alias {@code delete}): {@code DELETE /api/v1/vms/{name}} — deletes
     * the VM on the provider, terminates its stream (refund of the unspent deposit) and removes the record.
     */
    @Command(name = "destroy", aliases = "delete",
            description = "Destroy a VM: delete it on the provider, terminate its payment stream (refunding the "
                    + "unspent deposit) and forget it.")
    static final class Destroy extends BaseCommand {

        @Mixin
        VmNameParameter vmName;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            VmDeleted r = api().destroyVm(vmName.name());
            if (output.json()) {
                printJson(r);
                return 0;
            }
            String destroyed = Formats.orNull(r.name());
            out().println("VM '" + (destroyed == null ? vmName.name() : destroyed) + "' destroyed.");
            BigInteger stream = r.streamId();
            String refund = Formats.orNull(r.refundTx());
            if (stream != null) {
                String amount = r.refundedWei() == null ? "" : " " + Formats.amount(r.refundedWei(), symbol())
                        + " (" + r.refundedWei() + " wei)";
                out().println("Payment stream " + stream + " terminated"
                        + (refund == null ? "." : "; unspent deposit" + amount + " refunded (tx " + refund + ")."));
            }
            return 0;
        }
    }

    /**
     * {@code golem vm purge [--yes] [--force] [--json]}: destroys every VM ({@code POST /api/v1/vms/purge}).
     * Asks first when stdin is a terminal (without one, {@code --yes} is required). Exit 1 when a VM could not be
     * destroyed cleanly, unless {@code --force}.
     */
    @Command(name = "purge", description = "Destroy all your VMs (and terminate their payment streams).")
    static final class Purge extends BaseCommand {

        @Mixin
        ConfirmationOption confirmation;

        @Option(names = "--force", description = "Exit 0 even when some VMs could not be destroyed cleanly.")
        boolean force;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            if (!confirmation.yes) {
                List<RentedVmView> vms = api().vms().vms();
                if (vms != null && vms.isEmpty()) {
                    if (output.json()) {
                        printJson(new PurgeResult(List.of()));
                    } else {
                        out().println("No VMs to purge.");
                    }
                    return 0;
                }
                if (!env().stdinIsTerminal()) {
                    throw new CliException("refusing to destroy all VMs without confirmation: no terminal to ask "
                            + "on; pass --yes");
                }
                if (!confirm("Destroy all " + (vms != null ? vms.size() + " " : "") + "VMs and terminate their "
                        + "payment streams?")) {
                    throw new CliException("cancelled; nothing was destroyed");
                }
            }
            PurgeResult r = api().purgeVms();
            List<PurgeResult.Entry> results = r.results() == null ? List.of() : r.results();
            int failed = 0;
            for (PurgeResult.Entry item : results) {
                if (!item.ok()) {
                    failed++;
                }
            }
            if (output.json()) {
                printJson(r);
            } else if (results.isEmpty()) {
                out().println("No VMs to purge.");
            } else {
                TextTable t = new TextTable("Name", "Result", "Message");
                for (PurgeResult.Entry item : results) {
                    t.row(item.name(), item.ok() ? "ok" : "FAILED", item.message());
                }
                t.print(out());
                out().println("Purged " + (results.size() - failed) + " of " + results.size() + " VMs.");
            }
            if (failed > 0 && !force) {
                throw new CliException(failed + " of " + results.size()
                        + " VMs were not destroyed cleanly (see above); --force ignores this");
            }
            return 0;
        }
    }

    /** @return {@code rate} wei per second as {@code X SYM/h} */
    static String perHour(BigInteger ratePerSecond, String symbol) {
        return Formats.amount(ratePerSecond.multiply(BigInteger.valueOf(3600)), symbol) + "/h";
    }
}
