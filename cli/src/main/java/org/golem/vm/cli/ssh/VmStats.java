package org.golem.vm.cli.ssh;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample of a VM's load, parsed from the output of {@link #COMMAND} ({@code top}, {@code free -m},
 * {@code df -kP}) run on the VM. Works with procps and coreutils (Debian, Ubuntu) as with busybox (the micro image).
 *
 * @param cpuPercent     CPU busy percentage (100 − idle from top's {@code %Cpu(s)} or busybox's {@code CPU:} line),
 *                       or null
 * @param memoryUsedMib  used memory in MiB from {@code free -m}, or null
 * @param memoryTotalMib total memory in MiB, or null
 * @param disk           the rented disk, chosen as {@link #parse} describes, or null when df listed none
 */
public record VmStats(BigDecimal cpuPercent, Long memoryUsedMib, Long memoryTotalMib, Disk disk) {

    /**
     * The command run on the VM; sections are separated by lines {@code --golem--}. {@code df} lists every mounted
     * file system (not only {@code /}: on an image whose root lives in memory, {@code df /} fails); a file system df
     * cannot read does not fail the sample.
     */
    public static final String COMMAND = "export LC_ALL=C; top -b -n 1 | head -n 5; echo --golem--; free -m; "
            + "echo --golem--; df -kP 2>/dev/null; true";

    private static final String SECTION = "(?m)^--golem--\\s*$";
    private static final Pattern IDLE = Pattern.compile("([0-9]+(?:[.,][0-9]+)?)\\s*%?\\s*id");

    /**
     * A mounted file system as {@code df -kP} lists it.
     *
     * @param filesystem what is mounted, e.g. {@code /dev/vda}
     * @param mount      where, e.g. {@code /} or {@code /root}
     * @param sizeKib    size in KiB
     * @param usedKib    used space in KiB
     * @param usePercent df's use percentage, e.g. {@code 11%}
     */
    public record Disk(String filesystem, String mount, long sizeKib, long usedKib, String usePercent) {

        /** @return the size as {@code df -h} prints it, e.g. {@code 20G}, {@code 2.0G} */
        public String size() {
            return human(sizeKib);
        }

        /** @return the used space as {@code df -h} prints it, e.g. {@code 2.1G}, {@code 28K} */
        public String used() {
            return human(usedKib);
        }

        boolean onBlockDevice() {
            return filesystem.startsWith("/dev/");
        }
    }

    /**
     * Parses a sample. The disk reported is the VM's rented disk: {@code /} when it is on a block device (a
     * {@code /dev/...} file system), else the largest file system on a block device (the micro image keeps its root
     * in memory and mounts the VM's disk on {@code /root}), else {@code /} whatever it is.
     *
     * @param output what {@link #COMMAND} printed
     * @return the parsed sample; values that cannot be found are null
     */
    public static VmStats parse(String output) {
        String[] sections = output.split(SECTION);
        boolean split = sections.length >= 3;
        BigDecimal cpu = cpu(split ? sections[0] : output);
        long[] mem = memory(split ? sections[1] : output);
        Disk disk = rentedDisk(disks(split ? sections[2] : output));
        return new VmStats(cpu, mem == null ? null : mem[1], mem == null ? null : mem[0], disk);
    }

    private static BigDecimal cpu(String top) {
        for (String line : top.split("\\R")) {
            String l = line.strip();
            if (l.contains("Cpu(s)") || l.startsWith("CPU:")) {
                Matcher m = IDLE.matcher(l);
                if (m.find()) {
                    BigDecimal idle = new BigDecimal(m.group(1).replace(',', '.'));
                    return BigDecimal.valueOf(100).subtract(idle).max(BigDecimal.ZERO)
                            .setScale(1, RoundingMode.HALF_UP);
                }
            }
        }
        return null;
    }

    /** @return {total, used} in MiB from free's {@code Mem:} line, or null */
    private static long[] memory(String free) {
        for (String line : free.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && f[0].equals("Mem:")) {
                try {
                    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
                } catch (NumberFormatException e) {
                    // busybox top's "Mem: 45452K used, ..." line, when the sections are missing: not free's
                }
            }
        }
        return null;
    }

    private static List<Disk> disks(String df) {
        List<Disk> disks = new ArrayList<>();
        for (String line : df.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 6 && f[4].endsWith("%") && !f[0].equals("Filesystem")) {
                try {
                    disks.add(new Disk(f[0], String.join(" ", Arrays.asList(f).subList(5, f.length)),
                            Long.parseLong(f[1]), Long.parseLong(f[2]), f[4]));
                } catch (NumberFormatException e) {
                    // not a df -kP row
                }
            }
        }
        return disks;
    }

    private static Disk rentedDisk(List<Disk> disks) {
        Disk root = disks.stream().filter(d -> d.mount().equals("/")).findFirst().orElse(null);
        if (root != null && root.onBlockDevice()) {
            return root;
        }
        return disks.stream().filter(Disk::onBlockDevice).max(Comparator.comparingLong(Disk::sizeKib)).orElse(root);
    }

    /**
     * @param kib a size in KiB
     * @return it in powers of 1024 as {@code df -h} prints it: rounded up, one decimal below 10 ({@code 2.0G},
     *         {@code 28K}, {@code 20G}, {@code 0})
     */
    static String human(long kib) {
        if (kib == 0) {
            return "0";
        }
        String units = "KMGTPE";
        BigDecimal v = BigDecimal.valueOf(kib);
        BigDecimal k = BigDecimal.valueOf(1024);
        int u = 0;
        while (v.compareTo(k) >= 0 && u < units.length() - 1) {
            v = v.divide(k);
            u++;
        }
        BigDecimal shown = v.compareTo(BigDecimal.TEN) < 0 ? v.setScale(1, RoundingMode.CEILING)
                : v.setScale(0, RoundingMode.CEILING);
        if (shown.compareTo(BigDecimal.TEN) >= 0) {
            shown = shown.setScale(0, RoundingMode.CEILING);
        }
        return shown.toPlainString() + units.charAt(u);
    }
}
