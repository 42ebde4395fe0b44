package org.golem.vm.provider.infrastructure.vm.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.golem.vm.common.net.Cidr;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.domain.egress.Egress;
import org.golem.vm.provider.domain.egress.EgressRule;
import org.golem.vm.provider.infrastructure.vm.toolkit.ProcessRunner;

/**
 * The egress {@code allow-list} enforced on the provider's host with nftables and a cgroup v2 (docs/vm-runtime.md
 * §6). QEMU's user-mode network (slirp) opens one host socket per guest connection from the qemu process, so what a
 * VM reaches is what its qemu process may connect to. Every VM's qemu is moved into the provider's cgroup
 * {@code golem-egress-<id>} (directly under the cgroup2 root) while it is still paused ({@code -S}), before slirp
 * has any socket (a socket's cgroup is fixed when it is created); one nftables table {@code inet golem_egress_<id>}
 * has an output chain that sends the sockets of that cgroup ({@code socket cgroupv2 level 1 "<path>"}) to a chain
 * accepting replies ({@code ct state established,related}, so inbound hostfwd connections such as SSH keep working)
 * and the listed destinations, and rejecting the rest ({@code tcp reset} / ICMP administratively prohibited, so the
 * guest fails fast instead of waiting for a timeout).
 *
 * <p>{@code <id>} is the first 12 hex digits of the SHA-256 of the provider's data directory: two providers (or two
 * tests) on one host never share a table or a cgroup. The table is rewritten (atomically, one {@code nft -f}) when
 * the rules are applied; host names are resolved then (all their A and AAAA addresses), so a host that moves to
 * another address needs a provider restart.
 *
 * <p>VMs outlive the provider: {@link #removeIfUnused()} removes the cgroup and then the table only when no process
 * is left in the cgroup (the kernel refuses to remove a cgroup that has processes), so VMs left running stay
 * restricted while no provider runs, and the next provider on the data directory rewrites the table for them.
 *
 * <p>Requires root (cgroup creation, {@code nft}), the {@code nft} binary and a cgroup2 hierarchy at
 * {@code /sys/fs/cgroup} (pure cgroup v2) or {@code /sys/fs/cgroup/unified} (hybrid): nftables names cgroups by
 * their path below {@code /sys/fs/cgroup}. When any of these is missing, {@link #apply()} fails naming it.
 */
public final class NftEgressFirewall {
    private static final Logger LOG = Logger.getLogger(NftEgressFirewall.class.getName());
    /** Where nftables resolves {@code socket cgroupv2} paths. */
    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final Duration NFT_TIMEOUT = Duration.ofSeconds(30);
    /** The script last applied, kept in the data directory for the operator to read. */
    static final String SCRIPT_FILE = "egress.nft";

    private final Path dataDir;
    private final String id;

    /** @param dataDir the provider's data directory (names the table and the cgroup) */
    public NftEgressFirewall(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.id = idOf(this.dataDir);
    }

    /** @return the nftables table name, {@code golem_egress_<id>} (family {@code inet}) */
    public String table() {
        return "golem_egress_" + id;
    }

    /** @return the cgroup's directory name, {@code golem-egress-<id>} */
    public String cgroupName() {
        return "golem-egress-" + id;
    }

    /**
     * @return the cgroup's directory ({@code <cgroup2 mount>/golem-egress-<id>}, whether it exists or not), empty
     *         when no cgroup2 hierarchy is mounted where nftables can name it
     */
    public Optional<Path> cgroupDir() {
        return cgroup2Mount(procMounts()).map(m -> m.resolve(cgroupName()));
    }

    /**
     * Checks what enforcement needs, resolves the host names, creates the cgroup when missing and (re)writes the
     * table.
     *
     * @param egress an {@link Egress.Mode#ALLOW_LIST} policy
     * @throws VmDriverException {@code HYPERVISOR_ERROR} naming what is missing (not root, no cgroup2 hierarchy
     *                           under /sys/fs/cgroup, no nft), a host name that does not resolve, or nft's error
     */
    public void apply(Egress egress) throws VmDriverException {
        if (egress.mode() != Egress.Mode.ALLOW_LIST) {
            throw new IllegalArgumentException("only an allow-list is enforced with nftables");
        }
        if (!isRoot()) {
            throw unavailable("the provider does not run as root (it creates a cgroup and an nftables table)");
        }
        Path cgroup = cgroupDir().orElseThrow(() -> unavailable(
                "no cgroup2 hierarchy is mounted at /sys/fs/cgroup or /sys/fs/cgroup/unified"));
        try {
            Files.createDirectories(cgroup);
        } catch (IOException e) {
            throw unavailable("cannot create the cgroup " + cgroup + ": " + e.getMessage());
        }
        String script = script(table(), CGROUP_ROOT.relativize(cgroup).toString(), resolve(egress.allow()));
        Path file = dataDir.resolve(SCRIPT_FILE);
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unavailable("cannot write " + file + ": " + e.getMessage());
        }
        ProcessRunner.Result r = new ProcessRunner(dataDir.resolve("tmp"))
                .run(List.of("nft", "-f", file.toString()), null, NFT_TIMEOUT);
        if (r.timedOut() || r.exit() != 0) {
            throw unavailable("nft -f " + file + " failed: " + (r.out() + r.err()).strip());
        }
        LOG.info(() -> "egress allow-list enforced: nftables table inet " + table() + " for cgroup " + cgroup
                + " (" + egress.allow().size() + " destinations)");
    }

    /**
     * Moves a process (all its threads) into the cgroup; call it while the qemu process is paused, before it opens
     * any socket.
     *
     * @param pid the qemu process
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when the cgroup is missing or the move fails
     */
    public void admit(long pid) throws VmDriverException {
        Path procs = cgroupDir().orElseThrow(() -> unavailable("no cgroup2 hierarchy")).resolve("cgroup.procs");
        try {
            Files.writeString(procs, Long.toString(pid));
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot move qemu pid " + pid
                    + " into " + procs + " (egress allow-list): " + e.getMessage(), e);
        }
    }

    /**
     * Removes the cgroup and the table when no process is left in the cgroup; otherwise leaves both (VMs still
     * running keep their policy). Nothing to remove is not an error; failures are logged.
     *
     * @return true when nothing of this provider's firewall is left
     */
    public boolean removeIfUnused() {
        Optional<Path> dir = cgroupDir();
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return true;
        }
        Path cgroup = dir.get();
        if (!rmdirWhenEmpty(cgroup)) {
            LOG.info(() -> "egress: cgroup " + cgroup + " still has VMs; nftables table inet " + table() + " kept");
            return false;
        }
        try {
            ProcessRunner.Result r = new ProcessRunner(dataDir.resolve("tmp"))
                    .run(List.of("nft", "delete", "table", "inet", table()), null, NFT_TIMEOUT);
            if (r.exit() != 0 && !r.err().contains("No such file")) {
                LOG.warning(() -> "egress: nft delete table inet " + table() + " failed: " + r.err().strip());
                return false;
            }
        } catch (VmDriverException e) {
            LOG.warning(() -> "egress: " + e.getMessage());
            return false;
        }
        LOG.info(() -> "egress: removed cgroup " + cgroup + " and nftables table inet " + table());
        return true;
    }

    /**
     * Removes the cgroup directory (rmdir: the kernel refuses while processes are in it). A qemu just killed can
     * still be in {@code cgroup.procs} for a moment while it exits, and the kernel can refuse the rmdir briefly after
     * the last process left: while {@code cgroup.procs} is empty, the rmdir is retried for up to 5 s.
     *
     * @return true when the cgroup is gone
     */
    private static boolean rmdirWhenEmpty(Path cgroup) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                Files.delete(cgroup);
                return true;
            } catch (IOException e) {
                String procs;
                try {
                    procs = Files.readString(cgroup.resolve("cgroup.procs")).strip();
                } catch (IOException gone) {
                    return !Files.isDirectory(cgroup);
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                if (!procs.isEmpty()) { // a VM runs (or is still exiting): wait a little only for the exiting kind
                    if (!allExiting(procs)) {
                        return false;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** @return true when every pid listed is a zombie or already gone (a process being reaped, not a running VM) */
    private static boolean allExiting(String procs) {
        for (String pid : procs.split("\\s+")) {
            try {
                String stat = Files.readString(Path.of("/proc", pid, "stat"));
                int close = stat.lastIndexOf(')');
                char state = close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
                if (state != 'Z' && state != 'X') {
                    return false;
                }
            } catch (IOException gone) {
                // exited meanwhile
            }
        }
        return true;
    }

    /**
     * The nftables script (pure; the unit tests read it).
     *
     * @param table        table name
     * @param cgroupPath   the cgroup's path below {@code /sys/fs/cgroup}, e.g. {@code unified/golem-egress-1a2b}; the
     *                     cgroup is a child of the cgroup2 root (level 1)
     * @param destinations the allowed destinations, addresses already resolved
     * @return a script that creates the table if missing, deletes it and defines it anew (one atomic transaction)
     */
    static String script(String table, String cgroupPath, List<Destination> destinations) {
        StringBuilder s = new StringBuilder();
        s.append("# written by the golem provider (egress allow-list); rewritten on every start\n");
        s.append("table inet ").append(table).append('\n');
        s.append("delete table inet ").append(table).append('\n');
        s.append("table inet ").append(table).append(" {\n");
        s.append("\tchain output {\n");
        s.append("\t\ttype filter hook output priority 0; policy accept;\n");
        // level 1: the cgroup is a child of the cgroup2 root, wherever that hierarchy is mounted
        s.append("\t\tsocket cgroupv2 level 1 \"").append(cgroupPath).append("\" jump vms\n");
        s.append("\t}\n");
        s.append("\tchain vms {\n");
        s.append("\t\tct state established,related accept\n");
        for (Destination d : destinations) {
            s.append("\t\t").append(d.block().isIpv4() ? "ip" : "ip6").append(" daddr ").append(d.block());
            if (d.portFrom() != 0) {
                s.append(" meta l4proto { tcp, udp } th dport ").append(d.portFrom());
                if (d.portTo() != d.portFrom()) {
                    s.append('-').append(d.portTo());
                }
            }
            s.append(" accept\n");
        }
        s.append("\t\tmeta l4proto tcp reject with tcp reset\n");
        s.append("\t\treject with icmpx type admin-prohibited\n");
        s.append("\t}\n");
        s.append("}\n");
        return s.toString();
    }

    /**
     * One allowed destination with its address known.
     *
     * @param block    address block
     * @param portFrom first port, or 0 for every port
     * @param portTo   last port, or 0 for every port
     */
    record Destination(Cidr block, int portFrom, int portTo) {
    }

    /** Resolves host names (every A and AAAA address), keeping the rules' order and dropping repeats. */
    static List<Destination> resolve(List<EgressRule> rules) throws VmDriverException {
        Set<Destination> out = new LinkedHashSet<>();
        for (EgressRule r : rules) {
            if (r.block() != null) {
                out.add(new Destination(r.block(), r.portFrom(), r.portTo()));
                continue;
            }
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(r.host());
            } catch (UnknownHostException e) {
                throw unavailable("the egress host " + r.host() + " does not resolve");
            }
            for (InetAddress a : addresses) {
                out.add(new Destination(Cidr.parse(IpLiteral.format(a)), r.portFrom(), r.portTo()));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * @param mounts the text of {@code /proc/mounts}
     * @return where the cgroup2 hierarchy is mounted when nftables can name cgroups in it ({@code /sys/fs/cgroup}
     *         or a directory below it, e.g. {@code /sys/fs/cgroup/unified} on a hybrid host)
     */
    static Optional<Path> cgroup2Mount(String mounts) {
        for (String line : mounts.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && "cgroup2".equals(f[2])) {
                Path p = Path.of(f[1]);
                if (p.startsWith(CGROUP_ROOT)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static String procMounts() {
        try {
            return Files.readString(Path.of("/proc/mounts"));
        } catch (IOException e) {
            return "";
        }
    }

    /** @return whether the effective user id is 0 ({@code /proc/self/status}, line {@code Uid:}, second field) */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return "0".equals(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static String idOf(Path dir) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VmDriverException unavailable(String why) {
        return new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                "egress allow-list cannot be enforced: " + why);
    }
}
