package org.golem.vm.cli.provider;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CliMain;
import org.golem.vm.cli.support.PidFile;
import org.golem.vm.cli.support.ServiceStarter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code golem-provider start [--daemon] [--network NAME] [--no-verify-port] [--port-checker URL]}: runs the
 * provider WAR on Payara Micro through {@code <golem.home>/bin/lib/payara-launch provider-war provider.war PORT HOST
 * DATA_DIR} (PORT from the provider URL, HOST {@code $GOLEM_PROVIDER_HOST} or {@code 0.0.0.0}).
 *
 * <p>First, unless {@code --no-verify-port}: the API port must be free, and the SSH port range
 * ({@code GOLEM_PROVIDER_SSH_PORT_RANGE_START}..{@code _END}, default 50800-50899, on
 * {@code GOLEM_PROVIDER_SSH_BIND_ADDRESS}) is checked from outside through the port checker ({@link PortVerifier}):
 * the VMs' SSH forwards and the forwards of their other guest ports ({@code golem vm create --port}) all take their
 * host ports from it; no reachable port → refused (exit 1) with the hint; some unreachable → a warning.
 *
 * <p>In the foreground the provider inherits stdin/stdout/stderr and its exit status is returned; with
 * {@code --daemon} it runs in its own session with its output appended to {@code <data-dir>/provider.log}, and the
 * command returns once {@code /health/ready} answers (up to 180 s, dots on stderr): {@code started provider (pid N)}.
 * Both write {@code <data-dir>/provider.pid}; when it names a live provider: {@code provider already running (pid
 * N)}, exit 0.
 */
@Command(name = "start", description = "Start the provider on this machine (in the foreground unless --daemon), "
        + "after checking that its SSH ports can be reached from outside.")
final class StartCommand extends ProviderBaseCommand {

    /** The default port checker when neither {@code --port-checker} nor the environment names one. */
    static final String DEFAULT_PORT_CHECKER = "http://127.0.0.1:9000";
    private static final Duration DOT_EVERY = Duration.ofSeconds(3);

    @Option(names = "--daemon", description = "Run in the background (log: <data-dir>/provider.log); return once "
            + "it is ready.")
    boolean daemon;

    @Option(names = "--network", paramLabel = "NAME", description = "Network to advertise on, e.g. testnet or "
            + "mainnet (sets GOLEM_PROVIDER_NETWORK).")
    String network;

    @Option(names = "--no-verify-port", description = "Do not check that the API port is free and the SSH ports "
            + "are reachable from outside.")
    boolean noVerifyPort;

    @Option(names = "--port-checker", paramLabel = "URL", description = "Port checker to ask (default: "
            + "$GOLEM_PROVIDER_PORT_CHECKER_URL, else " + DEFAULT_PORT_CHECKER + ").")
    String portChecker;

    @Override
    public Integer call() {
        Path data = root().dataDir();
        Path pidFile = root().pidFile();
        Optional<Long> old = PidFile.read(pidFile);
        if (old.isPresent()) {
            if (PidFile.isProvider(old.get())) {
                out().println("provider already running (pid " + old.get() + ")");
                return 0;
            }
            PidFile.delete(pidFile, old.get());
        }
        URI url = root().providerUri();
        int port = ServiceStarter.port(url);
        String host = env().getenv("GOLEM_PROVIDER_HOST") == null ? "0.0.0.0" : env().getenv("GOLEM_PROVIDER_HOST");
        Path launcher = launcher();
        if (!noVerifyPort) {
            checkApiPort(host, port);
            verifySshPorts();
        }
        ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "provider-war", "provider.war",
                String.valueOf(port), host, data.toString()));
        pb.environment().put("GOLEM_PROVIDER_PORT", String.valueOf(port));
        pb.environment().put("GOLEM_PROVIDER_HOST", host);
        pb.environment().put("GOLEM_PROVIDER_DATA_DIR", data.toString());
        if (network != null) {
            pb.environment().put("GOLEM_PROVIDER_NETWORK", network);
        }
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new CliException("cannot create the data directory " + data + ": " + e.getMessage(), e);
        }
        return daemon ? daemon(pb, data, pidFile, url) : foreground(pb, pidFile, url, data);
    }

    private Path launcher() {
        Path home = env().golemHome();
        if (home == null) {
            throw new CliException("cannot find the provider: golem.home is not set (run golem-provider through "
                    + "bin/golem-provider)");
        }
        Path script = home.resolve("bin").resolve("lib").resolve("payara-launch");
        if (!Files.isExecutable(script)) {
            throw new CliException("cannot run the provider: " + script + " is missing or not executable");
        }
        return script;
    }

    /** The original's check: the API port can be bound (else another provider or program holds it). */
    private void checkApiPort(String host, int port) {
        InetAddress addr;
        try {
            addr = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CliException("GOLEM_PROVIDER_HOST=" + host + " is not an address of this machine", e);
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(addr, port));
        } catch (IOException e) {
            throw new CliException("cannot listen on " + host + ":" + port + " (" + ProviderAdminClient.describe(e)
                    + "): is a provider already running (golem-provider status)? Pick another port with "
                    + "GOLEM_PROVIDER_PORT, or skip the checks with --no-verify-port", e);
        }
    }

    private void verifySshPorts() {
        int start = intEnv("GOLEM_PROVIDER_SSH_PORT_RANGE_START", 50800);
        int end = intEnv("GOLEM_PROVIDER_SSH_PORT_RANGE_END", 50899);
        if (end < start) {
            throw usage("the SSH port range is empty: GOLEM_PROVIDER_SSH_PORT_RANGE_START=" + start
                    + " > GOLEM_PROVIDER_SSH_PORT_RANGE_END=" + end);
        }
        String bind = env().getenv("GOLEM_PROVIDER_SSH_BIND_ADDRESS");
        InetAddress bindAddress;
        try {
            bindAddress = InetAddress.getByName(bind == null ? "0.0.0.0" : bind.strip());
        } catch (UnknownHostException e) {
            throw usage("GOLEM_PROVIDER_SSH_BIND_ADDRESS=" + bind + " is not an address");
        }
        URI checker = checkerUri();
        PrintWriter out = out();
        String range = start == end ? String.valueOf(start) : start + "-" + end;
        out.println("Checking SSH ports " + range + " (listening on " + bindAddress.getHostAddress()
                + ") through the port checker at " + checker + " ...");
        out.flush();
        PortVerifier.Outcome o = new PortVerifier().verify(new PortVerifier.Request(bindAddress, start, end, checker,
                env().getenv("GOLEM_PROVIDER_PUBLIC_HOST")));
        PortVerifier.report(out, o);
        if (o.reachable().isEmpty()) {
            throw new CliException("no SSH port in " + range + " is reachable from outside, so requestors could "
                    + "not reach any VM: open the range for TCP in the firewall/router (or free the busy ports), "
                    + "or start anyway with --no-verify-port");
        }
        int bad = o.total() - o.reachable().size();
        if (bad > 0) {
            err().println("warning: " + bad + " of " + o.total() + " SSH ports cannot be used from outside; a VM "
                    + "given one of them cannot be reached over SSH or on that forwarded guest port (open them, or "
                    + "narrow "
                    + "GOLEM_PROVIDER_SSH_PORT_RANGE_START/END to the reachable ones)");
            err().flush();
        }
    }

    private int intEnv(String name, int dflt) {
        String v = env().getenv(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 1 || n > 65535) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw usage(name + "=" + v + " is not a port number (1..65535)");
        }
    }

    private URI checkerUri() {
        String s = portChecker != null ? portChecker : env().getenv("GOLEM_PROVIDER_PORT_CHECKER_URL");
        if (s == null) {
            s = DEFAULT_PORT_CHECKER;
        }
        return CliMain.httpUrl(s, spec, "port checker URL");
    }

    private int foreground(ProcessBuilder pb, Path pidFile, URI url, Path data) {
        pb.redirectInput(Redirect.INHERIT).redirectOutput(Redirect.INHERIT).redirectError(Redirect.INHERIT);
        err().println("starting the provider at " + url + " (data: " + data + "); Ctrl+C stops it");
        err().flush();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CliException("cannot run " + pb.command().get(0) + ": " + e.getMessage(), e);
        }
        long pid = p.pid();
        PidFile.write(pidFile, pid);
        // Ctrl+C reaches the provider too (same process group): let it finish its shutdown, then drop the pid file
        Thread hook = new Thread(() -> {
            try {
                p.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            PidFile.delete(pidFile, pid);
        }, "golem-provider-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        } finally {
            PidFile.delete(pidFile, pid);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs
            }
        }
    }

    private int daemon(ProcessBuilder pb, Path data, Path pidFile, URI url) {
        Path log = data.resolve("provider.log");
        List<String> cmd = new ArrayList<>();
        // own session: closing this terminal or Ctrl+C here must not stop the provider
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.addAll(pb.command());
        pb.command(cmd);
        pb.redirectInput(new File("/dev/null"));
        pb.redirectOutput(Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CliException("cannot run the provider launcher: " + e.getMessage(), e);
        }
        long pid = p.pid();
        PidFile.write(pidFile, pid);
        PrintWriter err = err();
        err.print("starting the provider in the background (pid " + pid + ", log: " + log + "), waiting for it at "
                + url + " ");
        err.flush();
        ProviderAdminClient client = api();
        Instant deadline = env().clock().instant().plus(env().startTimeout());
        Instant nextDot = env().clock().instant().plus(DOT_EVERY);
        Instant notReadySince = null;
        Duration step = env().startTimeout().compareTo(Duration.ofSeconds(10)) < 0
                ? Duration.ofMillis(50) : Duration.ofSeconds(1);
        while (true) {
            ProviderAdminClient.Health h = client.health();
            Instant now = env().clock().instant();
            if (h.ready()) {
                err.println(" ready");
                out().println("started provider (pid " + pid + ")");
                return 0;
            }
            // up, with named checks DOWN (e.g. the chain unreachable): it will not get better by waiting long
            boolean namedDown = h.status() == 503 && !h.failingChecks().startsWith("HTTP ");
            notReadySince = namedDown ? (notReadySince == null ? now : notReadySince) : null;
            if (notReadySince != null && !now.isBefore(notReadySince.plus(env().readyGrace()))) {
                err.println();
                err.println("warning: the provider is up but not ready: " + h.failingChecks()
                        + " (see golem-provider status)");
                out().println("started provider (pid " + pid + ")");
                return 0;
            }
            if (!p.isAlive()) {
                err.println();
                PidFile.delete(pidFile, pid);
                tail(log);
                throw new CliException("the provider exited with status " + p.exitValue() + " while starting; see "
                        + log);
            }
            if (now.isAfter(deadline)) {
                err.println();
                throw new CliException("the provider did not become ready at " + url + " within "
                        + env().startTimeout().toSeconds() + " s; it is still running (pid " + pid + "): see " + log
                        + ", or stop it with: golem-provider stop");
            }
            if (!now.isBefore(nextDot)) {
                err.print('.');
                err.flush();
                nextDot = now.plus(DOT_EVERY);
            }
            env().sleep(step);
        }
    }

    /** Prints the last lines of the log on stderr (why the provider exited). */
    private void tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            if (!last.isEmpty()) {
                err().println("last lines of " + log + ":");
                last.forEach(l -> err().println("  " + l));
                err().flush();
            }
        } catch (IOException | RuntimeException e) {
            // the log is named in the error anyway
        }
    }
}
