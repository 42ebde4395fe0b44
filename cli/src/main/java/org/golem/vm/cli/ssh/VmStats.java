package org.golem.vm.cli.ssh;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample of a VM's load, parsed from the output of {@link #COMMAND} ({@code top}, {@code free -m},
 * {@code df -hP /}) run on the VM.
 *
 * @param cpuPercent     CPU busy percentage (100 − idle from top's {@code %Cpu(s)} line), or null
 * @param memoryUsedMib  used memory in MiB from {@code free -m}, or null
 * @param memoryTotalMib total memory in MiB, or null
 * @param diskUsed       used space on {@code /} as df prints it (e.g. {@code 2.1G}), or null
 * @param diskSize       size of {@code /} (e.g. {@code 20G}), or null
 * @param diskUsePercent use percentage of {@code /} (e.g. {@code 11%}), or null
 */
public record VmStats(BigDecimal cpuPercent, Long memoryUsedMib, Long memoryTotalMib, String diskUsed,
                      String diskSize, String diskUsePercent) {

    /** The command run on the VM; sections are separated by lines {@code --golem--}. */
    public static final String COMMAND = "export LC_ALL=C; top -b -n 1 | head -n 5; echo --golem--; free -m; "
            + "echo --golem--; df -hP /";

    private static final Pattern IDLE = Pattern.compile("([0-9]+(?:[.,][0-9]+)?)\\s*%?\\s*id");

    /**
     * @param output what {@link #COMMAND} printed
     * @return the parsed sample; values that cannot be found are null
     */
    public static VmStats parse(String output) {
        BigDecimal cpu = null;
        Long used = null;
        Long total = null;
        String dUsed = null;
        String dSize = null;
        String dPct = null;
        String[] sections = output.split("(?m)^--golem--\\s*$");
        for (String line : output.split("\\R")) {
            String l = line.strip();
            if (cpu == null && l.contains("Cpu(s)")) {
                Matcher m = IDLE.matcher(l);
                if (m.find()) {
                    BigDecimal idle = new BigDecimal(m.group(1).replace(',', '.'));
                    cpu = BigDecimal.valueOf(100).subtract(idle).max(BigDecimal.ZERO).setScale(1, RoundingMode.HALF_UP);
                }
            } else if (total == null && l.startsWith("Mem:")) {
                String[] f = l.split("\\s+");
                if (f.length >= 3) {
                    try {
                        total = Long.parseLong(f[1]);
                        used = Long.parseLong(f[2]);
                    } catch (NumberFormatException e) {
                        total = null;
                        used = null;
                    }
                }
            }
        }
        String df = sections.length >= 3 ? sections[2] : output;
        String last = null;
        for (String line : df.split("\\R")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("Filesystem")) {
                last = l;
            }
        }
        if (last != null) {
            String[] f = last.split("\\s+");
            if (f.length >= 6 && f[4].endsWith("%")) {
                dSize = f[1];
                dUsed = f[2];
                dPct = f[4];
            }
        }
        return new VmStats(cpu, used, total, dUsed, dSize, dPct);
    }
}
