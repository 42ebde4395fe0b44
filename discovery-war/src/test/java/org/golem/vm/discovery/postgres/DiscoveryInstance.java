package org.golem.vm.discovery.postgres;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.golem.vm.common.testing.TempPostgres;

/**
 * One discovery service process, started the way an operator starts it: {@code bin/golem-discovery} with
 * {@code GOLEM_DISCOVERY_*} environment variables, its output in a log file.
 *
 * <p>When the launcher would rebuild first (its WAR is not the one under test, e.g. {@code -Dgolem.target=...}, or
 * a source file changed after packaging) the same Payara Micro command line is run directly on the WAR under test
 * instead, so that two instances started together never run two Maven builds at once.
 */
final class DiscoveryInstance {

    /** How long one instance may take to answer {@code /health/ready} with 200. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(150);

    final String name;
    final int port;
    final Path dataDir;
    final Path log;
    final URI base;
    private final Map<String, String> settings;
    private Process process;

    /**
     * @param name     label used in the log file name and messages
     * @param dataDir  GOLEM_DISCOVERY_DATA_DIR
     * @param log      file receiving stdout and stderr (appended to across restarts)
     * @param settings GOLEM_DISCOVERY_* variables and GOLEM_JAVA_OPTS (port and host are added)
     */
    DiscoveryInstance(String name, int port, Path dataDir, Path log, Map<String, String> settings) {
        this.name = name;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.settings = Map.copyOf(settings);
    }

    /** Starts the process (does not wait for readiness). */
    synchronized void start(Launch launch) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(dataDir);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(launch.command(port, dataDir, settings.getOrDefault("GOLEM_JAVA_OPTS", ""))).directory(launch.root().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GOLEM_DISCOVERY_") || k.equals("GOLEM_JAVA_OPTS"));
        env.putAll(settings);
        env.put("GOLEM_DISCOVERY_PORT", Integer.toString(port));
        env.put("GOLEM_DISCOVERY_HOST", "127.0.0.1");
        env.put("GOLEM_DISCOVERY_DATA_DIR", dataDir.toString());
        Files.writeString(log, "=== " + name + ": " + String.join(" ", pb.command()) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = pb.start();
    }

    /** Waits until {@code /health/ready} answers 200; fails with the log's tail if it dies or times out. */
    void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited (" + (p == null ? "never started" : p.exitValue())
                        + ") before it was ready; log " + log + ":\n" + tail(80));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT.toSeconds() + " s; log " + log
                + ":\n" + tail(80));
    }

    /** Stops the process tree: SIGTERM to every descendant and the process, then SIGKILL after 20 s. */
    synchronized void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** @return the pid of the running process, or -1 */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** @return the log of the latest start (the log file is appended to across restarts) */
    String currentRunLog() throws IOException {
        String all = Files.readString(log, StandardCharsets.UTF_8);
        return all.substring(Math.max(0, all.lastIndexOf("=== " + name + ": ")));
    }

    /** @return the last lines of the log */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** How instances are launched: through bin/golem-discovery, or directly on the WAR under test. */
    record Launch(Path root, Path war, Path microJar, boolean viaLauncher, String reason) {

        /**
         * Chooses the launcher unless it would build first (see the class comment).
         *
         * @param root     repository root
         * @param war      the WAR under test (failsafe's {@code golem.war})
         * @param microJar the Payara Micro jar (failsafe's {@code payara.microJar})
         */
        static Launch choose(Path root, Path war, Path microJar) throws IOException {
            Path launcherWar = root.resolve("discovery-war/target/discovery.war");
            Path launcherMicro = root.resolve("discovery-war/target/payara-micro.jar");
            if (!Files.exists(launcherWar) || !Files.isSameFile(war, launcherWar)
                    || !Files.exists(launcherMicro) || !Files.isSameFile(microJar, launcherMicro)) {
                return new Launch(root, war, microJar, false, "the WAR under test is not bin/golem-discovery's");
            }
            String newer = newerThan(root, launcherWar);
            if (newer != null) {
                return new Launch(root, war, microJar, false, newer + " changed after the WAR was packaged");
            }
            return new Launch(root, war, microJar, true, "bin/golem-discovery");
        }

        /** The launcher's own staleness rule (bin/lib/payara-launch). */
        private static String newerThan(Path root, Path war) throws IOException {
            long built = Files.getLastModifiedTime(war).toMillis();
            for (Path p : List.of(root.resolve("discovery-war/src"), root.resolve("common/src"),
                    root.resolve("contracts/src/main"), root.resolve("pom.xml"), root.resolve("discovery-war/pom.xml"))) {
                if (!Files.exists(p)) {
                    continue;
                }
                try (var walk = Files.walk(p)) {
                    var hit = walk.filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).toMillis() > built;
                        } catch (IOException e) {
                            return false;
                        }
                    }).findFirst();
                    if (hit.isPresent()) {
                        return root.relativize(hit.get()).toString();
                    }
                }
            }
            return null;
        }

        List<String> command(int port, Path dataDir, String javaOpts) throws IOException {
            if (viaLauncher) {
                return List.of(root.resolve("bin/golem-discovery").toString());
            }
            // what bin/lib/payara-launch runs
            Path payara = dataDir.resolve("payara");
            TempPostgres.deleteTree(payara); // as bin/lib/payara-launch: never start on a stale runtime dir
            Files.createDirectories(payara);
            Path boot = payara.resolve("preboot.asadmin");
            Files.writeString(boot, "set configs.config.server-config.network-config.network-listeners"
                    + ".network-listener.http-listener.address=127.0.0.1\n");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            for (String opt : javaOpts.trim().split("\\s+")) {
                if (!opt.isEmpty()) {
                    cmd.add(opt);
                }
            }
            cmd.addAll(List.of("-jar", microJar.toString(), "--deploy", war.toString(), "--contextroot", "/",
                    "--port", Integer.toString(port), "--nohazelcast", "--rootdir", payara.toString(),
                    "--prebootcommandfile", boot.toString()));
            return cmd;
        }
    }
}
