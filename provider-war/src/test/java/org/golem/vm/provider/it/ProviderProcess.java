package org.golem.vm.provider.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.golem.vm.common.json.Json;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * The provider WAR on Payara Micro as its own process, started with the same command line as the service launchers
 * and started again on the same data directory, H2 database file and port after it was stopped gracefully (SIGTERM,
 * {@code POST /api/v1/admin/shutdown}) or killed ({@code kill -9}). {@link #close()} ends the process and every
 * qemu process working in its data directory.
 */
final class ProviderProcess implements AutoCloseable {
    private static final Duration READY_LIMIT = Duration.ofSeconds(300);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(90);

    final Path dataDir;
    final int port;
    final Path log;
    final ProviderStack.Api api;
    private final Path war;
    private Process process;

    private ProviderProcess(Path dataDir, Path war, int port, Path log) throws IOException {
        this.dataDir = dataDir;
        this.war = war;
        this.port = port;
        this.log = log;
        this.api = new ProviderStack.Api(new URL("http://127.0.0.1:" + port + "/"));
    }

    /**
     * Packages the test provider ({@link ProviderStack#war}) with its database in a file of a fresh data directory,
     * so it outlives the process.
     *
     * @param logName file name of the process's log under {@code target/it-logs}
     * @param extra   settings over the test defaults ({@code @DATA@} is the data directory)
     */
    static ProviderProcess create(String logName, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("golem.provider.database.url", "jdbc:h2:file:@DATA@/provider;DB_CLOSE_ON_EXIT=FALSE");
        settings.putAll(extra);
        var archive = ProviderStack.war(settings);
        Path dataDir = ProviderStack.dataDir;
        Path war = dataDir.resolveSibling(dataDir.getFileName() + ".war");
        archive.as(ZipExporter.class).exportTo(war.toFile(), true);
        Path log = Path.of("target", "it-logs", logName).toAbsolutePath();
        Files.createDirectories(log.getParent());
        return new ProviderProcess(dataDir, war, QemuTestSupport.freePort(), log);
    }

    /** Starts the process and waits until {@code /health/ready} answers 200. */
    ProviderProcess start() throws Exception {
        Path root = dataDir.resolve("payara");
        QemuTestSupport.deleteTree(root);
        Files.createDirectories(root);
        process = new ProcessBuilder("java", "-Xmx512m", "-jar", System.getProperty("payara.microJar"),
                "--deploy", war.toString(), "--contextroot", "/", "--port", String.valueOf(port), "--nohazelcast",
                "--rootdir", root.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("provider exited; see " + log);
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("provider not ready in " + READY_LIMIT.toSeconds() + " s; see " + log);
    }

    /** SIGTERM, as an operator's stop or a service manager does it; waits for the process to exit. */
    void terminate() throws InterruptedException {
        process.destroy();
        awaitExit("SIGTERM");
    }

    /** {@code kill -9}: the process ends at once, without running anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit("SIGKILL");
    }

    /** {@code POST /api/v1/admin/shutdown} with the operator's token (what {@code golem-provider stop} sends). */
    void adminShutdown() throws Exception {
        HttpResponse<String> r = api.admin("POST", "api/v1/admin/shutdown", null, ProviderStack.Api.adminToken());
        assertEquals(200, r.statusCode(), r.body());
        awaitExit("the admin shutdown");
    }

    private void awaitExit(String how) throws InterruptedException {
        assertTrue(process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS),
                "the provider did not exit within " + EXIT_LIMIT.toSeconds() + " s of " + how + "; see " + log);
    }

    /** @return {@code GET /api/v1/admin/<path>} as JSON (the operator's token) */
    JsonNode admin(String path) throws Exception {
        HttpResponse<String> r = api.admin("GET", "api/v1/admin/" + path, null, ProviderStack.Api.adminToken());
        assertEquals(200, r.statusCode(), r.body());
        return Json.tree(r.body());
    }

    /** @return VM {@code name} as the operator sees it (admin {@code GET /vms}: status, ssh_port, driver_id...) */
    JsonNode adminVm(String name) throws Exception {
        for (JsonNode vm : admin("vms").get("vms")) {
            if (vm.get("name").asText().equals(name)) {
                return vm;
            }
        }
        throw new AssertionError("no VM " + name + " at the provider");
    }

    /** @return pids of the qemu processes working in this provider's data directory (its VMs), in pid order */
    List<Long> qemuPids() throws IOException {
        Path vms = dataDir.resolve("vms");
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains("qemu-system") && Files.readSymbolicLink(p.resolve("cwd")).startsWith(vms)) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // exited meanwhile, or not ours to read
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** Ends the provider process and the qemu processes of its VMs (by pid). */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (long pid : qemuPids()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
