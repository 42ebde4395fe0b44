package org.golem.vm.provider.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Pricing;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.money.UsdPricing;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.contracts.testing.Anvil;
import org.golem.vm.provider.infrastructure.vm.qemu.TestImages;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.web3j.crypto.Credentials;

/**
 * What a provider integration test runs against: a real anvil chain with our deployed contract, the micro image
 * built by provider-war/images/build-image, and the packaged provider WAR (system property {@code golem.war}) plus a
 * small jar whose META-INF/microprofile-config.properties (ordinal 500) points it at them, with a fresh data
 * directory and an in-memory H2 database. Also the requestor side: signed clients, streams, prices.
 */
final class ProviderStack {
    /** Prices of the test provider (the defaults): USD per core / GiB RAM / GiB disk per month. */
    static final UsdPricing USD = UsdPricing.of("5.0", "2.0", "0.1");
    /** USD per ETH of the test provider. */
    static final BigDecimal ETH_USD = new BigDecimal("2000");
    /** Runway a stream must have left at creation in these tests, seconds. */
    static final long MIN_RUNWAY = 120;
    /** First and last SSH port of the test provider. */
    static final int FIRST_PORT = 51720;
    static final int LAST_PORT = 51739;

    static Anvil anvil;
    static Path dataDir;
    static StreamPaymentClient streams;

    private ProviderStack() {
    }

    /** @return the JVM-wide anvil with our contracts deployed, started on first use, stopped at JVM exit */
    static synchronized Anvil chain() throws Exception {
        if (anvil == null) {
            anvil = Anvil.start(Path.of("target", "it-logs", "anvil-provider.log"));
            streams = new StreamPaymentClient(anvil.chain(), anvil.streamPaymentAddress());
            Anvil started = anvil;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "anvil-stop"));
        }
        return anvil;
    }

    /**
     * Starts anvil (once per JVM), builds the micro image and returns the WAR configured for them, with a fresh
     * {@link #dataDir}; {@code extra} settings win over the defaults here, {@code @DATA@} in a value is the data dir.
     */
    static synchronized WebArchive war(Map<String, String> extra) throws Exception {
        chain();
        Path micro = TestImages.build("micro");
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "provider-it-");
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("golem.provider.data-dir", dataDir.toString());
        settings.put("golem.provider.database.url", "jdbc:h2:mem:provider-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        settings.put("golem.provider.rpc-url", anvil.rpcUrl());
        settings.put("golem.provider.stream-payment-address", anvil.streamPaymentAddress());
        settings.put("golem.provider.token-address", "0x0000000000000000000000000000000000000000");
        settings.put("golem.provider.vm.images", "micro=" + micro);
        settings.put("golem.provider.ssh.bind-address", "127.0.0.1");
        settings.put("golem.provider.ssh.port-range-start", String.valueOf(FIRST_PORT));
        settings.put("golem.provider.ssh.port-range-end", String.valueOf(LAST_PORT));
        settings.put("golem.provider.qemu.accel", "tcg");
        settings.put("golem.provider.qemu.acpi-grace-seconds", "1");
        settings.put("golem.provider.vm.boot-timeout-seconds", "120");
        settings.put("golem.provider.capacity.cpu", "8");
        settings.put("golem.provider.capacity.memory-gib", "8");
        settings.put("golem.provider.capacity.storage-gib", "100");
        settings.put("golem.provider.capacity.max-vms", "4");
        settings.put("golem.provider.stream.min-runway-seconds", String.valueOf(MIN_RUNWAY));
        // the test client connects from the machine's interface address, not loopback
        settings.put("golem.provider.admin.allowed-addresses", "0.0.0.0/0,::/0");
        extra.forEach((k, v) -> settings.put(k, v.replace("@DATA@", dataDir.toString())));
        String props = "config_ordinal=500\n" + settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\")).collect(Collectors.joining("\n"))
                + "\n";
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
                .addAsManifestResource(new StringAsset(props), "microprofile-config.properties");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("golem.war")))
                .addAsLibrary(config);
    }

    /** @return the rate the test provider requires for {@code r}, wei per second */
    static BigInteger rate(Resources r) {
        return Pricing.ratePerSecondWei(USD, r, ETH_USD, 18);
    }

    /** Opens an ETH stream from {@code sender} to {@code recipient} paying {@code rate} for {@code seconds}. */
    static BigInteger openStream(Credentials sender, String recipient, BigInteger rate, long seconds)
            throws Exception {
        return streams.as(sender).createStream("0x0000000000000000000000000000000000000000", recipient,
                rate.multiply(BigInteger.valueOf(seconds)), rate);
    }

    /** A client of one deployed provider. */
    static final class Api {
        final URI base;

        Api(URL deployment) {
            this.base = URI.create(deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/");
        }

        GolemHttpClient.Reply send(Credentials as, String method, String path, Object body) throws IOException {
            GolemHttpClient c = new GolemHttpClient(as == null ? null : new RequestSigner(as));
            return c.send(method, base.resolve(path), body == null ? null
                    : body instanceof String s ? s : Json.toJson(body));
        }

        GolemHttpClient.Reply create(Credentials as, CreateVmRequest r, boolean async) throws IOException {
            return send(as, "POST", "api/v1/vms" + (async ? "?async=true" : ""), r);
        }

        /** An admin call with the token from the provider's data directory. */
        HttpResponse<String> admin(String method, String path, String body, String token) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        static String adminToken() throws IOException {
            return Files.readString(dataDir.resolve("admin.token")).strip();
        }
    }

    static JsonNode json(GolemHttpClient.Reply r) {
        return Json.tree(r.body());
    }

    static String code(GolemHttpClient.Reply r) {
        return json(r).path("detail").path("code").asText();
    }
}
