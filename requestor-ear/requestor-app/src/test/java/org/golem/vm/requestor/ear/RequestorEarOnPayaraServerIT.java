package org.golem.vm.requestor.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requestor as an EAR (EJB module + web module) on a full Payara Server 6 (the distribution zip from Maven
 * Central, unpacked by the build): a fresh domain on free ports, {@code asadmin deploy requestor.ear}, then its
 * MicroProfile Health and API routes answer as on Payara Micro. The domain and its data are removed afterwards.
 */
class RequestorEarOnPayaraServerIT {
    private static final Logger LOG = Logger.getLogger(RequestorEarOnPayaraServerIT.class.getName());
    private static final String DOMAIN = "golem-ear-it";

    private static Path asadmin;
    private static Path domains;
    private static Path dataDir;
    private static int httpPort;
    private static boolean started;

    private static int portBase() throws IOException {
        // create-domain --portbase uses base+48 (admin), +80 (http), +81 (https) and a few more up to +99
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = (s.getLocalPort() / 100) * 100;
            }
            if (base < 20000 || base > 60000) {
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + 100 && free; p++) {
                try (ServerSocket probe = new ServerSocket(p)) {
                    probe.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of 100 ports for the test domain");
    }

    private static String run(Map<String, String> env, int timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(asadmin.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " timed out:\n" + out);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    @BeforeAll
    static void deploy() throws Exception {
        Path home = Path.of(System.getProperty("payara.server.home"));
        asadmin = home.resolve("bin/asadmin");
        assertTrue(Files.isExecutable(asadmin), "Payara Server unpacked at " + home);
        domains = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "domains-");
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "requestor-data-");
        int base = portBase();
        httpPort = base + 80;
        Map<String, String> env = Map.of("GOLEM_REQUESTOR_DATA_DIR", dataDir.toString(),
                "GOLEM_REQUESTOR_RPC_URL", "http://127.0.0.1:9");
        run(env, 120, "create-domain", "--nopassword", "--portbase", String.valueOf(base), "--domaindir",
                domains.toString(), DOMAIN);
        run(env, 240, "start-domain", "--domaindir", domains.toString(), DOMAIN);
        started = true;
        String out = run(env, 300, "--port", String.valueOf(base + 48), "deploy",
                System.getProperty("golem.ear"));
        LOG.info(() -> "deployed: " + out.strip());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEarAnswersHealthAndItsApi() throws Exception {
        HttpResponse<String> live = get("/health/live", null);
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"requestor\""), live.body());
        HttpResponse<String> ready = get("/health/ready", null);
        assertTrue(ready.body().contains("requestor-database"), ready.body());
        assertEquals("{\"message\":\"Golem Requestor API\"}", get("/", null).body());
        assertEquals(401, get("/api/v1/vms", null).statusCode(), "the API needs the token");
        String token = Files.readString(dataDir.resolve("api.token")).strip();
        HttpResponse<String> vms = get("/api/v1/vms", token);
        assertEquals(200, vms.statusCode(), vms.body());
        assertEquals("{\"vms\":[]}", vms.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (started) {
            run(Map.of(), 120, "stop-domain", "--domaindir", domains.toString(), DOMAIN);
        }
        for (Path dir : new Path[] {domains, dataDir}) {
            if (dir != null && Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
