package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What Linux's /proc says about a process: enough to recognise our own qemu after a restart, and its resource use. */
record ProcInfo(long pid, char state, long startTicks, long cpuTicks, long rssBytes, List<String> cmdline, Path cwd) {

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux/x86_64 build). */
    static final long TICKS_PER_SECOND = 100;

    /** @return the process, or empty when it does not exist (or is a zombie, or /proc cannot be read) */
    static Optional<ProcInfo> of(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
            // pid (comm) state ppid ... : comm may contain spaces and parentheses, so split after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            char state = f[0].charAt(0);
            if (state == 'Z' || state == 'X') {
                return Optional.empty();
            }
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            long startTicks = Long.parseLong(f[19]);
            long rssPages = Long.parseLong(f[21]);
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            List<String> cmdline = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
            Path cwd;
            try {
                cwd = Files.readSymbolicLink(dir.resolve("cwd"));
            } catch (IOException | SecurityException e) {
                cwd = null;
            }
            return Optional.of(new ProcInfo(pid, state, startTicks, utime + stime, rssPages * 4096L, cmdline, cwd));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return seconds since boot, from /proc/uptime */
    static double systemUptimeSeconds() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
