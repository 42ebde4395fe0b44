package org.golem.vm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Watches a {@link DemoRun} from outside while it runs, once a second, the way an operator's monitoring would:
 * <ul>
 *   <li>every service's {@code /health/ready} (MicroProfile Health): from its first {@code UP} on, every answer that
 *       is not a 200 with status {@code UP} within 10 s is recorded as a lapse;</li>
 *   <li>the requestor's VMs ({@code GET /api/v1/vms} with the token from its data directory): names, VM ids, SSH
 *       ports, streams, statuses;</li>
 *   <li>the provider's VMs as its operator sees them ({@code GET /api/v1/admin/vms} with the admin token): the
 *       hypervisor's id of each VM, which names its directory;</li>
 *   <li>the provider's QEMU processes (command lines naming its data directory) with their working directories
 *       (the VM directory holding the overlay disk);</li>
 *   <li>the SSH banner on the port of each running VM.</li>
 * </ul>
 * These sightings make the checks after the demo's "destroy" meaningful: what is gone then was seen running before.
 */
final class StackWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StackWatch.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one service's health looked like over the run. */
    static final class Health {
        final String service;
        final URI url;
        volatile Instant firstUp;
        volatile int upAnswers;
        final List<String> lapses = new ArrayList<>();

        Health(String service, URI url) {
            this.service = service;
            this.url = url;
        }

        @Override
        public synchronized String toString() {
            return service + ": first UP " + firstUp + ", " + upAnswers + " UP answers, lapses " + lapses;
        }
    }

    /** A VM as the requestor listed it. */
    record VmSeen(String name, String vmId, int sshPort, String streamId, String status) {
    }

    private final DemoRun run;
    private final Path providerData;
    private final Path requestorData;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, Health> health = new LinkedHashMap<>();
    /** VMs by name, last status seen. */
    final Map<String, VmSeen> vms = new ConcurrentHashMap<>();
    /** VM names seen with status running. */
    final Map<String, VmSeen> running = new ConcurrentHashMap<>();
    /** The provider's driver id of each VM, by VM name ({@code driver_id} of the admin API). */
    final Map<String, String> driverIds = new ConcurrentHashMap<>();
    /** Working directories of the provider's QEMU processes, with the pid seen there. */
    final Map<Path, Long> qemuDirs = new ConcurrentHashMap<>();
    /** VM directories in which the overlay disk (disk.qcow2) was seen while its QEMU ran. */
    final Map<Path, Boolean> overlaysSeen = new ConcurrentHashMap<>();
    /** SSH banners seen on the ports of running VMs. */
    final Map<Integer, String> sshBanners = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    StackWatch(DemoRun run) {
        this.run = run;
        this.providerData = run.work.resolve("provider");
        this.requestorData = run.work.resolve("requestor");
        DemoRun.Ports p = run.ports;
        for (var e : Map.of("discovery", p.discovery(), "port-checker", p.portChecker(), "provider", p.provider(),
                "requestor", p.requestor()).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            health.put(e.getKey(), new Health(e.getKey(), URI.create("http://127.0.0.1:" + e.getValue()
                    + "/health/ready")));
        }
        thread = new Thread(this::loop, "stack-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!closed) {
            long t0 = System.nanoTime();
            try {
                sample();
            } catch (RuntimeException e) {
                LOG.warning(() -> "stack watch: " + e);
            }
            long sleep = 1_000 - (System.nanoTime() - t0) / 1_000_000;
            try {
                Thread.sleep(Math.max(sleep, 50));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        for (Health h : health.values()) {
            Optional<String> problem = checkHealth(h.url);
            synchronized (h) {
                if (problem.isEmpty()) {
                    if (h.firstUp == null) {
                        h.firstUp = Instant.now();
                    }
                    h.upAnswers++;
                } else if (h.firstUp != null && !closed) {
                    h.lapses.add(Instant.now() + " " + problem.get());
                }
            }
        }
        Path token = requestorData.resolve("api.token");
        if (health.get("requestor").firstUp != null && Files.isReadable(token)) {
            for (JsonNode vm : vmList(run.ports.requestor(), "/api/v1/vms", token)) {
                VmSeen seen = new VmSeen(vm.path("name").asText(), vm.path("vm_id").asText(null),
                        vm.path("ssh_port").asInt(0), vm.path("stream_id").asText(null), vm.path("status").asText());
                vms.put(seen.name(), seen);
                if ("running".equals(seen.status())) {
                    running.put(seen.name(), seen);
                }
            }
        }
        Path adminToken = providerData.resolve("admin.token");
        if (health.get("provider").firstUp != null && Files.isReadable(adminToken)) {
            for (JsonNode vm : vmList(run.ports.provider(), "/api/v1/admin/vms", adminToken)) {
                if (vm.hasNonNull("driver_id")) {
                    driverIds.put(vm.path("name").asText(), vm.path("driver_id").asText());
                }
            }
        }
        for (Machine.Proc q : Machine.qemuOf(providerData)) {
            if (q.cwd() != null) {
                qemuDirs.put(q.cwd(), q.pid());
                if (Files.exists(q.cwd().resolve("disk.qcow2"))) {
                    overlaysSeen.put(q.cwd(), true);
                }
            }
        }
        for (VmSeen vm : running.values()) {
            if (vm.sshPort() > 0 && !sshBanners.containsKey(vm.sshPort())) {
                Machine.sshBanner(vm.sshPort()).ifPresent(b -> sshBanners.put(vm.sshPort(), b));
            }
        }
    }

    /** @return empty when the service answered 200 with status UP, else what it answered */
    private Optional<String> checkHealth(URI url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && "UP".equals(JSON.readTree(r.body()).path("status").asText())) {
                return Optional.empty();
            }
            return Optional.of("HTTP " + r.statusCode() + " " + r.body());
        } catch (IOException e) {
            return Optional.of(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** @return the {@code vms} array of a bearer-token GET on 127.0.0.1:port (empty when it did not come) */
    private JsonNode vmList(int port, String path, Path token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + Files.readString(token).strip())
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body()).path("vms");
            }
        } catch (IOException e) {
            // the health poll records the service's lapses; a list that did not come is only a missed sample
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return JSON.createArrayNode();
    }

    /** @return the services whose health lapsed after their first UP, or never came UP, with what they answered */
    List<String> healthProblems() {
        List<String> problems = new ArrayList<>();
        for (Health h : health.values()) {
            synchronized (h) {
                if (h.firstUp == null) {
                    problems.add(h.service + " never answered UP");
                } else if (!h.lapses.isEmpty()) {
                    problems.add(h.toString());
                }
            }
        }
        return problems;
    }

    /** Stops watching (waits for a sample in progress). */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(30_000);
        LOG.info(() -> "stack watch: " + health.values() + "; VMs " + vms.values() + "; driver ids " + driverIds + "; qemu " + qemuDirs
                + "; ssh " + sshBanners);
    }
}
