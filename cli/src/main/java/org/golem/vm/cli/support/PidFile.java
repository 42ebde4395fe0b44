package org.golem.vm.cli.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.golem.vm.cli.support.CliException;

/**
 * {@code <data-dir>/provider.pid}: the process id of the provider started by {@code golem-provider start} (in the
 * foreground or with {@code --daemon}), so {@code start} can say it already runs and {@code stop} can make sure it
 * exits. A pid is only trusted while its process is alive and its command line names the provider WAR (a pid reused
 * by another program after a reboot is not ours).
 */
public final class PidFile {

    private PidFile() {
    }

    /**
     * @param file the pid file
     * @return the pid it holds, or empty when the file is missing or does not hold a number
     */
    public static Optional<Long> read(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return s.matches("\\d{1,10}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the pid (replacing the file in one step).
     *
     * @param file the pid file
     * @param pid  the process id
     */
    public static void write(Path file, long pid) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CliException("cannot write the pid file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the file when it still holds this pid (a newer provider's file is left alone).
     *
     * @param file the pid file
     * @param pid  the pid it should hold, or null to remove it whatever it holds
     */
    public static void delete(Path file, Long pid) {
        if (pid != null && !read(file).map(pid::equals).orElse(false)) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file is harmless: its pid is checked before use
        }
    }

    /**
     * @param pid a process id
     * @return true when that process is alive and is (as far as can be seen) the provider: its command line names
     *         {@code provider.war} (the launcher's argument, then Payara Micro's {@code --deploy}); a process whose
     *         command line cannot be read counts as the provider
     */
    public static boolean isProvider(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<String> cmd = h.get().info().commandLine();
        return cmd.isEmpty() || cmd.get().contains("provider.war");
    }
}
