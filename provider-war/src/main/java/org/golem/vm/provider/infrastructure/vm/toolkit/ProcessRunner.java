package org.golem.vm.provider.infrastructure.vm.toolkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.golem.vm.provider.application.port.VmDriverException;

/**
 * Runs a host command the drivers need ({@code multipass …}, {@code qemu-img …}, {@code cloud-localds …}): no shell,
 * stdin empty, stdout and stderr captured in temporary files (pipes could fill up, or be held open by a daemon the
 * command leaves behind), a timeout after which the command and its descendants are killed.
 */
public final class ProcessRunner {
    private static final Logger LOG = Logger.getLogger(ProcessRunner.class.getName());
    private static final File NO_INPUT = new File("/dev/null");

    /**
     * What a command did.
     *
     * @param command  the command line
     * @param exit     exit status, -1 when it timed out
     * @param out      standard output (UTF-8), empty when it timed out
     * @param err      standard error (UTF-8), empty when it timed out
     * @param timedOut whether it was killed at the timeout
     */
    public record Result(List<String> command, int exit, String out, String err, boolean timedOut) {
        /**
         * @return this result when the command finished with status 0
         * @throws VmDriverException {@code HYPERVISOR_ERROR}: {@code "<cmd0> timed out"}, or
         *                           {@code "<command line> failed (<exit>): <stdout and stderr>"}
         */
        public Result requireSuccess() throws VmDriverException {
            if (timedOut) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, command.get(0) + " timed out");
            }
            if (exit != 0) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, String.join(" ", command)
                        + " failed (" + exit + "): " + (out.strip() + "\n" + err.strip()).strip());
            }
            return this;
        }
    }

    private final Path scratchDir;

    /** @param scratchDir where output files live while a command runs (created when missing) */
    public ProcessRunner(Path scratchDir) {
        this.scratchDir = scratchDir;
    }

    /**
     * Runs a command and waits for it.
     *
     * @param command    the executable and its arguments
     * @param workingDir the working directory, or null for the JVM's
     * @param timeout    how long it may take
     * @return its result ({@code timedOut} when it was killed)
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it cannot be started ({@code "cannot run <cmd0>
     *                           <arg0>: …"}) or the thread is interrupted (the command is then killed)
     */
    public Result run(List<String> command, Path workingDir, Duration timeout) throws VmDriverException {
        String what = command.size() > 1 ? command.get(0) + " " + command.get(1) : command.get(0);
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            Files.createDirectories(scratchDir);
            out = Files.createTempFile(scratchDir, "out", ".txt");
            err = Files.createTempFile(scratchDir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            p = pb.start();
            if (!p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                kill(p);
                LOG.warning(() -> "timed out after " + timeout.toSeconds() + " s: " + command);
                return new Result(List.copyOf(command), -1, "", "", true);
            }
            return new Result(List.copyOf(command), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "cannot run " + what + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (p != null) {
                kill(p);
            }
            throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "interrupted while running " + what,
                    e);
        } finally {
            VmFiles.deleteQuietly(out);
            VmFiles.deleteQuietly(err);
        }
    }

    /**
     * Kills a process and its descendants and waits up to 5 s for it to end.
     *
     * @param p the process
     */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return {@code /dev/null}, for the stdin of long-running children the drivers start themselves */
    public static File noInput() {
        return NO_INPUT;
    }
}
