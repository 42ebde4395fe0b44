package org.golem.vm.cli.requestor;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code golem server}: running the requestor service. */
@Command(name = "server",
        description = "Run the requestor service.", subcommands = ServerCommand.Api.class)
final class ServerCommand extends CommandGroup {

    /**
     * {@code golem server api [--host 127.0.0.1] [--port 8000]}: runs {@code <golem.home>/bin/golem-requestor} in
     * the foreground with {@code GOLEM_REQUESTOR_HOST}/{@code GOLEM_REQUESTOR_PORT} (and
     * {@code GOLEM_REQUESTOR_DATA_DIR} when {@code --data-dir} is given), inheriting stdin/stdout/stderr; returns
     * the service's exit status.
     */
    @Command(name = "api", description = "Run the requestor service in the foreground (Ctrl+C stops it).")
    static final class Api extends BaseCommand {

        @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
                description = "Address to listen on (default: ${DEFAULT-VALUE}; the API is token-protected, but "
                        + "keep it local).")
        String host;

        @Option(names = "--port", defaultValue = "8000", paramLabel = "PORT",
                description = "Port to listen on (default: ${DEFAULT-VALUE}).")
        int port;

        @Override
        public Integer call() {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--port must be 1..65535");
            }
            Path home = env().golemHome();
            if (home == null) {
                throw new CliException("cannot find the requestor service: golem.home is not set (run golem "
                        + "through bin/golem)");
            }
            Path script = home.resolve("bin").resolve("golem-requestor");
            if (!Files.isExecutable(script)) {
                throw new CliException("cannot run the requestor service: " + script + " is missing or not "
                        + "executable");
            }
            ProcessBuilder pb = new ProcessBuilder(script.toString());
            pb.environment().put("GOLEM_REQUESTOR_HOST", host);
            pb.environment().put("GOLEM_REQUESTOR_PORT", String.valueOf(port));
            if (root().dataDir != null) {
                pb.environment().put("GOLEM_REQUESTOR_DATA_DIR", root().dataDir().toString());
            }
            pb.redirectInput(Redirect.INHERIT).redirectOutput(Redirect.INHERIT).redirectError(Redirect.INHERIT);
            try {
                Process p = pb.start();
                // Ctrl+C reaches the service too (same process group); wait for it to finish its shutdown
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                return p.waitFor();
            } catch (IOException e) {
                throw new CliException("cannot run " + script + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted", e);
            }
        }
    }
}
