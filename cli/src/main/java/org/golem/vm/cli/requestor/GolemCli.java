package org.golem.vm.cli.requestor;

import java.net.URI;
import java.nio.file.Path;
import org.golem.vm.cli.support.CliCommand;
import org.golem.vm.cli.support.CliEnv;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CliMain;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.Formats;
import org.golem.vm.cli.support.ServiceStarter;
import org.golem.vm.common.wire.requestor.RequestorInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code golem} command: a client of the local requestor service (requestor-ear/API.md), which holds the
 * wallet, the payment streams and the VM records. Command tree: the original Python requestor's {@code golem}
 * commands (docs/requestor-api.md §3) with the original's flaws listed in its §12 fixed (e.g. {@code --json} prints
 * an empty list instead of nothing, streams can be inspected and terminated by id, wei are never floats):
 * <pre>
 * golem [--api URL] [--data-dir DIR] [--no-start] [--version]
 *   version
 *   vm providers | create | list | info | start | stop | destroy (delete) | purge | stats | ssh (connect) | exec
 *   vm stream list | open | topup | status | inspect | terminate
 *   wallet address | balance | faucet
 *   server api
 * </pre>
 *
 * <p>Exit status: 0 success; 1 any failure, reported as one line {@code golem: <message>} on stderr (service
 * errors as {@code golem: <message> (<CODE>)}); 2 usage errors; {@code vm exec} and {@code vm ssh} return the
 * remote command's status, {@code server api} the service's.
 *
 * <p>Before a command that needs the service, {@link ServiceStarter} checks {@code /health/ready} and starts a
 * local service when allowed. The bearer token comes from {@code <data-dir>/api.token}.
 */
@Command(name = "golem",
        resourceBundle = "org.golem.vm.cli.requestor.HelpTexts",
        description = "Rent virtual machines on Golem, paid per second through a payment stream.%n"
                + "Talks to the local requestor service, which holds the wallet and the VM records.",
        subcommands = {
                VersionCommand.class,
                VmCommand.class,
                WalletCommand.class,
                ServerCommand.class
        })
public final class GolemCli extends CommandGroup implements CliCommand.Root {

    /** Default service URL when neither {@code --api} nor {@code GOLEM_REQUESTOR_URL} is given. */
    public static final String DEFAULT_API = "http://127.0.0.1:8000";

    @Option(names = "--api", paramLabel = "URL",
            description = "Requestor service URL (default: $GOLEM_REQUESTOR_URL, else " + DEFAULT_API + ").")
    String api;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The service's data directory, holding api.token (default: $GOLEM_REQUESTOR_DATA_DIR, "
                    + "else ~/.golem/requestor).")
    Path dataDir;

    @Option(names = "--no-start",
            description = "Do not start a local requestor service when none is running; fail instead.")
    boolean noStart;

    private final CliEnv env;
    private RequestorClient client;
    private RequestorInfo info;

    /** @param env the process environment (real or a test's) */
    public GolemCli(CliEnv env) {
        this.env = env;
    }

    /**
     * Entry point: runs the command and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        CliEnv env = CliEnv.system();
        CliMain.debugLogging(env);
        System.exit(run(env, args));
    }

    /**
     * Runs one command line in this JVM.
     *
     * @param env  where input comes from and output goes to
     * @param args command-line arguments (without the program name)
     * @return the exit status: 0 success, 1 failure, 2 usage error, or a remote command's status
     */
    public static int run(CliEnv env, String... args) {
        CommandLine cl = new CommandLine(new GolemCli(env));
        // vm exec NAME CMD...: everything after the name belongs to the remote command, options included
        cl.getSubcommands().get("vm").getSubcommands().get("exec").setStopAtPositional(true);
        return CliMain.execute(cl, env, "golem", "the requestor service", args);
    }

    /** @return the process environment */
    @Override
    public CliEnv env() {
        return env;
    }

    /**
     * @return the service URL from {@code --api}, {@code GOLEM_REQUESTOR_URL} or the default
     * @throws ParameterException (exit 2) when it is not an http(s) URL with a host
     */
    public URI apiUri() {
        String s = api != null ? api : env.getenv("GOLEM_REQUESTOR_URL");
        if (s == null) {
            s = DEFAULT_API;
        }
        return CliMain.httpUrl(s, spec, "requestor service URL");
    }

    /** @return the data directory from {@code --data-dir}, {@code GOLEM_REQUESTOR_DATA_DIR} or the default */
    public Path dataDir() {
        if (dataDir != null) {
            return dataDir.toAbsolutePath();
        }
        String e = env.getenv("GOLEM_REQUESTOR_DATA_DIR");
        if (e != null) {
            return Path.of(e).toAbsolutePath();
        }
        return env.userHome().resolve(".golem").resolve("requestor");
    }

    /**
     * The service client, after making sure the service is ready (starting it when allowed).
     *
     * @return the client (one per command run)
     * @throws CliException when the service is not available
     */
    public synchronized RequestorClient client() {
        if (client == null) {
            URI uri = apiUri();
            new ServiceStarter(uri, dataDir(), noStart, env).ensureReady();
            client = new RequestorClient(uri, dataDir().resolve("api.token"));
        }
        return client;
    }

    /** @return {@code GET /api/v1/info}, fetched once per run */
    public synchronized RequestorInfo info() {
        if (info == null) {
            info = client().info();
        }
        return info;
    }

    /** @return the stream token's symbol from {@code /api/v1/info} ({@code ETH} when the service gives none) */
    public String tokenSymbol() {
        String s = Formats.orNull(info().tokenSymbol());
        return s == null ? "ETH" : s;
    }
}
