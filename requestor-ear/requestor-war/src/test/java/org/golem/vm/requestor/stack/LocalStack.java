package org.golem.vm.requestor.stack;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.Deployer;
import org.golem.vm.contracts.Deployment;
import org.golem.vm.contracts.testing.Anvil;

/**
 * The whole marketplace on this machine, as an operator runs it: a real anvil chain with our contract deployed (its
 * deployment file in a shared deployments directory), and discovery, provider (QEMU driver, micro image) and
 * requestor each as its own Payara Micro process with its own data directory and H2 database, configured only through
 * {@code GOLEM_*} environment variables. Used by the requestor's and the CLI's end-to-end tests.
 *
 * <p>The WARs and Payara Micro jars come from the modules' {@code target} directories under the repository root
 * (system property {@code golem.root}); the reactor builds them before the modules whose tests use this class.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());
    /** Payments network name of the test chain (and its deployment file's base name). */
    public static final String NETWORK = "anvil";

    /** Repository root. */
    public final Path root;
    /** Everything of this stack: data directories, logs, deployments. */
    public final Path work;
    /** The chain. */
    public final Anvil anvil;
    /** Deployments directory shared by provider and requestor ({@code anvil.json}). */
    public final Path deployments;
    private final List<Service> services = new ArrayList<>();

    /** One service process. */
    public static final class Service {
        /** Name used for its directory and log. */
        public final String name;
        /** HTTP port on 127.0.0.1. */
        public final int port;
        /** Its data directory. */
        public final Path dataDir;
        /** stdout and stderr. */
        public final Path log;
        private final Process process;

        Service(String name, int port, Path dataDir, Path log, Process process) {
            this.name = name;
            this.port = port;
            this.dataDir = dataDir;
            this.log = log;
            this.process = process;
        }

        /** @return {@code http://127.0.0.1:<port>} */
        public URI url() {
            return URI.create("http://127.0.0.1:" + port);
        }

        /** @return a provider's id, from its public {@code GET /api/v1/provider/info} */
        public String providerId() throws IOException, InterruptedException {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    url().resolve("/api/v1/provider/info")).build(), HttpResponse.BodyHandlers.ofString());
            return org.golem.vm.common.json.Json.tree(r.body()).get("provider_id").asText();
        }

        /** @return the process is still running */
        public boolean alive() {
            return process.isAlive();
        }

        /**
         * Stops the service (TERM, then KILL after 60 s), e.g. to show that the others work without it.
         *
         * @throws InterruptedException when interrupted while waiting
         */
        public void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private LocalStack(Path root, Path work, Anvil anvil, Path deployments) {
        this.root = root;
        this.work = work;
        this.anvil = anvil;
        this.deployments = deployments;
    }

    /**
     * Starts anvil and deploys the contracts (StreamPayment and the ProviderRegistry, both in the deployment file, as
     * DeployCommand writes it); services are started with {@link #discovery}, {@link #provider}, {@link #requestor}.
     * Providers advertise to the registry too once their wallet has ETH for the gas.
     *
     * @param work a fresh directory for this stack
     */
    public static LocalStack start(Path work) throws Exception {
        Path root = Path.of(System.getProperty("golem.root", "../..")).toAbsolutePath().normalize();
        Files.createDirectories(work);
        Anvil anvil = Anvil.start(work.resolve("anvil.log"));
        Path deployments = work.resolve("deployments");
        Deployment d = anvil.deployment();
        // streams in native ETH (the zero token address), as on the original's L2 deployment
        Deployment.StreamPaymentInfo sp = d.streamPayment();
        new Deployment(NETWORK, d.chainId(), d.blockNumber(), d.timestamp(), d.deployer(),
                new Deployment.StreamPaymentInfo(sp.address(), sp.oracle(), StreamState.ZERO_ADDRESS, sp.version()),
                null, d.providerRegistry()).write(deployments);
        return new LocalStack(root, work, anvil, deployments);
    }

    /**
     * Writes a second deployment of the same StreamPayment whose streams pay in the chain's MockERC20 instead of
     * native ETH ({@code <deployments>/<network>.json}); services given this payments network stream in the token.
     *
     * @param network the payments network's name
     * @return the token's address
     */
    public String tokenNetwork(String network) throws IOException {
        Deployment d = anvil.deployment();
        Deployment.StreamPaymentInfo sp = d.streamPayment();
        new Deployment(network, d.chainId(), d.blockNumber(), d.timestamp(), d.deployer(),
                new Deployment.StreamPaymentInfo(sp.address(), sp.oracle(), anvil.tokenAddress(), sp.version()),
                null).write(deployments);
        return anvil.tokenAddress();
    }

    /** @return a TCP port free right now */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** @return the micro image directory, built by provider-war/images/build-image into the provider's cache */
    public Path microImage() throws Exception {
        // the build's shared image cache (the parent pom's golem.test.imageCache), else the provider module's own
        String shared = System.getProperty("golem.test.imageCache", "");
        Path cache = shared.isBlank() ? root.resolve("provider-war/target/vm-images") : Path.of(shared);
        Process p = new ProcessBuilder("bash", root.resolve("provider-war/images/build-image").toString(), "micro",
                cache.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("build-image micro failed:\n" + out);
        }
        return cache.resolve("micro");
    }

    /**
     * Deploys another StreamPayment on the same chain (for a provider that takes payments elsewhere).
     *
     * @return its address
     */
    public String otherContract() throws Exception {
        return new Deployer(anvil.chain(), anvil.deployer())
                .deploy(new Deployer.Request("other", null, null, false, null)).streamPayment().address();
    }

    /** Starts the port checker (private targets allowed: everything here is on loopback) and waits until it is up. */
    public Service portChecker() throws Exception {
        return start("port-checker", "port-checker-war", "port-checker.war", "PORT_CHECKER_",
                Map.of("PORT_CHECKER_ALLOW_PRIVATE_TARGETS", "true"));
    }

    /** Starts discovery and waits until it is ready. */
    public Service discovery() throws Exception {
        return start("discovery", "discovery-war", "discovery.war", "GOLEM_DISCOVERY_", Map.of());
    }

    /**
     * Starts a provider advertising to {@code discovery} and waits until it is ready.
     *
     * @param name      its directory name (several providers may run)
     * @param firstPort first port of its SSH range (20 ports)
     * @param extra     more GOLEM_PROVIDER_* settings (they win)
     */
    public Service provider(String name, Service discovery, int firstPort, Map<String, String> extra)
            throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GOLEM_PROVIDER_RPC_URL", anvil.rpcUrl());
        env.put("GOLEM_PROVIDER_PAYMENTS_NETWORK", NETWORK);
        env.put("GOLEM_PROVIDER_DEPLOYMENTS_DIR", deployments.toString());
        env.put("GOLEM_PROVIDER_DISCOVERY_URL", discovery.url().toString());
        env.put("GOLEM_PROVIDER_PUBLIC_HOST", "127.0.0.1");
        env.put("GOLEM_PROVIDER_ADVERTISE_INTERVAL_SECONDS", "5");
        env.put("GOLEM_PROVIDER_VM_IMAGES", "micro=" + microImage());
        env.put("GOLEM_PROVIDER_SSH_BIND_ADDRESS", "127.0.0.1");
        env.put("GOLEM_PROVIDER_SSH_PORT_RANGE_START", String.valueOf(firstPort));
        env.put("GOLEM_PROVIDER_SSH_PORT_RANGE_END", String.valueOf(firstPort + 19));
        env.put("GOLEM_PROVIDER_QEMU_ACCEL", "tcg");
        env.put("GOLEM_PROVIDER_QEMU_ACPI_GRACE_SECONDS", "1");
        env.put("GOLEM_PROVIDER_CAPACITY_CPU", "4");
        env.put("GOLEM_PROVIDER_CAPACITY_MEMORY_GIB", "4");
        env.put("GOLEM_PROVIDER_CAPACITY_STORAGE_GIB", "60");
        env.put("GOLEM_PROVIDER_MONITOR_INTERVAL_SECONDS", "5");
        env.putAll(extra);
        return start(name, "provider-war", "provider.war", "GOLEM_PROVIDER_", env);
    }

    /** Starts the requestor service (our payments network, this discovery) and waits until it is live. */
    public Service requestor(Service discovery, Map<String, String> extra) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GOLEM_REQUESTOR_RPC_URL", anvil.rpcUrl());
        env.put("GOLEM_REQUESTOR_PAYMENTS_NETWORK", NETWORK);
        env.put("GOLEM_REQUESTOR_DEPLOYMENTS_DIR", deployments.toString());
        env.put("GOLEM_REQUESTOR_DISCOVERY_URL", discovery.url().toString());
        env.putAll(extra);
        return start("requestor", "requestor-ear/requestor-war", "requestor.war", "GOLEM_REQUESTOR_", env);
    }

    private Service start(String name, String module, String warName, String prefix, Map<String, String> env)
            throws Exception {
        Path war = root.resolve(module).resolve("target").resolve(warName);
        Path micro = root.resolve(module).resolve("target/payara-micro.jar");
        if (!Files.isRegularFile(war) || !Files.isRegularFile(micro)) {
            throw new IllegalStateException(war + " or its payara-micro.jar is missing: build the module first");
        }
        Path dir = work.resolve(name);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-jar", micro.toString(), "--deploy",
                war.toString(), "--contextroot", "/", "--port", String.valueOf(port), "--nohazelcast", "--rootdir",
                dir.resolve("payara").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put(prefix + "DATA_DIR", data.toString());
        pb.environment().put(prefix + "PORT", String.valueOf(port));
        pb.environment().putAll(env);
        Service s = new Service(name, port, data, log, pb.start());
        services.add(s);
        waitFor(s, "/health/live");
        LOG.info(() -> name + " up on port " + port + " (log " + log + ")");
        return s;
    }

    private static void waitFor(Service s, String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!s.alive()) {
                throw new IllegalStateException(s.name + " exited; see " + s.log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.url().resolve(path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(s.name + " not up within 180 s; see " + s.log);
    }

    /** @return processes whose command line mentions this stack's directory (VMs of its providers) */
    public long qemuProcesses() throws IOException {
        long n = 0;
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains("qemu-system") && cmd.contains(work.toString())) {
                        n++;
                    }
                } catch (IOException e) {
                    // exited
                }
            }
        }
        return n;
    }

    /** Stops every service, kills VMs this stack started, stops anvil. */
    @Override
    public void close() throws Exception {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
        new ProcessBuilder("pkill", "-f", work.toString()).start().waitFor();
        anvil.close();
    }
}
