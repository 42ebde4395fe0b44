package org.golem.vm.portchecker.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throw-away network namespace joined to the host by a veth pair on a private /30 of {@code 10.200.0.0/16}
 * that exists only on this machine, with an nftables ruleset inside the namespace:
 * <ul>
 *   <li>TCP to ports {@link #DROP_FROM}..+99 is dropped (the SYN vanishes: the connect times out);</li>
 *   <li>TCP to ports {@link #UNREACHABLE_FROM}..+99 is rejected with ICMP host-unreachable
 *       ({@code "No route to host"}, a transient error);</li>
 *   <li>any other port has no listener: the namespace's kernel answers RST ({@code "Connection refused"}).</li>
 * </ul>
 * Nothing ever leaves the machine. Needs root, {@code ip} (Debian package {@code iproute2}) and {@code nft}
 * (package {@code nftables}). {@link #close()} deletes the namespace (which also deletes the veth pair); leftovers of
 * killed earlier runs (namespace {@code pc-test-<pid>} of a dead pid) are deleted on {@link #start()}.
 */
final class NetnsFixture implements AutoCloseable {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(NetnsFixture.class.getName());

    /** First dropped port. */
    static final int DROP_FROM = 40000;
    /** First port answered with ICMP host-unreachable. */
    static final int UNREACHABLE_FROM = 40100;
    /** A port with no listener and no rule: refused. */
    static final int REFUSED_PORT = 41000;

    private static final Pattern OURS = Pattern.compile("^pc-test-(\\d+)\\b");

    private final long pid = ProcessHandle.current().pid();
    private final String namespace = "pc-test-" + pid;
    private final String hostIf = "pch" + pid;
    private final String nsIf = "pcn" + pid;
    private String ip;
    private String nft;
    private String hostAddress;
    private String nsAddress;

    /** @return the namespace's address, the probe target */
    String targetAddress() {
        return nsAddress;
    }

    /**
     * Creates the namespace, the veth pair and the rules, then checks the link with one refused connect.
     *
     * @throws IllegalStateException naming the missing tool or the failing command
     */
    void start() throws IOException, InterruptedException {
        ip = tool("ip", "iproute2");
        nft = tool("nft", "nftables");
        removeStale();
        run(List.of(ip, "netns", "del", namespace), null, true);
        run(List.of(ip, "link", "del", hostIf), null, true);

        String used = run(List.of(ip, "-o", "-4", "addr", "show"), null, false)
                + run(List.of(ip, "-4", "route", "show", "table", "all"), null, false);
        int third = -1;
        for (int i = 0; i < 50 && third < 0; i++) {
            int candidate = ThreadLocalRandom.current().nextInt(256);
            if (!used.contains("10.200." + candidate + ".")) {
                third = candidate;
            }
        }
        if (third < 0) {
            throw new IllegalStateException("no free 10.200.x.0/30 test subnet");
        }
        hostAddress = "10.200." + third + ".1";
        nsAddress = "10.200." + third + ".2";

        run(List.of(ip, "netns", "add", namespace), null, false);
        run(List.of(ip, "link", "add", hostIf, "type", "veth", "peer", "name", nsIf), null, false);
        run(List.of(ip, "link", "set", nsIf, "netns", namespace), null, false);
        run(List.of(ip, "addr", "add", hostAddress + "/30", "dev", hostIf), null, false);
        run(List.of(ip, "link", "set", hostIf, "up"), null, false);
        run(List.of(ip, "-n", namespace, "addr", "add", nsAddress + "/30", "dev", nsIf), null, false);
        run(List.of(ip, "-n", namespace, "link", "set", nsIf, "up"), null, false);
        run(List.of(ip, "-n", namespace, "link", "set", "lo", "up"), null, false);
        // ICMP errors are rate limited per destination by default (1/s): the unreachable test sends many.
        run(List.of(ip, "netns", "exec", namespace, "sh", "-c", "echo 0 > /proc/sys/net/ipv4/icmp_ratelimit"),
                null, false);
        String rules = "table inet pctest {\n"
                + "  chain input {\n"
                + "    type filter hook input priority 0; policy accept;\n"
                + "    tcp dport " + DROP_FROM + "-" + (DROP_FROM + 99) + " drop\n"
                + "    tcp dport " + UNREACHABLE_FROM + "-" + (UNREACHABLE_FROM + 99)
                + " reject with icmp type host-unreachable\n"
                + "  }\n"
                + "}\n";
        run(List.of(ip, "netns", "exec", namespace, nft, "-f", "-"), rules, false);

        // The link works when a connect to a port without rule is refused (RST from the namespace).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(nsAddress, REFUSED_PORT), 1000);
                throw new IllegalStateException("unexpected listener on " + nsAddress + ":" + REFUSED_PORT);
            } catch (ConnectException e) {
                if (String.valueOf(e.getMessage()).contains("refused")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("veth link to " + nsAddress + " not working: " + e, e);
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("veth link to " + nsAddress + " not working: " + e, e);
                }
            }
            Thread.sleep(50);
        }
    }

    /** Deletes the namespace and the veth pair; best effort, never throws. */
    @Override
    public void close() {
        if (ip == null) {
            return;
        }
        try {
            run(List.of(ip, "netns", "del", namespace), null, true);
            run(List.of(ip, "link", "del", hostIf), null, true);
        } catch (IOException | RuntimeException e) {
            LOG.warning("NetnsFixture cleanup: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the names of this fixture's namespace and veth ends, for diagnostics */
    @Override
    public String toString() {
        return namespace + " " + hostIf + "(" + hostAddress + ") <-> " + nsIf + "(" + nsAddress + ")";
    }

    /** Deletes namespaces {@code pc-test-<pid>} whose process is gone (a killed earlier test run). */
    private void removeStale() throws IOException, InterruptedException {
        for (String line : run(List.of(ip, "netns", "list"), null, false).split("\n")) {
            Matcher m = OURS.matcher(line.strip());
            if (m.find()) {
                long owner = Long.parseLong(m.group(1));
                if (owner != pid && ProcessHandle.of(owner).isEmpty()) {
                    run(List.of(ip, "netns", "del", "pc-test-" + owner), null, true);
                    run(List.of(ip, "link", "del", "pch" + owner), null, true);
                }
            }
        }
    }

    private static String tool(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new IllegalStateException("'" + name + "' not found: install the Debian package " + debianPackage
                + " (the dropped-packet test builds a network namespace; skip it with -Dgolem.portchecker.netns=skip)");
    }

    private static String run(List<String> command, String stdin, boolean ignoreFailure)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0 && !ignoreFailure) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
        }
        return out;
    }
}
