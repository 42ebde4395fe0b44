package org.golem.vm.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.json.Json;

/**
 * Makes sure the requestor service answers before a command talks to it (the service holds the wallet and the
 * VM records; the CLI is only its client).
 *
 * <p>{@code GET <api>/health/ready} (MicroProfile Health) answering 200 means ready. Otherwise:
 * <ul>
 *   <li>nothing answers: with {@code --no-start}, fail ({@code the requestor service is not running at <api>
 *       ...}); at a loopback URL, start {@code <golem.home>/bin/golem-requestor} in the background (own session,
 *       output appended to {@code <data-dir>/requestor.log}, environment {@code GOLEM_REQUESTOR_PORT} from the URL
 *       and {@code GOLEM_REQUESTOR_DATA_DIR}), say so in one line on stderr and wait up to
 *       {@link CliEnv#startTimeout()} for readiness, printing a dot every few seconds; at a remote URL, fail;</li>
 *   <li>Payara answers 503 with only its own "No Application deployed" check: the service is still deploying;
 *       wait for it (with the waiting line) until the start timeout;</li>
 *   <li>the service answers 503 because one of its own checks is DOWN (e.g. the chain unreachable): go on at
 *       once and silently. The service refuses what it cannot do with an error that names the cause and the
 *       remedy, so the cause is said once, by the command that needed it; read-only commands still work. (It used
 *       to wait 2 s and print a "not ready" warning first, so a failing command told its cause twice.) After
 *       starting a service, its checks get {@link CliEnv#readyGrace()} to come up before the command goes on;</li>
 *   <li>something else answers with another status for longer than that: fail, it is not the requestor service
 *       (while a service started here boots, such answers are waited through until the start timeout).</li>
 * </ul>
 */
public final class ServiceStarter {

    private static final Logger LOG = Logger.getLogger(ServiceStarter.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration DOT_EVERY = Duration.ofSeconds(3);
    /** The only check Payara's health endpoint reports before the application is deployed. */
    private static final String PAYARA_NOT_DEPLOYED = "No Application deployed";
    /** How long a running service may answer something other than its health before it is judged not ours. */
    private static final Duration RUNNING_GRACE = Duration.ofSeconds(2);

    private final URI api;
    private final Path dataDir;
    private final boolean noStart;
    private final CliEnv env;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * @param api     service base URL
     * @param dataDir the service's data directory (token, log)
     * @param noStart true to never start a service
     * @param env     the process environment (stderr, golem.home, timeouts)
     */
    public ServiceStarter(URI api, Path dataDir, boolean noStart, CliEnv env) {
        this.api = api;
        this.dataDir = dataDir;
        this.noStart = noStart;
        this.env = env;
    }

    /**
     * Outcome of one readiness probe.
     *
     * @param status HTTP status, or 0 when nothing answered
     * @param body   the health JSON (may be empty)
     */
    record Probe(int status, String body) {
        boolean ready() {
            return status == 200;
        }

        boolean down() {
            return status == 0;
        }

        boolean notReady() {
            return status == 503;
        }

        /**
         * @return true while Payara answers for a server whose application is not deployed yet: a 503 naming no
         *         check of the service's own (none at all, or only Payara's "No Application deployed")
         */
        boolean deploying() {
            if (status != 503) {
                return false;
            }
            try {
                JsonNode checks = Json.tree(body).path("checks");
                if (!checks.isArray() || checks.isEmpty()) {
                    return true;
                }
                for (JsonNode c : checks) {
                    if (!PAYARA_NOT_DEPLOYED.equals(c.path("name").asText())) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "health body is not JSON", e);
                return true;
            }
        }

        /** @return {@code name DOWN: error} for each failing check, or the status when the body says nothing */
        String failingChecks() {
            List<String> parts = new ArrayList<>();
            try {
                JsonNode h = Json.tree(body);
                for (JsonNode c : h.path("checks")) {
                    if (!"UP".equalsIgnoreCase(c.path("status").asText())) {
                        String err = c.path("data").path("error").asText("");
                        parts.add(c.path("name").asText("?") + " " + c.path("status").asText("DOWN")
                                + (err.isEmpty() ? "" : " (" + err + ")"));
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "health body is not JSON", e);
            }
            return parts.isEmpty() ? "HTTP " + status : String.join("; ", parts);
        }
    }

    /**
     * Returns when the service can take requests, starting it first when allowed and needed.
     *
     * @throws CliException when it is not available and cannot be made so; the message says what to do
     */
    public void ensureReady() {
        Probe p = probe();
        if (p.ready()) {
            return;
        }
        if (p.notReady() && !p.deploying()) {
            LOG.fine(() -> "the requestor service is up but not ready (" + p.failingChecks() + "); going on");
            return;
        }
        if (!p.down()) {
            env.err().print("waiting for the requestor service at " + api + " to become ready ");
            env.err().flush();
            waitReady(null, null, env.readyGrace().compareTo(RUNNING_GRACE) < 0 ? env.readyGrace() : RUNNING_GRACE);
            return;
        }
        if (noStart) {
            throw new CliException("the requestor service is not running at " + api
                    + " (--no-start given); start it with: golem server api");
        }
        if (!isLoopback(api)) {
            throw new CliException("cannot reach the requestor service at " + api
                    + " (not a local address, so it is not started automatically)");
        }
        start();
    }

    private CliException notOurs(Probe p) {
        return new CliException("something answers at " + api + " but it is not the requestor service (GET "
                + "/health/ready gave HTTP " + p.status() + ")");
    }

    private void start() {
        Path script = script();
        Path log = dataDir.resolve("requestor.log");
        Process process;
        try {
            Files.createDirectories(dataDir);
            List<String> cmd = new ArrayList<>();
            // own session: Ctrl+C on this command must not stop the service it started
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid");
            } else if (Files.isExecutable(Path.of("/bin/setsid"))) {
                cmd.add("/bin/setsid");
            }
            cmd.add(script.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("GOLEM_REQUESTOR_PORT", String.valueOf(port(api)));
            pb.environment().put("GOLEM_REQUESTOR_DATA_DIR", dataDir.toString());
            pb.redirectInput(new File("/dev/null"));
            pb.redirectOutput(Redirect.appendTo(log.toFile()));
            pb.redirectErrorStream(true);
            process = pb.start();
        } catch (IOException e) {
            throw new CliException("cannot start the requestor service (" + script + "): " + e.getMessage(), e);
        }
        PrintWriter err = env.err();
        err.println("started the requestor service (log: " + log + ")");
        err.print("waiting for it to become ready at " + api + " ");
        err.flush();
        waitReady(process, log, env.readyGrace());
    }

    /**
     * Waits for 200 until the start timeout. Payara's "No Application deployed" 503 is waited through; a 503 of
     * the service's own checks is waited for at most {@code grace} after it first came, then the command goes on
     * (the line ends with {@code up}). Another status fails after {@code grace} unless {@code process} (a service
     * started here, maybe still deploying) is given.
     */
    private void waitReady(Process process, Path log, Duration grace) {
        PrintWriter err = env.err();
        Instant deadline = env.clock().instant().plus(env.startTimeout());
        Instant nextDot = env.clock().instant().plus(DOT_EVERY);
        Instant answeredAt = null;
        Duration step = env.startTimeout().compareTo(Duration.ofSeconds(10)) < 0
                ? Duration.ofMillis(50) : Duration.ofSeconds(1);
        while (true) {
            Probe p = probe();
            Instant now = env.clock().instant();
            if (p.ready()) {
                err.println(" ready");
                return;
            }
            if (!p.down()) {
                answeredAt = answeredAt == null ? now : answeredAt;
                boolean graceOver = !now.isBefore(answeredAt.plus(grace));
                if (p.notReady() && !p.deploying() && graceOver) {
                    // the command that needs what is DOWN says so, with the service's reason
                    err.println(" up");
                    LOG.fine(() -> "the requestor service is up but not ready (" + p.failingChecks() + "); going on");
                    return;
                }
                if (!p.notReady() && graceOver && process == null) {
                    err.println();
                    throw notOurs(p);
                }
            }
            if (process != null && !process.isAlive()) {
                err.println();
                throw new CliException("the requestor service exited with status " + process.exitValue()
                        + " while starting; see " + log);
            }
            if (now.isAfter(deadline)) {
                err.println();
                throw new CliException("the requestor service at " + api + " did not become ready within "
                        + env.startTimeout().toSeconds() + " s" + (log == null ? "" : "; see " + log));
            }
            if (!now.isBefore(nextDot)) {
                err.print('.');
                err.flush();
                nextDot = now.plus(DOT_EVERY);
            }
            env.sleep(step);
        }
    }

    /** @return the answer of {@code /health/ready}; status 0 when nothing answered */
    Probe probe() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stripSlash(api) + "/health/ready"))
                    .timeout(PROBE_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Probe(r.statusCode(), r.body() == null ? "" : r.body());
        } catch (IOException e) {
            LOG.log(Level.FINE, "readiness probe failed", e);
            return new Probe(0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    private Path script() {
        Path home = env.golemHome();
        if (home == null) {
            throw new CliException("the requestor service is not running at " + api
                    + " and cannot be started: golem.home is not set (run golem through bin/golem)");
        }
        Path s = home.resolve("bin").resolve("golem-requestor");
        if (!Files.isExecutable(s)) {
            throw new CliException("the requestor service is not running at " + api
                    + " and cannot be started: " + s + " is missing or not executable");
        }
        return s;
    }

    /**
     * @param uri a URL
     * @return true when its host is {@code localhost} or a loopback IP literal
     */
    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: not resolved here (it could point anywhere)
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * @param uri a URL
     * @return its explicit port, else 443 for https and 80 otherwise
     */
    public static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String stripSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
