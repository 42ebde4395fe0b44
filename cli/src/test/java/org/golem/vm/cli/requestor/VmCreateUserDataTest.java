package org.golem.vm.cli.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.requestor.CreationStarted;
import org.golem.vm.common.wire.requestor.JobView;
import org.junit.jupiter.api.Test;

/** {@code golem vm create --user-data FILE}: the file goes as is; a bad file is refused before anything is sent. */
class VmCreateUserDataTest extends FakeServiceTest {

    private CliRunner.Result create(Path userData) {
        return cli.run("vm", "create", "web1", "--provider-id", Answers.PROVIDER_ID, "--cpu", "2", "--memory", "4",
                "--storage", "20", "--image", "debian-12", "--user-data", userData.toString(), "--yes");
    }

    private void assertRefusedBeforeAnythingIsSent(CliRunner.Result r, String message) {
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem: " + message + "\n", r.err());
        assertTrue(fake.requests().isEmpty(), "nothing sent: " + fake.requests());
    }

    @Test
    void theFileGoesToTheServiceAsIs() throws Exception {
        fake.on("POST", "/api/v1/vms", 202, Answers.json(new CreationStarted("j-1", "web1", "creating")));
        fake.on("GET", "/api/v1/jobs/j-1", 200, Answers.json(new JobView("j-1", "web1", "ready", "ready", null,
                null, Answers.VM, null)));
        String text = "#cloud-config\r\nwrite_files:\n  - path: /etc/h\u00e9\n    content: \"\\t x\"\n";
        Path file = Files.writeString(tmp.resolve("user-data.yaml"), text, StandardCharsets.UTF_8);

        CliRunner.Result r = create(file);

        assertEquals(0, r.exit(), r.toString());
        JsonNode body = Json.tree(fake.requests("POST", "/api/v1/vms").get(0).body());
        assertEquals(text, body.path("user_data").asText());
        assertEquals("debian-12", body.path("image").asText());
    }

    @Test
    void aMissingFileIsRefused() {
        Path missing = tmp.resolve("no-such-file");
        assertRefusedBeforeAnythingIsSent(create(missing), "--user-data " + missing + ": no such file");
    }

    @Test
    void aDirectoryIsRefused() {
        assertRefusedBeforeAnythingIsSent(create(tmp), "--user-data " + tmp + ": not a regular file");
    }

    @Test
    void aFileOver64KiBIsRefusedAndOneOfExactly64KiBIsNot() throws Exception {
        Path big = Files.write(tmp.resolve("big"), new byte[65_537]);
        assertRefusedBeforeAnythingIsSent(create(big),
                "--user-data " + big + ": 65537 bytes; user-data may be at most 65536 bytes (64 KiB)");
        assertEquals(65_536, VmCreateCommand.readUserData(Files.writeString(tmp.resolve("limit"), "#".repeat(65_536)))
                .length());
    }

    @Test
    void aFileThatIsNotUtf8TextIsRefused() throws Exception {
        Path gzip = Files.write(tmp.resolve("user-data.gz"), new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00});
        assertRefusedBeforeAnythingIsSent(create(gzip), "--user-data " + gzip
                + ": not UTF-8 text (user-data travels as text; a gzip archive cannot)");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
        assertRefusedBeforeAnythingIsSent(create(empty), "--user-data " + empty + ": the file is empty");
    }
}
