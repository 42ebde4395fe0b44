package org.golem.vm.cli.provider;

import java.net.URI;
import java.nio.file.Path;
import org.golem.vm.cli.support.CliCommand;
import org.golem.vm.cli.support.CliEnv;
import org.golem.vm.cli.support.CliMain;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.common.money.Pricing;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.admin.ProviderStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The {@code golem-provider} command: the operator's tool for the provider running on this machine: the original
 * Python provider's commands and their JSON shapes (docs/provider-api.md §10), with the original's flaws fixed.
 * Command tree:
 * <pre>
 * golem-provider [--url URL] [--data-dir DIR] [--version]
 *   start [--daemon] [--network NAME] [--no-verify-port] [--port-checker URL]
 *   stop [--timeout S]
 *   status [--json]
 *   pricing show | set
 *   streams list | show | earnings | withdraw
 *   images list | build NAME [--dir DIR]
 *   config withdraw | monitor
 *   wallet address | balance | faucet (faucet-l2)
 * </pre>
 *
 * <p>Every command but {@code start} and {@code images build} is a client of the provider's admin REST API
 * ({@code /api/v1/admin/...}, README "Provider service"); the bearer token is the content of
 * {@code <data-dir>/admin.token} and is never printed. Settings changed here are applied by the running provider at
 * once (it persists them in {@code <data-dir>/operator.properties}). {@code --url} and {@code --data-dir} may be
 * given before or after the subcommand.
 *
 * <p>Exit status: 0 success; 1 any failure, reported as one line {@code golem-provider: <message>} on stderr
 * (service errors as {@code golem-provider: <message> (<CODE>)}); 2 usage errors; {@code start} in the foreground
 * returns the provider's own status.
 */
@Command(name = "golem-provider",
        resourceBundle = "org.golem.vm.cli.provider.HelpTexts",
        description = "Run and operate a VM-on-Golem provider on this machine: rent out VMs, paid per second "
                + "through payment streams.",
        subcommands = {
                StartCommand.class,
                StopCommand.class,
                StatusCommand.class,
                PricingCommand.class,
                StreamsCommand.class,
                ImagesCommand.class,
                ConfigCommand.class,
                ProviderWalletCommand.class
        })
public final class GolemProviderCli extends CommandGroup implements CliCommand.Root {

    /** The provider's default API port ({@code golem.provider.port}). */
    public static final int DEFAULT_PORT = 7466;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The provider's URL (default: $GOLEM_PROVIDER_URL, else "
                    + "http://127.0.0.1:$GOLEM_PROVIDER_PORT, port " + DEFAULT_PORT + " when unset).")
    String url;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The provider's data directory, holding admin.token and provider.pid (default: "
                    + "$GOLEM_PROVIDER_DATA_DIR, else ~/.golem/provider).")
    Path dataDir;

    private final CliEnv env;
    private ProviderAdminClient client;
    private ProviderStatus status;

    /** @param env the process environment (real or a test's) */
    public GolemProviderCli(CliEnv env) {
        this.env = env;
    }

    /**
     * Entry point ({@code bin/golem-provider}): runs the command and exits with its status. {@code GOLEM_DEBUG=1}
     * logs requests and failures' causes at FINE on stderr (never the token).
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
     * @return the exit status: 0 success, 1 failure, 2 usage error, or the provider's own status ({@code start})
     */
    public static int run(CliEnv env, String... args) {
        return CliMain.execute(new CommandLine(new GolemProviderCli(env)), env, "golem-provider", "the provider",
                args);
    }

    /** @return the process environment */
    @Override
    public CliEnv env() {
        return env;
    }

    /**
     * @return the provider's URL from {@code --url}, {@code GOLEM_PROVIDER_URL}, or
     *         {@code http://127.0.0.1:${GOLEM_PROVIDER_PORT:-7466}}, without a trailing slash
     * @throws ParameterException (exit 2) when it is not an http(s) URL with a host, or the port is not a number
     */
    public URI providerUri() {
        String s = url != null ? url : env.getenv("GOLEM_PROVIDER_URL");
        if (s == null) {
            String port = env.getenv("GOLEM_PROVIDER_PORT");
            if (port != null && !port.strip().matches("\\d{1,5}")) {
                throw new ParameterException(spec.commandLine(), "GOLEM_PROVIDER_PORT='" + port
                        + "' is not a port number");
            }
            s = "http://127.0.0.1:" + (port == null ? DEFAULT_PORT : port.strip());
        }
        return CliMain.httpUrl(s, spec, "provider URL");
    }

    /** @return the data directory from {@code --data-dir}, {@code GOLEM_PROVIDER_DATA_DIR} or the default */
    public Path dataDir() {
        if (dataDir != null) {
            return dataDir.toAbsolutePath();
        }
        String e = env.getenv("GOLEM_PROVIDER_DATA_DIR");
        if (e != null) {
            return Path.of(e).toAbsolutePath();
        }
        return env.userHome().resolve(".golem").resolve("provider");
    }

    /** @return {@code <data-dir>/admin.token} */
    public Path tokenFile() {
        return dataDir().resolve("admin.token");
    }

    /** @return {@code <data-dir>/provider.pid} */
    public Path pidFile() {
        return dataDir().resolve("provider.pid");
    }

    /** @return the admin client (one per command run; the token is read on the first request) */
    public synchronized ProviderAdminClient client() {
        if (client == null) {
            client = new ProviderAdminClient(providerUri(), tokenFile());
        }
        return client;
    }

    /** @return {@code GET /api/v1/admin/status}, fetched once per run */
    public synchronized ProviderStatus status() {
        if (status == null) {
            status = client().status();
        }
        return status;
    }

    /** @return the stream token's symbol from the provider's status ({@code ETH} when it gives none) */
    public String tokenSymbol() {
        ProviderStatus.Payments payments = status().payments();
        String s = payments == null ? null : payments.tokenSymbol();
        return s == null || s.isEmpty() ? "ETH" : s;
    }

    /** @return the stream token's decimals from the provider's prices (18 when it gives none) */
    public int tokenDecimals() {
        AdvertisedPricing pricing = status().pricing();
        Integer d = pricing == null ? null : pricing.tokenDecimals();
        return d != null && d >= 0 && d <= Pricing.MAX_DECIMALS ? d : 18;
    }
}
