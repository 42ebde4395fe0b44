package org.golem.vm.cli.requestor;

import com.jcraft.jsch.Session;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.golem.vm.cli.proxy.ProxyStats;
import org.golem.vm.cli.ssh.InteractiveShell;
import org.golem.vm.cli.ssh.RemoteCommand;
import org.golem.vm.cli.ssh.SshConnector;
import org.golem.vm.cli.ssh.VmAccess;
import org.golem.vm.cli.ssh.VmStats;
import org.golem.vm.cli.support.CliEnv;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.Panel;
import org.golem.vm.common.wire.requestor.SshAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that log in to a VM with SSH (JSch, no {@code ssh} binary needed): {@code vm ssh},
 * {@code vm exec}, {@code vm stats}, {@code vm proxy}. They read {@code GET /api/v1/vms/{name}/access} and check the host key with
 * {@link org.golem.vm.cli.ssh.HostKeyPolicy}: against the provider's fingerprint, and against the VM's own pin in
 * known_hosts (under the alias the service names, not per host and port), pinning it on first use.
 */
final class VmSshCommands {

    private VmSshCommands() {
    }

    /** Base of the SSH commands: access data and session set-up. */
    abstract static class SshCommand extends BaseCommand {

        VmAccess access(String name) {
            SshAccess a = api().vmAccess(name);
            try {
                return VmAccess.from(name, a, root().dataDir().resolve("known_hosts"));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), e);
            }
        }

        Session connect(VmAccess access) {
            return SshConnector.connect(access, line -> err().println(line));
        }
    }

    /**
     * {@code golem vm ssh NAME [--share-network [--remote-port PORT]]} (alias {@code connect}): an interactive shell
     * on the VM; exit status = the remote shell's. With {@code --share-network} the VM's network goes through this
     * machine for the session ({@link SharedNetwork}): the user's login shell runs with {@code http_proxy},
     * {@code https_proxy}, {@code all_proxy} (and upper case) pointing at the forwarded port.
     */
    @Command(name = "ssh", aliases = "connect", description = "Open a shell on a VM.")
    static final class Ssh extends SshCommand {

        @Mixin
        VmNameParameter vmName;

        @Option(names = "--share-network", description = "Let the VM reach the network through this machine for "
                + "the session (HTTP and SOCKS5 proxy over SSH; the proxy variables are set in the shell).")
        boolean shareNetwork;

        @Mixin
        SharedNetwork.RemotePortOption remotePort;

        @Override
        public Integer call() {
            int port = remotePort.port(this);
            VmAccess access = access(vmName.name());
            Session session = connect(access);
            SharedNetwork net = null;
            try {
                boolean tty = env().stdinIsTerminal();
                String command = null;
                if (shareNetwork) {
                    net = SharedNetwork.open(session, vmName.name(), port);
                    command = net.loginShellCommand();
                }
                if (tty) {
                    err().println("Connected to " + vmName.name() + " (" + access.display()
                            + "); exit the shell to leave.");
                    if (net != null) {
                        err().println("The VM's network goes through this machine (" + net.environment()
                                .get("http_proxy") + " in the VM; HTTP, HTTPS and SOCKS5).");
                    }
                    err().flush();
                }
                return InteractiveShell.run(session, command, env().stdin(), env().stdout(), env().stderr(), tty);
            } finally {
                if (net != null) {
                    net.close();
                    err().println(net.statusLine());
                }
                session.disconnect();
            }
        }
    }

    /**
     * {@code golem vm exec NAME [--] CMD...}: runs a command on the VM without a PTY, streaming its stdout and
     * stderr; stdin is passed on unless it is a terminal. Exit status = the remote command's (255 when it reported
     * none). One argument is a command line for the VM's shell ({@code 'ls -l | wc -l'}); several arguments are
     * each quoted for that shell, so {@code -- sh -c 'exit 3'} runs exactly that (plain {@code ssh} would join them
     * with spaces and run {@code sh -c exit 3}).
     */
    @Command(name = "exec", description = "Run a command on a VM; exits with the command's status.")
    static final class Exec extends SshCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "VM name")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD",
                description = "The command and its arguments (put -- before it when it has options).")
        List<String> command;

        @Override
        public Integer call() {
            List<String> cmd = !command.isEmpty() && command.get(0).equals("--")
                    ? command.subList(1, command.size()) : command;
            if (cmd.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing the command to run");
            }
            VmAccess access = access(name);
            Session session = connect(access);
            try {
                InputStream in = env().stdinIsTerminal() ? InputStream.nullInputStream() : env().stdin();
                return RemoteCommand.run(session, commandLine(cmd), in, env().stdout(), env().stderr());
            } finally {
                session.disconnect();
            }
        }
    }

    /**
     * @param args the command as given
     * @return one argument as it is; several, each single-quoted for a POSIX shell and joined with spaces
     */
    static String commandLine(List<String> args) {
        if (args.size() == 1) {
            return args.get(0);
        }
        StringBuilder b = new StringBuilder();
        for (String a : args) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append('\'').append(a.replace("'", "'\\''")).append('\'');
        }
        return b.toString();
    }

    /**
     * One sample of {@code golem vm stats --json} (written by the project's mapper in snake_case).
     *
     * @param name           the VM
     * @param cpuPercent     CPU use, percent (one decimal), or null
     * @param memoryUsedMib  memory in use, MiB, or null
     * @param memoryTotalMib memory in all, MiB, or null
     * @param diskMount      where the VM's rented disk is mounted, or null
     * @param diskUsed       its use as {@code df -h} prints it ({@code 1.2G}), or null
     * @param diskSize       its size as {@code df -h} prints it, or null
     * @param diskUsePercent its use as {@code df} prints it ({@code 12%}), or null
     * @param diskUsedKib    its use, KiB, or null
     * @param diskSizeKib    its size, KiB, or null
     */
    record StatsSample(String name, BigDecimal cpuPercent, Long memoryUsedMib, Long memoryTotalMib, String diskMount,
                       String diskUsed, String diskSize, String diskUsePercent, Long diskUsedKib,
                       Long diskSizeKib) {
    }

    /**
     * {@code golem vm stats NAME [--watch] [--json]}: CPU, memory and disk use of the VM, sampled over SSH
     * ({@link VmStats#COMMAND}); {@code --watch} repeats every {@link CliEnv#statsInterval()} until Ctrl+C. The disk
     * is the VM's rented disk ({@link VmStats#parse}): {@code /}, or where the image mounts the disk when its root
     * is not on one ({@code /root} on the micro image). JSON, one object per sample:
     * {@code {"name","cpu_percent","memory_used_mib","memory_total_mib","disk_mount","disk_used","disk_size",
     * "disk_use_percent","disk_used_kib","disk_size_kib"}} (sizes as {@code df -h} prints them, and in KiB; null
     * when the VM did not report them).
     */
    @Command(name = "stats", description = "Show a VM's CPU, memory and disk use (over SSH).")
    static final class Stats extends SshCommand {

        @Mixin
        VmNameParameter vmName;

        @Option(names = "--watch", description = "Repeat every 2 s until Ctrl+C.")
        boolean watch;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            VmAccess access = access(vmName.name());
            Session session = connect(access);
            try {
                boolean clear = watch && !output.json() && env().stdoutIsTerminal();
                do {
                    VmStats s = VmStats.parse(RemoteCommand.capture(session, VmStats.COMMAND));
                    if (output.json()) {
                        printJson(toJson(s));
                    } else {
                        if (clear) {
                            out().print("\033[H\033[2J");
                        }
                        print(s);
                    }
                    if (watch) {
                        env().sleep(env().statsInterval());
                    }
                } while (watch);
                return 0;
            } finally {
                session.disconnect();
            }
        }

        private StatsSample toJson(VmStats s) {
            VmStats.Disk d = s.disk();
            return new StatsSample(vmName.name(), s.cpuPercent(), s.memoryUsedMib(), s.memoryTotalMib(),
                    d == null ? null : d.mount(), d == null ? null : d.used(), d == null ? null : d.size(),
                    d == null ? null : d.usePercent(), d == null ? null : d.usedKib(),
                    d == null ? null : d.sizeKib());
        }

        private void print(VmStats s) {
            String mem = null;
            if (s.memoryTotalMib() != null && s.memoryUsedMib() != null) {
                mem = s.memoryUsedMib() + " MiB / " + s.memoryTotalMib() + " MiB";
                if (s.memoryTotalMib() > 0) {
                    mem += " (" + BigDecimal.valueOf(s.memoryUsedMib() * 100.0 / s.memoryTotalMib())
                            .setScale(1, RoundingMode.HALF_UP) + "%)";
                }
            }
            VmStats.Disk d = s.disk();
            out().println("VM " + vmName.name() + " at " + Formats.time(env().clock().instant()));
            new Panel()
                    .add("CPU", s.cpuPercent() == null ? "—" : s.cpuPercent().toPlainString() + "%")
                    .add("Memory", mem == null ? "—" : mem)
                    .add(d == null ? "Disk" : "Disk " + d.mount(),
                            d == null ? "—" : d.used() + " / " + d.size() + " (" + d.usePercent() + ")")
                    .print(out());
        }
    }

    /** What {@code golem vm proxy --json} prints when the forward is ready. */
    record ProxyReady(String name, int remotePort, int localPort, Map<String, String> environment) {
    }

    /** What {@code golem vm proxy --json} prints when it ends ({@code ended}: {@code stopped} or {@code session_lost}). */
    record ProxySummary(String name, long connections, long failed, long bytesUp, long bytesDown, String ended) {
    }

    /**
     * {@code golem vm proxy NAME [--remote-port PORT] [--json]}: the VM's network through this machine until Ctrl+C
     * ({@link SharedNetwork}): prints the variables to set in the VM, then a live line of connections and bytes (on a
     * terminal), and a summary when it ends. It ends on Ctrl+C or an interrupt (exit 0), or when the SSH session drops
     * (exit 1 with a message; the VM then has no way out through this machine). JSON: when ready
     * {@code {"name", "remote_port", "local_port", "environment": {"http_proxy", ...}}}, at the end
     * {@code {"name", "connections", "failed", "bytes_up", "bytes_down", "ended"}} (bytes up: from the VM).
     */
    @Command(name = "proxy", description = "Let a VM reach the network through this machine: an HTTP and SOCKS5 "
            + "proxy here, forwarded to the VM's 127.0.0.1 over SSH, until Ctrl+C.")
    static final class Proxy extends SshCommand {

        @Mixin
        VmNameParameter vmName;

        @Mixin
        SharedNetwork.RemotePortOption remotePort;

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            int port = remotePort.port(this);
            VmAccess access = access(vmName.name());
            Session session = connect(access);
            Thread worker = Thread.currentThread();
            CountDownLatch done = new CountDownLatch(1);
            Thread onCtrlC = new Thread(() -> {
                worker.interrupt();
                try {
                    done.await(5, TimeUnit.SECONDS); // let the summary be printed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            try (SharedNetwork net = SharedNetwork.open(session, vmName.name(), port)) {
                ready(net);
                boolean live = !output.json() && env().stdoutIsTerminal();
                boolean stopped = false;
                while (net.connected()) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        stopped = true;
                        break;
                    }
                    if (live) {
                        err().print("\r\033[K" + net.statusLine());
                        err().flush();
                    }
                }
                if (live) {
                    err().println();
                }
                ProxyStats s = net.stats();
                if (output.json()) {
                    printJson(new ProxySummary(vmName.name(), s.total(), s.failed(), s.bytesUp(), s.bytesDown(),
                            stopped ? "stopped" : "session_lost"));
                } else {
                    err().println(net.statusLine());
                }
                if (!stopped) {
                    err().println("golem: the SSH session to VM '" + vmName.name() + "' ended; the VM has no way "
                            + "out through this machine any more (run golem vm proxy " + vmName.name() + " again)");
                    return 1;
                }
                return 0;
            } finally {
                session.disconnect();
                err().flush();
                out().flush();
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException e) {
                    // shutting down (Ctrl+C): the hook is running
                }
            }
        }

        private void ready(SharedNetwork net) {
            if (output.json()) {
                printJson(new ProxyReady(vmName.name(), net.remotePort(), net.localPort(), net.environment()));
                return;
            }
            out().println("VM '" + vmName.name() + "' reaches the network through this machine while this runs "
                    + "(Ctrl+C to stop): its 127.0.0.1:" + net.remotePort() + " is an HTTP and SOCKS5 proxy here.");
            out().println("Set in the VM (or use: golem vm ssh " + vmName.name() + " --share-network):");
            out().println("  export " + net.assignments());
            out().flush();
        }
    }
}
