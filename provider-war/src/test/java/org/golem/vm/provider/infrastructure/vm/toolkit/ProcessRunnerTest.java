package org.golem.vm.provider.infrastructure.vm.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.golem.vm.provider.application.port.VmDriverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir
    Path dir;

    private ProcessRunner runner() {
        return new ProcessRunner(dir.resolve("tmp"));
    }

    private void assertScratchEmpty() throws IOException {
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, files.count(), "output files removed");
        }
    }

    @Test
    void capturesExitOutputAndErrorSeparately() throws Exception {
        ProcessRunner.Result r = runner().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), null,
                Duration.ofSeconds(30));
        assertEquals(3, r.exit());
        assertEquals("out\n", r.out());
        assertEquals("err\n", r.err());
        assertFalse(r.timedOut());
        VmDriverException e = assertThrows(VmDriverException.class, r::requireSuccess);
        assertEquals(VmDriverException.Code.HYPERVISOR_ERROR, e.code());
        assertEquals("sh -c echo out; echo err >&2; exit 3 failed (3): out\nerr", e.getMessage());
        assertScratchEmpty();
    }

    @Test
    void runsInTheWorkingDirectoryWithNoInput() throws Exception {
        Path work = Files.createDirectories(dir.resolve("vm"));
        ProcessRunner.Result r = runner().run(List.of("sh", "-c", "pwd; cat; echo end"), work,
                Duration.ofSeconds(30));
        assertSame(r, r.requireSuccess());
        assertEquals(work.toRealPath() + "\nend\n", r.out(), "cat reads an empty stdin");
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path marker = dir.resolve("child-pid");
        long t0 = System.nanoTime();
        ProcessRunner.Result r = runner().run(List.of("sh", "-c", "sleep 30 & echo $! > " + marker + "; wait"), null,
                Duration.ofMillis(500));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exit());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "did not wait for sleep 30");
        long child = Long.parseLong(Files.readString(marker).strip());
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running(child) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertFalse(running(child), "the child was killed");
        VmDriverException e = assertThrows(VmDriverException.class, r::requireSuccess);
        assertEquals("sh timed out", e.getMessage());
        assertScratchEmpty();
    }

    /** @return whether the process exists and is not a zombie (killed, not yet reaped by its new parent) */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aMissingExecutableIsAHypervisorError() {
        VmDriverException e = assertThrows(VmDriverException.class, () -> runner().run(
                List.of(dir.resolve("no-such-tool").toString(), "launch"), null, Duration.ofSeconds(5)));
        assertEquals(VmDriverException.Code.HYPERVISOR_ERROR, e.code());
        assertTrue(e.getMessage().startsWith("cannot run " + dir.resolve("no-such-tool") + " launch: "),
                e.getMessage());
    }
}
