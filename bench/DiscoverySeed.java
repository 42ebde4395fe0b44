import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.auth.SignedHeaders;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.web3j.crypto.ECKeyPair;

/**
 * Seeds a discovery service with advertisements through its API, for bench/discovery: N distinct random
 * providers (one secp256k1 key each), each publishing one signed {@code POST /api/v1/advertisements} with varied
 * country, platform, network, free resources and prices. Runs single-file:
 * {@code java -cp <common's classpath> bench/DiscoverySeed.java --url http://127.0.0.1:9001/ --count 10000}.
 *
 * <p>Signing uses {@link RequestSigner} exactly as {@code GolemHttpClient} does; the requests go through one shared
 * {@link HttpClient} (a GolemHttpClient is bound to one signer and owns its own HttpClient, which for 10,000
 * signers would mean 10,000 clients). Exit status 0 when every advertisement was accepted, 1 otherwise.
 */
public class DiscoverySeed {

    private static final String[] COUNTRIES = {"SE", "US", "DE", "FR", "NL", "PL", "FI", "GB", "CA", "JP", "SG",
        "BR", "AU", "CH", "NO", "ES", "IT", "CZ", "RO", "UA"};
    /** Weights: the first countries hold most providers (a realistic skew, and big result sets for SE/US/DE). */
    private static final int[] COUNTRY_WEIGHTS = {20, 18, 12, 8, 7, 5, 4, 4, 3, 3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 2};
    private static final int[] CPUS = {1, 2, 2, 4, 4, 4, 8, 8, 16, 32};
    private static final BigInteger CURVE_N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:9001/";
        int count = 10_000;
        int concurrency = 8;
        long seed = new SecureRandom().nextLong();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: DiscoverySeed [--url URL] [--count N] [--concurrency N] [--seed S]");
                    System.exit(2);
                }
            }
        }
        URI endpoint = URI.create(url.endsWith("/") ? url : url + "/").resolve("api/v1/advertisements");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(2)).build();
        byte[] keySeed = new byte[32];
        new SecureRandom().nextBytes(keySeed);

        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int total = count;
        long seedFinal = seed;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    // a distinct random key per provider: SHA-256(random seed ‖ i), reduced into [1, n-1]
                    sha.update(keySeed);
                    sha.update(BigInteger.valueOf(i).toByteArray());
                    BigInteger priv = new BigInteger(1, sha.digest()).mod(CURVE_N.subtract(BigInteger.ONE))
                            .add(BigInteger.ONE);
                    RequestSigner signer = new RequestSigner(ECKeyPair.create(priv));
                    byte[] body = Json.toJsonBytes(advertisement(new SplittableRandom(seedFinal * 1_000_003L + i)));
                    if (publish(http, endpoint, signer, body)) {
                        accepted.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("seeded %d advertisements in %.1f s (%.0f/s, %d concurrent), %d failed%n",
                accepted.get(), seconds, accepted.get() / seconds, concurrency, failed.get());
        System.exit(failed.get() == 0 ? 0 : 1);
    }

    /** One signed POST; retried on 5xx, 429 and I/O errors (a few times), reported on other statuses. */
    private static boolean publish(HttpClient http, URI endpoint, RequestSigner signer, byte[] body)
            throws InterruptedException {
        String path = endpoint.getRawPath();
        for (int attempt = 1; attempt <= 5; attempt++) {
            // a fresh timestamp (and so a fresh signature) per attempt: a retry must not look like a replay
            SignedHeaders h = signer.sign("POST", path, body, Clock.systemUTC().instant().getEpochSecond()
                    + attempt - 1);
            HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            h.asMap().forEach(b::header);
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
                if (r.statusCode() < 500 && r.statusCode() != 429) {
                    System.err.println("refused " + r.statusCode() + ": " + r.body());
                    return false;
                }
                System.err.println("attempt " + attempt + ": " + r.statusCode() + " " + r.body());
            } catch (java.io.IOException e) {
                System.err.println("attempt " + attempt + ": " + e);
            }
            Thread.sleep(200L * attempt);
        }
        return false;
    }

    /** A varied advertisement: weighted country, platform mix, resources and prices in plausible ranges. */
    static AdvertisementRequest advertisement(SplittableRandom r) {
        int pick = r.nextInt(100);
        String country = COUNTRIES[COUNTRIES.length - 1];
        for (int c = 0, acc = 0; c < COUNTRIES.length; c++) {
            acc += COUNTRY_WEIGHTS[c];
            if (pick < acc) {
                country = COUNTRIES[c];
                break;
            }
        }
        int p = r.nextInt(100);
        String platform = p < 70 ? "x86_64" : p < 95 ? "arm64" : "riscv64";
        int cpu = CPUS[r.nextInt(CPUS.length)];
        int memory = Math.max(1, cpu * (1 << r.nextInt(3)) - (r.nextInt(4) == 0 ? 1 : 0));
        int storage = 10 * (1 + r.nextInt(200));
        boolean mainnet = r.nextInt(4) == 0;
        AdvertisedPricing pricing = null;
        if (r.nextInt(100) >= 3) { // 3 % advertise no USD prices (they sort last)
            BigDecimal core = BigDecimal.valueOf(100 + r.nextInt(900), 2);     // 1.00 - 9.99 USD per core-month
            BigDecimal ram = BigDecimal.valueOf(20 + r.nextInt(480), 2);       // 0.20 - 4.99 per GiB-month
            BigDecimal disk = BigDecimal.valueOf(1 + r.nextInt(199), 3);       // 0.001 - 0.199 per GiB-month
            BigDecimal token = new BigDecimal("2500");                         // USD per ETH
            pricing = new AdvertisedPricing(core, ram, disk, tokens(core, token), tokens(ram, token),
                    tokens(disk, token), token, 18, wei(core, token), wei(ram, token), wei(disk, token));
        }
        String ip = (new String[] {"192.0.2.", "198.51.100.", "203.0.113."})[r.nextInt(3)] + (1 + r.nextInt(254));
        return new AdvertisementRequest(ip, country, platform, new Resources(cpu, memory, storage), pricing,
                "bench-" + country.toLowerCase() + "-" + r.nextInt(1_000_000), 7466 + r.nextInt(10),
                mainnet ? "mainnet" : "testnet", mainnet ? "mainnet" : "l2.holesky",
                "0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2", "0x0000000000000000000000000000000000000000");
    }

    private static BigDecimal tokens(BigDecimal usd, BigDecimal usdPerToken) {
        return usd.divide(usdPerToken, 12, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static BigInteger wei(BigDecimal usd, BigDecimal usdPerToken) {
        return usd.movePointRight(18).divide(usdPerToken, 0, java.math.RoundingMode.CEILING).toBigIntegerExact();
    }
}
