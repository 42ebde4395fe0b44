import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.contracts.Chain;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.golem.vm.contracts.generated.ProviderRegistry;
import org.golem.vm.contracts.testing.RegistryAds;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.DynamicGasProvider;

/**
 * Benchmark of the ProviderRegistry (docs/contracts.md §8), for bench/registry: what a provider's writes cost in
 * gas, and how long a requestor takes to list the directory from a node. Runs single-file against an anvil the
 * script started ({@code --auto-impersonate}, no block gas limit):
 * {@code java -cp <contracts' classes, test classes and classpath> bench/RegistryBench.java --rpc http://127.0.0.1:8545 [--sizes 1000,10000]}.
 *
 * <ol>
 *   <li>Gas of a typical advertisement ({@link RegistryAds#typical}: full pricing, 3 images, an egress allow list)
 *       through
 *       {@link ProviderRegistryClient}: first write, content update, renewal, removal; the ETH they cost at 1 gwei and
 *       at 0.01 gwei (an L2's gas price).</li>
 *   <li>Seeds the registry with N entries from N distinct accounts: automine off, {@code anvil_setBalance} and
 *       {@code eth_sendTransaction} from impersonated addresses in JSON-RPC batches, then one {@code evm_mine}.</li>
 *   <li>Cold listing: {@link ProviderRegistryClient#snapshot()} plus decoding and validating every entry, as a
 *       requestor without a cache does (median of 3 after two warm-up listings; the time in
 *       {@code snapshot()} alone is printed beside it).</li>
 *   <li>Incremental refresh: 10 providers update their entries after the snapshot;
 *       {@link ProviderRegistryClient#changesSince} from the snapshot's block plus decoding the changes (median of 5).</li>
 * </ol>
 * The LAST line is the result:
 * {@code registry: gas register <n> update <n> renew <n> remove <n>; list 1000 <s> s, 10000 <s> s, incremental <ms> ms}.
 */
public class RegistryBench {

    private static final long TTL = 6 * 3600;
    private static final int RPC_BATCH = 500;

    public static void main(String[] args) throws Exception {
        String rpc = "http://127.0.0.1:8545";
        int[] sizes = {1_000, 10_000};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rpc" -> rpc = args[++i];
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).sorted().toArray();
                default -> {
                    System.err.println("usage: RegistryBench [--rpc URL] [--sizes 1000,10000]");
                    System.exit(2);
                }
            }
        }
        HttpService service = new HttpService(rpc);
        try (Chain chain = Chain.connect(rpc)) {
            Credentials deployer = Credentials.create(Keys.createEcKeyPair());
            chain.setDevBalance(deployer.getAddress(), BigInteger.TEN.pow(22));
            String address = ProviderRegistry.deploy(chain.web3j(), chain.transactionManager(deployer),
                    new DynamicGasProvider(chain.web3j())).send().getContractAddress();
            ProviderRegistryClient registry = new ProviderRegistryClient(chain, address);

            // ---- (a) gas of one provider's writes
            Credentials provider = Credentials.create(Keys.createEcKeyPair());
            chain.setDevBalance(provider.getAddress(), BigInteger.TEN.pow(20));
            byte[] entry = RegistryEntryCodec.encode(RegistryAds.typical(0));
            byte[] updated = RegistryEntryCodec.encode(RegistryAds.typical(1));
            long register = gas(registry.as(provider).register(entry, TTL));
            // chain time moves between the writes as in real life: a renewal that lands in the same second as the
            // previous write would store unchanged values and cost ~2,800 gas less than any real one
            rpc(service, "evm_increaseTime", 3_600);
            long update = gas(registry.as(provider).register(updated, TTL));
            rpc(service, "evm_increaseTime", TTL / 2);
            long renew = gas(registry.as(provider).renew(TTL));
            long remove = gas(registry.as(provider).remove());
            say("typical advertisement: JSON " + org.golem.vm.common.json.Json.toJson(RegistryAds.typical(0)).length()
                    + " bytes, entry " + entry.length + " bytes (update " + updated.length + " bytes)");
            for (Object[] row : new Object[][] {{"first write (register)", register}, {"content update (register)", update},
                    {"renewal (renew)", renew}, {"removal (remove)", remove}}) {
                long g = (long) row[1];
                say(String.format("gas %-26s %8d  = %.6f ETH at 1 gwei, %.8f ETH at 0.01 gwei", row[0], g,
                        g * 1e-9, g * 1e-11));
            }
            say(String.format("a provider renewing every 3 h: %d renewals/month = %.6f ETH/month at 1 gwei, %.8f at 0.01 gwei",
                    240, 240 * renew * 1e-9, 240 * renew * 1e-11));

            // ---- (b) listing N entries
            Map<Integer, Double> listSeconds = new java.util.LinkedHashMap<>();
            int seeded = 0;
            boolean warmedUp = false;
            for (int n : sizes) {
                long t0 = System.nanoTime();
                seed(service, registry, address, seeded, n);
                seeded = n;
                say(String.format("seeded %d entries in %.1f s", n, (System.nanoTime() - t0) / 1e9));
                if (!warmedUp) {
                    list(registry, n);
                    list(registry, n);
                    warmedUp = true;
                }
                double[] runs = new double[3];
                double[] fetch = new double[3];
                for (int r = 0; r < runs.length; r++) {
                    long s = System.nanoTime();
                    fetch[r] = list(registry, n);
                    runs[r] = (System.nanoTime() - s) / 1e9;
                }
                Arrays.sort(runs);
                Arrays.sort(fetch);
                say(String.format("cold listing of %d entries (snapshot + decode + validate): %.3f s median "
                        + "(snapshot() alone %.3f s), runs %s", n, runs[1], fetch[1], Arrays.toString(runs)));
                listSeconds.put(n, runs[1]);
            }

            // ---- incremental refresh after 10 updates
            ProviderRegistryClient.Snapshot snapshot = registry.snapshot();
            rpc(service, "evm_setAutomine", false);
            BatchRequest batch = chain.web3j().newBatch();
            for (int i = 0; i < 10; i++) {
                int k = i * (seeded / 10);
                batch.add(sendTransaction(service, seededAddress(k), address,
                        registerCall(RegistryEntryCodec.encode(RegistryAds.typical(k + 1_000_000)))));
            }
            checkBatch(batch.send().getResponses());
            rpc(service, "evm_mine");
            rpc(service, "evm_setAutomine", true);
            double[] inc = new double[5];
            int changed = 0;
            for (int r = 0; r < inc.length; r++) {
                long s = System.nanoTime();
                ProviderRegistryClient.Changes changes = registry.changesSince(snapshot.blockNumber());
                changed = 0;
                for (ProviderRegistryClient.Change c : changes.changes()) {
                    if (c.kind() == ProviderRegistryClient.Change.Kind.REGISTERED) {
                        valid(RegistryEntryCodec.decode(c.data()));
                        changed++;
                    }
                }
                inc[r] = (System.nanoTime() - s) / 1e6;
            }
            if (changed != 10) {
                throw new IllegalStateException("expected 10 changes, read " + changed);
            }
            Arrays.sort(inc);
            say(String.format("incremental refresh (changesSince + decode of %d changes): %.1f ms median, runs %s",
                    changed, inc[2], Arrays.toString(inc)));

            StringBuilder line = new StringBuilder(String.format(
                    "registry: gas register %d update %d renew %d remove %d; list", register, update, renew, remove));
            String sep = " ";
            for (var e : listSeconds.entrySet()) {
                line.append(sep).append(e.getKey()).append(' ').append(String.format("%.2f", e.getValue())).append(" s");
                sep = ", ";
            }
            line.append(String.format(", incremental %.1f ms", inc[2]));
            System.out.println(line);
        }
    }

    /**
     * Lists and decodes every entry, as a requestor without a cache; checks the count.
     *
     * @return the seconds spent in {@code snapshot()} (the node's page calls and their ABI decoding)
     */
    private static double list(ProviderRegistryClient registry, int expected) throws IOException {
        long s0 = System.nanoTime();
        ProviderRegistryClient.Snapshot s = registry.snapshot();
        double fetched = (System.nanoTime() - s0) / 1e9;
        for (ProviderRegistryClient.Entry e : s.entries()) {
            valid(RegistryEntryCodec.decode(e.data()));
        }
        if (s.entries().size() != expected) {
            throw new IllegalStateException("listed " + s.entries().size() + " entries, expected " + expected);
        }
        return fetched;
    }

    private static void valid(AdvertisementRequest ad) {
        if (!WireValidation.advertisementRequest(ad).isEmpty()) {
            throw new IllegalStateException("invalid advertisement: " + WireValidation.advertisementRequest(ad));
        }
    }

    /** Registers entries from seeded accounts {@code from..to-1}: balances, transactions, then one block. */
    private static void seed(HttpService service, ProviderRegistryClient registry, String address, int from, int to)
            throws Exception {
        org.web3j.protocol.Web3j web3j = org.web3j.protocol.Web3j.build(service);
        rpc(service, "evm_setAutomine", false);
        try {
            for (int start = from; start < to; start += RPC_BATCH) {
                int end = Math.min(to, start + RPC_BATCH);
                BatchRequest balances = web3j.newBatch();
                BatchRequest sends = web3j.newBatch();
                for (int i = start; i < end; i++) {
                    balances.add(new Request<>("anvil_setBalance", List.of(seededAddress(i), "0x56bc75e2d63100000"),
                            service, Raw.class));
                    sends.add(sendTransaction(service, seededAddress(i), address,
                            registerCall(RegistryEntryCodec.encode(RegistryAds.typical(i)))));
                }
                checkBatch(balances.send().getResponses());
                checkBatch(sends.send().getResponses());
            }
            rpc(service, "evm_mine");
        } finally {
            rpc(service, "evm_setAutomine", true);
        }
        long count = ((BigInteger) ProviderRegistry.load(address, web3j,
                new org.web3j.tx.ReadonlyTransactionManager(web3j, null), new DynamicGasProvider(web3j))
                .count().send()).longValueExact();
        if (count != to) {
            throw new IllegalStateException("the registry holds " + count + " entries after seeding, expected " + to);
        }
    }

    /** @return the i-th seeded provider: an address nobody holds a key of (anvil impersonates it) */
    private static String seededAddress(int i) {
        return Keys.toChecksumAddress(String.format("0xbe%038x", i + 1));
    }

    private static Request<?, Raw> sendTransaction(HttpService service, String from, String to, String data) {
        return new Request<>("eth_sendTransaction", List.of(Map.of("from", from, "to", to, "data", data,
                "gas", "0x" + Long.toHexString(1_500_000))), service, Raw.class);
    }

    @SuppressWarnings("rawtypes")
    private static String registerCall(byte[] data) {
        return FunctionEncoder.encode(new Function(ProviderRegistry.FUNC_REGISTER,
                List.<org.web3j.abi.datatypes.Type>of(new DynamicBytes(data), new Uint64(BigInteger.valueOf(TTL))),
                List.of()));
    }

    private static void checkBatch(List<? extends Response<?>> responses) {
        for (Response<?> r : responses) {
            if (r.hasError()) {
                throw new IllegalStateException("JSON-RPC error: " + r.getError().getMessage());
            }
        }
    }

    private static void rpc(HttpService service, String method, Object... params) throws IOException {
        Raw r = new Request<>(method, List.of(params), service, Raw.class).send();
        if (r.hasError()) {
            throw new IOException(method + ": " + r.getError().getMessage());
        }
    }

    private static long gas(TransactionReceipt receipt) {
        return receipt.getGasUsed().longValueExact();
    }

    private static void say(String s) {
        System.err.println("bench: " + s);
    }

    /** A JSON-RPC response whose result is not inspected. */
    public static final class Raw extends Response<Object> {
    }
}
