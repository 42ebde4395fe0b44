package org.golem.vm.cli.requestor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code golem vm}: the VM commands. Each leaf command calls one or two routes of the requestor service
 * (requestor-ear/API.md, "VMs"); {@code --json} prints the service's JSON (pretty), the default is text.
 */
@Command(name = "vm",
        description = "Virtual machines: find providers, create, list, connect, stop and destroy.",
        subcommands = {
                VmProvidersCommand.class,
                VmCreateCommand.class,
                VmCommand.ListVms.class,
                VmCommand.Info.class,
                VmCommand.Start.class,
                VmCommand.Stop.class,
                VmCommand.Destroy.class,
                VmCommand.Purge.class,
                VmSshCommands.Ssh.class,
                VmSshCommands.Exec.class,
                VmSshCommands.Stats.class,
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
    static String sshEndpoint(JsonNode vm) {
        String host = Formats.textOrNull(vm.get("ssh_host"));
        String port = Formats.textOrNull(vm.get("ssh_port"));
        if (host == null || port == null) {
            return null;
        }
        String user = Formats.textOrNull(vm.get("ssh_user"));
        return (user == null ? "" : user + "@") + host + ":" + port;
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
            JsonNode body = api().vms();
            JsonNode vms = body.isArray() ? body : body.path("vms");
            if (!vms.isArray()) {
                throw new CliException("unexpected answer from GET /api/v1/vms: no \"vms\" list");
            }
            if (output.json()) {
                ObjectNode wrapped = Json.mapper().createObjectNode();
                wrapped.set("vms", vms);
                printJson(wrapped);
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
            for (JsonNode vm : vms) {
                JsonNode r = vm.path("resources");
                t.row(Formats.textOrNull(vm.get("name")), Formats.textOrNull(vm.get("status")),
                        shortId(Formats.textOrNull(vm.get("provider_id"))), Formats.textOrNull(r.get("cpu")),
                        Formats.textOrNull(r.get("memory")), Formats.textOrNull(r.get("storage")), sshEndpoint(vm),
                        Formats.textOrNull(vm.get("stream_id")),
                        Formats.age(Formats.parseInstant(Formats.textOrNull(vm.get("created_at"))), now));
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
            JsonNode vm = api().vm(vmName.name());
            if (output.json()) {
                printJson(vm);
                return 0;
            }
            Panel f = new Panel()
                    .add("Name", Formats.textOrNull(vm.get("name")))
                    .add("Status", Formats.textOrNull(vm.get("status")))
                    .add("Provider", Formats.textOrNull(vm.get("provider_id")))
                    .add("Provider URL", Formats.textOrNull(vm.get("provider_url")))
                    .add("VM ID", Formats.textOrNull(vm.get("vm_id")))
                    .add("Resources", Formats.resources(vm.get("resources")));
            String ssh = sshEndpoint(vm);
            if (ssh != null) {
                f.add("SSH", ssh + "  (connect: golem vm ssh " + vmName.name() + ")");
            }
            f.add("Host key", Formats.textOrNull(vm.get("ssh_host_key_fingerprint")))
                    .add("Created", Formats.time(Formats.textOrNull(vm.get("created_at"))))
                    .add("Updated", Formats.time(Formats.textOrNull(vm.get("updated_at"))))
                    .add("Error", Formats.textOrNull(vm.get("error")));
            JsonNode stream = vm.get("stream");
            if (stream != null && stream.isObject()) {
                StreamFields.add(f, stream, symbol(), env().clock().instant());
            } else {
                f.add("Stream ID", Formats.textOrNull(vm.get("stream_id")));
            }
            JsonNode topUp = vm.get("top_up");
            if (topUp != null && topUp.isObject()) {
                JsonNode target = topUp.get("target_runway_seconds");
                if (target != null && target.isNumber()) {
                    f.add("Auto top-up", "keeps " + Formats.duration(target.asLong()) + " paid ahead");
                }
                if (topUp.has("affordable") && !topUp.path("affordable").asBoolean(true)) {
                    f.add("Warning", Formats.textOrNull(topUp.get("message")) == null
                            ? "the wallet cannot afford keeping this VM funded"
                            : Formats.textOrNull(topUp.get("message")));
                }
            }
            f.print(out());
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
            JsonNode vm = api().startVm(vmName.name());
            if (output.json()) {
                printJson(vm);
                return 0;
            }
            out().println("VM '" + vmName.name() + "' is " + Formats.text(vm.get("status")) + ".");
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
            JsonNode vm = api().stopVm(vmName.name());
            if (output.json()) {
                printJson(vm);
                return 0;
            }
            out().println("VM '" + vmName.name() + "' is " + Formats.text(vm.get("status")) + ".");
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
            JsonNode r = api().destroyVm(vmName.name());
            if (output.json()) {
                printJson(r);
                return 0;
            }
            String destroyed = Formats.textOrNull(r.get("name"));
            out().println("VM '" + (destroyed == null ? vmName.name() : destroyed) + "' destroyed.");
            String stream = Formats.textOrNull(r.get("stream_id"));
            String refund = Formats.textOrNull(r.get("refund_tx"));
            if (stream != null) {
                out().println("Payment stream " + stream + " terminated"
                        + (refund == null ? "." : "; unspent deposit refunded (tx " + refund + ")."));
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
                JsonNode vms = api().vms().path("vms");
                if (vms.isArray() && vms.isEmpty()) {
                    if (output.json()) {
                        printJson(Json.mapper().createObjectNode().set("results", Json.mapper().createArrayNode()));
                    } else {
                        out().println("No VMs to purge.");
                    }
                    return 0;
                }
                if (!env().stdinIsTerminal()) {
                    throw new CliException("refusing to destroy all VMs without confirmation: no terminal to ask "
                            + "on; pass --yes");
                }
                if (!confirm("Destroy all " + (vms.isArray() ? vms.size() + " " : "") + "VMs and terminate their "
                        + "payment streams?")) {
                    throw new CliException("cancelled; nothing was destroyed");
                }
            }
            JsonNode r = api().purgeVms();
            JsonNode results = r.path("results");
            int failed = 0;
            for (JsonNode item : results) {
                if (!item.path("ok").asBoolean(false)) {
                    failed++;
                }
            }
            if (output.json()) {
                printJson(r);
            } else if (results.isEmpty()) {
                out().println("No VMs to purge.");
            } else {
                TextTable t = new TextTable("Name", "Result", "Message");
                for (JsonNode item : results) {
                    t.row(Formats.textOrNull(item.get("name")), item.path("ok").asBoolean(false) ? "ok" : "FAILED",
                            Formats.textOrNull(item.get("message")));
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
