import java.util.*;
import org.golem.vm.discovery.domain.Listing;
import org.golem.vm.discovery.domain.SearchQuery;

/**
 * Micro-benchmark behind bench/README.md's proposal: the CPU cost of one sort=price search over 10,000 listings, as
 * SearchIndex.search does it today and three cheaper ways that give the same page. Single-threaded, synthetic data
 * with the seeder's distribution, the query mix of bench/discovery.lua. The build compiles it (module bench) but never
 * runs it; run it by hand:
 *   mvn -q -pl discovery-war -am install -DskipTests
 *   java -cp discovery-war/target/classes bench/SearchScanBench.java
 * Variants:
 *   current       the loop of SearchIndex.search: Listing.matches on every listing, a PriorityQueue whose comparator
 *                 recomputes both prices (Math.*Exact) on every comparison
 *   early-reject  the same objects; the price computed once per match; a match enters a sorted top-k array only
 *                 when cheaper than its worst entry (the snapshot is newest-first, so strict "<" keeps the tie order)
 *   arrays        struct of arrays (int[] cpu, long[] price per unit, countries/platforms as int codes) + early-reject
 *   buckets       arrays + one index array per country, so a query with a country scans only that country
 */
public class SearchScanBench {
    static final String[] C = {"SE","US","DE","FR","NL","PL","FI","GB","CA","JP","SG","BR","AU","CH","NO","ES","IT","CZ","RO","UA"};
    static final int[] W = {20,18,12,8,7,5,4,4,3,3,2,2,2,2,2,1,1,1,1,2};
    static final int[] CPUS = {1,2,2,4,4,4,8,8,16,32};
    static final Comparator<Listing> NEWEST_FIRST = Comparator.comparingLong(Listing::updatedAt).reversed().thenComparing(Listing::providerId);

    public static void main(String[] a) {
        Random r = new Random(1);
        int n = 10_000;
        Listing[] all = new Listing[n];
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(100), acc = 0; String c = "UA";
            for (int k = 0; k < C.length; k++) { acc += W[k]; if (pick < acc) { c = C[k]; break; } }
            int p = r.nextInt(100); String pf = p < 70 ? "x86_64" : p < 95 ? "arm64" : "riscv64";
            int cpu = CPUS[r.nextInt(CPUS.length)]; int mem = Math.max(1, cpu * (1 << r.nextInt(3))); int st = 10 * (1 + r.nextInt(200));
            boolean priced = r.nextInt(100) >= 3;
            all[i] = new Listing(String.format("0x%040x", i), c, pf, "testnet", "l2.holesky", cpu, mem, st,
                priced ? 1_000_000L + r.nextInt(9_000_000) : -1, priced ? 200_000L + r.nextInt(4_800_000) : -1,
                priced ? 1_000L + r.nextInt(199_000) : -1, 1_800_000_000_000L - r.nextInt(1_000_000), new byte[600]);
        }
        Arrays.sort(all, NEWEST_FIRST);
        // query mix of bench/discovery.lua
        String[] qc = {"SE","US","DE","FR","NL","PL","FI","GB","CA","JP","SG","BR","AU","CH","NO"};
        int[] qcpu = {1,2,2,4,4,8}; int[] qmem = {1,2,4,4,8,16};
        SearchQuery[] qs = new SearchQuery[2000];
        for (int i = 0; i < qs.length; i++) {
            String c = r.nextInt(10) < 8 ? qc[r.nextInt(qc.length)] : null;
            String pf = r.nextInt(4) == 0 ? (r.nextBoolean() ? "x86_64" : "arm64") : null;
            long max = r.nextInt(5) == 0 ? (20L + r.nextInt(60)) * 1_000_000 : -1;
            int off = r.nextInt(5) == 0 ? 20 * (1 + r.nextInt(3)) : 0;
            qs[i] = new SearchQuery(qcpu[r.nextInt(6)], qmem[r.nextInt(6)], 0, c, pf, null, null, max, SearchQuery.Sort.PRICE, 20, off);
        }
        // SoA for variant C
        Map<String,Integer> codes = new HashMap<>();
        int[] cc = new int[n], cpu = new int[n], mem = new int[n], st = new int[n], pf = new int[n];
        long[] core = new long[n], ram = new long[n], disk = new long[n], upd = new long[n];
        for (int i = 0; i < n; i++) { Listing l = all[i];
            cc[i] = codes.computeIfAbsent(l.country(), k -> codes.size()); pf[i] = codes.computeIfAbsent(l.platform(), k -> codes.size());
            cpu[i] = l.cpu(); mem[i] = l.memoryGib(); st[i] = l.storageGib(); core[i] = l.coreMicros(); ram[i] = l.ramMicros(); disk[i] = l.storageMicros(); upd[i] = l.updatedAt(); }
        // variant D: per-country buckets of indexes into the arrays (queries with a country scan only their bucket)
        Map<Integer, int[]> buckets = new HashMap<>();
        { Map<Integer, List<Integer>> tmp = new HashMap<>();
          for (int i = 0; i < n; i++) tmp.computeIfAbsent(cc[i], k -> new ArrayList<>()).add(i);
          tmp.forEach((k, v) -> buckets.put(k, v.stream().mapToInt(Integer::intValue).toArray())); }
        int[] everything = new int[n]; for (int i = 0; i < n; i++) everything[i] = i;
        long cutoff = 0; long sink = 0;
        // every variant must answer every query exactly as the current code does (same total, same page, same order)
        for (int i = 0; i < n; i++) INDEX.put(all[i], i);
        recording = true;
        for (SearchQuery q : qs) {
            current(all, q, cutoff); List<Integer> want = lastPage; int wantTotal = lastTotal;
            int code = q.country() == null ? -1 : codes.getOrDefault(q.country(), -2);
            int pcode = q.platform() == null ? -1 : codes.getOrDefault(q.platform(), -2);
            earlyReject(all, q, cutoff); check("early-reject", q, want, wantTotal);
            soa(n, cc, pf, cpu, mem, st, core, ram, disk, upd, q, code, pcode, cutoff); check("arrays", q, want, wantTotal);
            bucketed(code == -1 ? everything : buckets.getOrDefault(code, new int[0]), pf, cpu, mem, st, core, ram, disk, upd, q, pcode, cutoff);
            check("buckets", q, want, wantTotal);
        }
        recording = false;
        System.out.println("all variants give the current answers for " + qs.length + " queries");
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) sink += current(all, qs[i % qs.length], cutoff);
            long t1 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) sink += earlyReject(all, qs[i % qs.length], cutoff);
            long t2 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) { SearchQuery q = qs[i % qs.length];
                sink += soa(n, cc, pf, cpu, mem, st, core, ram, disk, upd, q, q.country() == null ? -1 : codes.getOrDefault(q.country(), -2), q.platform() == null ? -1 : codes.getOrDefault(q.platform(), -2), cutoff); }
            long t3 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) { SearchQuery q = qs[i % qs.length];
                int code = q.country() == null ? -1 : codes.getOrDefault(q.country(), -2);
                int[] scan = code == -1 ? everything : buckets.getOrDefault(code, new int[0]);
                sink += bucketed(scan, pf, cpu, mem, st, core, ram, disk, upd, q, q.platform() == null ? -1 : codes.getOrDefault(q.platform(), -2), cutoff); }
            long t4 = System.nanoTime();
            System.out.printf("round %d: current %.1f us/search, early-reject %.1f us, arrays+early-reject %.1f us, +country buckets %.1f us%n", round,
                (t1 - t0) / 20_000 / 1e3, (t2 - t1) / 20_000 / 1e3, (t3 - t2) / 20_000 / 1e3, (t4 - t3) / 20_000 / 1e3);
        }
        System.out.println(sink);
    }

    static boolean recording;
    static List<Integer> lastPage; static int lastTotal;
    static final IdentityHashMap<Listing, Integer> INDEX = new IdentityHashMap<>();

    static void check(String variant, SearchQuery q, List<Integer> want, int wantTotal) {
        if (!want.equals(lastPage) || wantTotal != lastTotal) {
            throw new AssertionError(variant + " differs for " + q + ": " + lastPage + " vs " + want);
        }
    }

    static void record(int[] idx, int size, int offset, int total) {
        lastPage = new ArrayList<>(); lastTotal = total;
        for (int i = offset; i < size; i++) lastPage.add(idx[i]);
    }

    /** SearchIndex.search as written (PRICE branch). */
    static int current(Listing[] all, SearchQuery query, long cutoff) {
        int wanted = query.offset() + query.limit();
        Comparator<Listing> cheapest = Comparator.<Listing>comparingLong(l -> { long p = l.priceMicros(query); return p < 0 ? Long.MAX_VALUE : p; }).thenComparing(NEWEST_FIRST);
        PriorityQueue<Listing> heap = new PriorityQueue<>(Math.max(1, Math.min(wanted, 1024)), cheapest.reversed());
        int total = 0;
        for (Listing l : all) if (l.matches(query, cutoff)) { total++; heap.add(l); if (heap.size() > wanted) heap.poll(); }
        Listing[] sorted = heap.toArray(new Listing[0]); Arrays.sort(sorted, cheapest);
        lastPage = new ArrayList<>(); lastTotal = total;
        for (int i = query.offset(); i < sorted.length; i++) lastPage.add(INDEX.get(sorted[i]));
        return total + sorted.length;
    }

    /** Same objects; price computed once per match; a candidate enters the heap only if cheaper than its worst. */
    static int earlyReject(Listing[] all, SearchQuery q, long cutoff) {
        int wanted = q.offset() + q.limit();
        long[] price = new long[wanted + 1]; int[] idx = new int[wanted + 1]; int size = 0; int total = 0;
        for (int i = 0; i < all.length; i++) { Listing l = all[i];
            if (!l.matches(q, cutoff)) continue;
            total++;
            long p = l.priceMicros(q); if (p < 0) p = Long.MAX_VALUE;
            // all[] is newest-first, so among equal prices the earlier index wins: strict < keeps NEWEST_FIRST ties
            if (size == wanted && p >= price[size - 1]) continue;
            int pos = size == wanted ? size - 1 : size++;
            while (pos > 0 && price[pos - 1] > p) { price[pos] = price[pos - 1]; idx[pos] = idx[pos - 1]; pos--; }
            price[pos] = p; idx[pos] = i;
        }
        if (recording) record(idx, size, q.offset(), total);
        return total + size;
    }

    static int bucketed(int[] scan, int[] pf, int[] cpu, int[] mem, int[] st, long[] core, long[] ram, long[] disk, long[] upd,
                        SearchQuery q, int platform, long cutoff) {
        int wanted = q.offset() + q.limit();
        long[] price = new long[wanted + 1]; int[] idx = new int[wanted + 1]; int size = 0; int total = 0;
        long pc = q.pricedCpu(), pm = q.pricedMemoryGib(), ps = q.pricedStorageGib(), max = q.maxUsdMicrosPerMonth();
        for (int i : scan) {
            if (cpu[i] < q.cpu() || mem[i] < q.memoryGib() || st[i] < q.storageGib() || upd[i] < cutoff
                || platform != -1 && pf[i] != platform) continue;
            long p = core[i] < 0 ? Long.MAX_VALUE : pc * core[i] + pm * ram[i] + ps * disk[i];
            if (max >= 0 && p > max) continue;
            total++;
            if (size == wanted && p >= price[size - 1]) continue;
            int pos = size == wanted ? size - 1 : size++;
            while (pos > 0 && price[pos - 1] > p) { price[pos] = price[pos - 1]; idx[pos] = idx[pos - 1]; pos--; }
            price[pos] = p; idx[pos] = i;
        }
        if (recording) record(idx, size, q.offset(), total);
        return total + size;
    }

    /** Struct of arrays (countries/platforms as int codes) + early reject. */
    static int soa(int n, int[] cc, int[] pf, int[] cpu, int[] mem, int[] st, long[] core, long[] ram, long[] disk, long[] upd,
                   SearchQuery q, int country, int platform, long cutoff) {
        int wanted = q.offset() + q.limit();
        long[] price = new long[wanted + 1]; int[] idx = new int[wanted + 1]; int size = 0; int total = 0;
        long pc = q.pricedCpu(), pm = q.pricedMemoryGib(), ps = q.pricedStorageGib(), max = q.maxUsdMicrosPerMonth();
        for (int i = 0; i < n; i++) {
            if (cpu[i] < q.cpu() || mem[i] < q.memoryGib() || st[i] < q.storageGib() || upd[i] < cutoff
                || country != -1 && cc[i] != country || platform != -1 && pf[i] != platform) continue;
            long p = core[i] < 0 ? Long.MAX_VALUE : pc * core[i] + pm * ram[i] + ps * disk[i];
            if (max >= 0 && p > max) continue;
            total++;
            if (size == wanted && p >= price[size - 1]) continue;
            int pos = size == wanted ? size - 1 : size++;
            while (pos > 0 && price[pos - 1] > p) { price[pos] = price[pos - 1]; idx[pos] = idx[pos - 1]; pos--; }
            price[pos] = p; idx[pos] = i;
        }
        if (recording) record(idx, size, q.offset(), total);
        return total + size;
    }
}
