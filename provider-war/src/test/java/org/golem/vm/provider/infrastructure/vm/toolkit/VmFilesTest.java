package org.golem.vm.provider.infrastructure.vm.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmFilesTest {
    record Sample(String vmId, int cpu, Long pid) {
    }

    @TempDir
    Path dir;

    @Test
    void writesReadsAndReplacesWithoutLeavingTheTemporaryFile() throws IOException {
        Path file = dir.resolve("state.json");
        VmFiles.writeJsonAtomically(file, new Sample("vm-one", 2, 42L));
        assertEquals(new Sample("vm-one", 2, 42L), VmFiles.readJson(file, Sample.class));
        assertTrue(Files.readString(file).contains("\n"), "indented for operators");
        VmFiles.writeJsonAtomically(file, new Sample("vm-one", 2, null));
        assertEquals(new Sample("vm-one", 2, null), VmFiles.readJson(file, Sample.class));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no state.json.tmp left behind");
        }
    }

    @Test
    void readingAMissingFileFails() {
        assertThrows(IOException.class, () -> VmFiles.readJson(dir.resolve("none.json"), Sample.class));
    }

    @Test
    void aDamagedFileFailsToRead() throws IOException {
        Path file = Files.writeString(dir.resolve("half.json"), "{\"vmId\": \"vm");
        assertThrows(IOException.class, () -> VmFiles.readJson(file, Sample.class));
    }

    @Test
    void deletesTreesAndFilesAndIgnoresNullAndMissing() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("vm/sub"));
        Files.writeString(tree.resolve("disk"), "x");
        Path single = Files.writeString(dir.resolve("single"), "y");
        VmFiles.deleteQuietly(dir.resolve("vm"));
        VmFiles.deleteQuietly(single);
        VmFiles.deleteQuietly(null);
        VmFiles.deleteQuietly(dir.resolve("missing"));
        assertFalse(Files.exists(dir.resolve("vm")));
        assertFalse(Files.exists(single));
    }

    @Test
    void tailKeepsTheLast800Characters() throws IOException {
        Path log = Files.writeString(dir.resolve("serial.log"), "a".repeat(100) + "b".repeat(800) + "\n");
        assertEquals("…" + "b".repeat(800), VmFiles.tail(log));
        Files.writeString(log, "  short  \n");
        assertEquals("short", VmFiles.tail(log));
        assertEquals("(no qemu.log)", VmFiles.tail(dir.resolve("qemu.log")));
    }

    @Test
    void jsonStringQuotesAndEscapes() throws IOException {
        assertEquals("\"a: b # \\\"c\\\"\"", VmFiles.jsonString("a: b # \"c\""));
    }
}
