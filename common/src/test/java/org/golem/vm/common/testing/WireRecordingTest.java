package org.golem.vm.common.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class WireRecordingTest {

    @TempDir
    Path dir;

    private static final String VM = "{\"id\":\"7ddccb1c-1b6b-474d-ab31-0cc76734abb8\",\"name\":\"vm-1a2b3c\","
            + "\"status\":\"running\",\"ssh_port\":50800,\"price\":0.25,\"stream_id\":null,\"verified\":true,"
            + "\"provider_id\":\"0x9D12f0AF464A6b5EFd4bbb8679cC205012326019\",\"created_at\":\"2026-12-04T23:08:25Z\","
            + "\"deposit_wei\":\"5479452057600\",\"usd\":\"1.50\",\"detail\":{\"code\":\"ADV_004\","
            + "\"message\":\"port 50800 of 127.0.0.1 is not free\"},"
            + "\"tx\":\"0x66af50a04938ba9f9371191d732a32179fe10e8f697575a794d9beb05a7a4cc4\",\"sig\":\"0x1b2c\","
            + "\"host_key\":\"SHA256:eAOmDe6ypRfxMlo1Cu7rB3fH6/JS9Ll9XFLgTiNm41c\",\"list\":[1,\"AUTH_MISSING\"]}";

    @Test
    void volatileValuesBecomeMarkersAndStableOnesStay() {
        String reduced = WireRecording.in(dir, false).masking("vm-1a2b3c", "<vm>").reduceBody(VM).toString();
        assertEquals("{\"id\":\"<uuid>\",\"name\":\"<vm>\",\"status\":\"running\",\"ssh_port\":\"<int>\","
                + "\"price\":\"<decimal>\",\"stream_id\":null,\"verified\":true,\"provider_id\":\"<address>\","
                + "\"created_at\":\"<timestamp>\",\"deposit_wei\":\"<digits>\",\"usd\":\"<decimal-string>\","
                + "\"detail\":{\"code\":\"ADV_004\",\"message\":\"port <n> of <n>.<n>.<n>.<n> is not free\"},"
                + "\"tx\":\"<hash>\",\"sig\":\"<hex>\",\"host_key\":\"SHA<n>:<token>\","
                + "\"list\":[\"<int>\",\"AUTH_MISSING\"]}", reduced);
    }

    @Test
    void keysAreReducedLikeStringsAndBodiesThatAreNotJsonAreKeptAsText() {
        WireRecording w = WireRecording.in(dir, false);
        assertEquals("{\"<address>\":\"<int>\"}",
                w.reduceBody("{\"0x9D12f0AF464A6b5EFd4bbb8679cC205012326019\":3}").toString());
        assertEquals("{\"<digits>\":true,\"<digits>#2\":false}",
                w.reduceBody("{\"50800\":true,\"50801\":false}").toString());
        assertEquals("{\"text\":\"Provider <address> at port <n>\"}",
                w.reduceBody("Provider 0x9D12f0AF464A6b5EFd4bbb8679cC205012326019 at port 7466\n").toString());
        assertEquals("{\"driver_id\":\"vm-<hex>\"}", w.reduceBody("{\"driver_id\":\"vm-3cd5f9a1b2\"}").toString());
        assertEquals("{\"empty\":true}", w.reduceBody("").toString());
        assertEquals("{\"empty\":true}", w.reduceBody(null).toString());
    }

    @Test
    void recordsThenAcceptsTheSameShapeWithOtherVolatileValues() throws Exception {
        WireRecording.in(dir, true).check("vm", "GET /vms/{name}", 200, VM);
        String file = Files.readString(dir.resolve("vm.json"));
        assertTrue(file.contains("\"route\" : \"GET /vms/{name}\""), file);
        assertTrue(file.endsWith("}\n"), "pretty printed, one trailing newline");

        String otherRun = VM.replace("50800", "50811").replace("7ddccb1c", "0123abcd").replace("0.25", "7.5")
                .replace("2026-12-04T23:08:25Z", "2027-01-01T00:00:00Z");
        assertDoesNotThrow(() -> WireRecording.in(dir, false).check("vm", "GET /vms/{name}", 200, otherRun));
    }

    @Test
    void aChangedShapeFailsWithOneLinePerDifference() {
        WireRecording.in(dir, true).check("vm", "GET /vms/{name}", 200, VM);
        WireRecording compare = WireRecording.in(dir, false);

        String renamed = VM.replace("\"ssh_port\"", "\"sshPort\"");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> compare.check("vm", "GET /vms/{name}", 200, renamed));
        assertTrue(e.getMessage().contains("$.body.ssh_port: missing"), e.getMessage());
        assertTrue(e.getMessage().contains("$.body.sshPort: unexpected field"), e.getMessage());
        assertTrue(e.isExpectedDefined() && e.isActualDefined(), "both documents for the IDE's diff");

        String nullInsteadOfOmitted = VM.replace("\"verified\":true,", "\"verified\":true,\"extra\":null,");
        assertThrows(AssertionFailedError.class, () -> compare.check("vm", "GET /vms/{name}", 200,
                nullInsteadOfOmitted));

        String otherCode = VM.replace("ADV_004", "ADV_002");
        e = assertThrows(AssertionFailedError.class, () -> compare.check("vm", "GET /vms/{name}", 200, otherCode));
        assertTrue(e.getMessage().contains("$.body.detail.code: \"ADV_002\", recorded \"ADV_004\""), e.getMessage());

        e = assertThrows(AssertionFailedError.class, () -> compare.check("vm", "GET /vms/{name}", 404, VM));
        assertTrue(e.getMessage().contains("$.status: 404, recorded 200"), e.getMessage());

        String numberAsString = VM.replace("\"ssh_port\":50800", "\"ssh_port\":\"50800\"");
        assertThrows(AssertionFailedError.class, () -> compare.check("vm", "GET /vms/{name}", 200, numberAsString));

        String boolFlipped = VM.replace("\"verified\":true", "\"verified\":false");
        assertThrows(AssertionFailedError.class, () -> compare.check("vm", "GET /vms/{name}", 200, boolFlipped));
    }

    @Test
    void fieldOrderAndArrayLengthAreChecked() {
        List<String> order = WireRecording.differences(Json.tree("{\"a\":1,\"b\":2}"), Json.tree("{\"b\":2,\"a\":1}"));
        assertEquals(List.of("$: field order [b, a], recorded [a, b]"), order);
        List<String> length = WireRecording.differences(Json.tree("[1,2]"), Json.tree("[1]"));
        assertEquals(List.of("$: 1 elements, recorded 2"), length);
        assertTrue(WireRecording.differences(Json.tree("{\"a\":[1]}"), Json.tree("{\"a\":[1]}")).isEmpty());
    }

    @Test
    void theFieldOrderOfAnObjectTheCodeDoesNotOrderMayBeIgnored() {
        WireRecording.in(dir, true).check("job", "GET /jobs/{id}", 200,
                "{\"error\":{\"code\":\"X\",\"message\":\"m\"}}");
        String swapped = "{\"error\":{\"message\":\"m\",\"code\":\"X\"}}";
        assertThrows(AssertionFailedError.class,
                () -> WireRecording.in(dir, false).check("job", "GET /jobs/{id}", 200, swapped));
        WireRecording lenient = WireRecording.in(dir, false).ignoringFieldOrderAt("$.body.error");
        assertDoesNotThrow(() -> lenient.check("job", "GET /jobs/{id}", 200, swapped));
        assertThrows(AssertionFailedError.class, () -> lenient.check("job", "GET /jobs/{id}", 200,
                "{\"error\":{\"message\":\"m\",\"code\":\"Y\"}}"), "the values are still compared");
    }

    @Test
    void aMissingRecordingFailsAndNamesTheSwitch() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> WireRecording.in(dir, false).check("absent", "GET /x", 200, "{}"));
        assertTrue(e.getMessage().contains("-Dwire.record=true"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("absent.json")), "comparing never writes");
    }

    @Test
    void oneNameRecordedTwiceWithDifferentShapesInOneRunFails() {
        WireRecording w = WireRecording.in(dir, true);
        w.check("twice-" + dir.getFileName(), "GET /x", 200, "{\"a\":1}");
        w.check("twice-" + dir.getFileName(), "GET /x", 200, "{\"a\":2}"); // same shape: fine
        assertThrows(AssertionFailedError.class,
                () -> w.check("twice-" + dir.getFileName(), "GET /x", 200, "{\"b\":1}"));
    }

    @Test
    void healthChecksCompareSortedByNameWhateverOrderTheServerListsThem() throws Exception {
        WireRecording recorder = WireRecording.in(dir, true);
        recorder.check("health", "GET /health/ready", 200,
                "{\"status\":\"UP\",\"checks\":[{\"name\":\"b\",\"status\":\"UP\"},"
                        + "{\"name\":\"a\",\"status\":\"UP\",\"data\":{\"x\":1}}]}");
        WireRecording checker = WireRecording.in(dir, false);
        checker.check("health", "GET /health/ready", 200,
                "{\"status\":\"UP\",\"checks\":[{\"name\":\"a\",\"status\":\"UP\",\"data\":{\"x\":2}},"
                        + "{\"name\":\"b\",\"status\":\"UP\"}]}");
        AssertionFailedError changed = assertThrows(AssertionFailedError.class, () -> checker.check("health",
                "GET /health/ready", 200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"a\",\"status\":\"UP\"},"
                        + "{\"name\":\"b\",\"status\":\"UP\"}]}"));
        assertTrue(changed.getMessage().contains("data"), changed.getMessage());
    }
}
