package org.golem.vm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.shell.InteractiveProcessShellFactory;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.golem.vm.cli.ssh.KeyGen;
import org.golem.vm.cli.ssh.SshFingerprint;
import org.golem.vm.common.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vm exec}, {@code vm ssh}, {@code vm stats} and the host key policy against an in-process SSH server
 * (Apache MINA SSHD on 127.0.0.1 running commands with {@code /bin/sh}), keys made by {@code ssh-keygen}.
 */
class SshCommandsTest {

    @TempDir
    Path tmp;

    SshServer sshd;
    FakeRequestorServer fake;
    Path clientKey;
    Path hostKey;
    Path otherKey;
    Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        clientKey = KeyGen.generate(tmp, "client", "ecdsa");
        hostKey = KeyGen.generate(tmp, "host", "ecdsa");
        otherKey = KeyGen.generate(tmp, "other", "ecdsa");
        knownHosts = tmp.resolve("ssh").resolve("known_hosts");
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new FileKeyPairProvider(hostKey));
        sshd.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        sshd.setCommandFactory((channel, command) ->
                new ProcessShellFactory(command, List.of("/bin/sh", "-c", command)).createShell(channel));
        sshd.setShellFactory(InteractiveProcessShellFactory.INSTANCE);
        sshd.start();
        fake = new FakeRequestorServer();
    }

    @AfterEach
    void stop() throws IOException {
        fake.close();
        sshd.stop(true);
    }

    private void serve(String fingerprint) {
        serve(sshd.getPort(), fingerprint);
    }

    private void serve(int port, String fingerprint) {
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("host", "127.0.0.1");
        a.put("port", port);
        a.put("user", "golem");
        a.put("host_key_fingerprint", fingerprint);
        a.put("private_key_file", clientKey.toString());
        a.put("known_hosts_file", knownHosts.toString());
        fake.on("GET", "/api/v1/vms/web1/access", 200, Json.toJson(a));
    }

    private CliRunner cli() {
        return new CliRunner(fake, tmp.resolve("data"));
    }

    private String hostEntry() {
        return "[127.0.0.1]:" + sshd.getPort();
    }

    @Test
    void firstUseTrustsAndRecordsTheKeyThenChecksIt() throws Exception {
        serve(null);
        var r = cli().run("vm", "exec", "web1", "--", "echo hello; echo oops >&2; exit 3");
        assertEquals(3, r.exit(), r.toString());
        assertEquals("hello\n", r.out());
        String fp = KeyGen.fingerprint(hostKey);
        assertTrue(r.err().contains("warning: no fingerprint known for " + hostEntry()
                + "; trusting its host key on first use (ecdsa-sha2-nistp256 " + fp + ")"), r.err());
        assertTrue(r.err().contains("oops\n"), r.err());
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(List.of(hostEntry() + " " + KeyGen.publicLine(hostKey)), lines);

        var again = cli().run("vm", "exec", "web1", "--", "true");
        assertEquals(0, again.exit(), again.toString());
        assertEquals("", again.err(), "a known key is accepted silently");

        var quoted = cli().run("vm", "exec", "web1", "--", "sh", "-c", "echo 'it''s'; exit 4");
        assertEquals(4, quoted.exit(), "several arguments reach the VM's shell as separate words: " + quoted);
        assertEquals("its\n", quoted.out());
    }

    @Test
    void changedKnownKeyIsRefusedAndNothingRuns() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, hostEntry() + " " + KeyGen.publicLine(otherKey) + "\n");
        serve(KeyGen.fingerprint(hostKey)); // even a matching fingerprint does not override known_hosts
        Path marker = tmp.resolve("ran");
        var r = cli().run("vm", "exec", "web1", "--", "touch", marker.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("golem: the SSH host key of " + hostEntry() + " has changed: it presented "
                + "ecdsa-sha2-nistp256 " + KeyGen.fingerprint(hostKey) + " but " + knownHosts + " has "
                + "ecdsa-sha2-nistp256 " + KeyGen.fingerprint(otherKey)), r.err());
        assertTrue(r.err().contains("ssh-keygen -R '" + hostEntry() + "' -f " + knownHosts), r.err());
        assertFalse(Files.exists(marker), "the command must not run");
        assertEquals(1, Files.readAllLines(knownHosts).size());
    }

    @Test
    void providerFingerprintIsVerifiedThenRecorded() throws Exception {
        serve(KeyGen.fingerprint(hostKey));
        var r = cli().run("vm", "exec", "web1", "--", "echo", "ok");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("ok\n", r.out());
        assertTrue(r.err().contains("matches the provider's fingerprint; added to " + knownHosts), r.err());
        assertEquals(List.of(hostEntry() + " " + KeyGen.publicLine(hostKey)), Files.readAllLines(knownHosts));
    }

    @Test
    void wrongProviderFingerprintIsRefused() throws Exception {
        serve(KeyGen.fingerprint(otherKey));
        Path marker = tmp.resolve("ran");
        var r = cli().run("vm", "exec", "web1", "--", "touch", marker.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem: the SSH host key of " + hostEntry() + " (ecdsa-sha2-nistp256 " + KeyGen.fingerprint(hostKey)
                + ") does not match the fingerprint the provider reported (" + KeyGen.fingerprint(otherKey)
                + "); refusing to connect\n", r.err());
        assertFalse(Files.exists(marker));
        assertFalse(Files.exists(knownHosts), "nothing recorded");
    }

    @Test
    void entryForTheBareHostDoesNotCountForAnotherPort() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        // the provider machine itself (port 22) has another key: not the VM behind port N
        Files.writeString(knownHosts, "127.0.0.1 " + KeyGen.publicLine(otherKey) + "\n");
        serve(KeyGen.fingerprint(hostKey));
        var r = cli().run("vm", "exec", "web1", "--", "echo", "ok");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("127.0.0.1 " + KeyGen.publicLine(otherKey), hostEntry() + " " + KeyGen.publicLine(hostKey)),
                Files.readAllLines(knownHosts));
    }

    @Test
    void execPassesStdinWhenItIsNotATerminal() {
        serve(null);
        var r = cli().stdin("line one\nline two\n", false).run("vm", "exec", "web1", "--", "wc", "-l");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("2", r.out().strip());
    }

    @Test
    void execWithoutDoubleDashTakesEverythingAfterTheNameAsTheCommand() {
        serve(null);
        var r = cli().run("vm", "exec", "web1", "printf", "%s-%s", "-n", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("-n---json", r.out());
        var none = cli().run("vm", "exec", "web1", "--");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("Missing the command to run"), none.err());
    }

    @Test
    void interactiveShellWithoutTerminalRunsStdinAndReturnsTheStatus() {
        serve(null);
        var r = cli().stdin("echo hi-from-shell\nexit 4\n", false).run("vm", "ssh", "web1");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.out().contains("hi-from-shell\n"), r.toString());
        var alias = cli().stdin("exit 0\n", false).run("vm", "connect", "web1");
        assertEquals(0, alias.exit(), alias.toString());
    }

    @Test
    void statsSamplesCpuMemoryAndDisk() {
        serve(null);
        var r = cli().run("vm", "stats", "web1");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("VM web1 at "), r.out());
        assertTrue(lines[1].matches("CPU +: \\d+\\.\\d%"), lines[1]);
        assertTrue(lines[2].matches("Memory +: \\d+ MiB / \\d+ MiB \\(\\d+\\.\\d%\\)"), lines[2]);
        // this machine's disk: / where it is a block device, else the largest mounted block device
        assertTrue(lines[3].matches("Disk /\\S* +: \\S+ / \\S+ \\(\\d+%\\)"), lines[3]);

        var json = cli().run("vm", "stats", "web1", "--json");
        var node = Json.tree(json.out());
        assertTrue(node.path("memory_total_mib").asLong() > 0, json.out());
        assertTrue(node.path("disk_use_percent").asText().endsWith("%"), json.out());
        assertTrue(node.path("disk_mount").asText().startsWith("/"), json.out());
        assertTrue(node.path("disk_size_kib").asLong() > 0, json.out());
    }

    @Test
    void vmWithoutEndpointYet() {
        fake.on("GET", "/api/v1/vms/web1/access", 200, "{\"host\":null,\"port\":null,\"user\":null,\"host_key_fingerprint\":null,"
                + "\"private_key_file\":\"" + clientKey + "\",\"known_hosts_file\":\"" + knownHosts + "\"}");
        var r = cli().run("vm", "ssh", "web1");
        assertEquals(1, r.exit());
        assertEquals("golem: VM 'web1' has no SSH endpoint yet (is it still being created? see: golem vm info web1)\n",
                r.err());
    }

    @Test
    void unreachableEndpoint() throws Exception {
        int closed = GolemCliTest.freePort();
        serve(closed, null);
        var r = cli().run("vm", "exec", "web1", "--", "true");
        assertEquals(1, r.exit());
        assertEquals("golem: cannot connect to 127.0.0.1:" + closed + " (connection refused; the VM may still be "
                + "booting or be stopped)\n", r.err());
    }

    @Test
    void knownHostsFileIsWrittenWithBlobThatMatchesThePublicKey() throws Exception {
        serve(null);
        cli().run("vm", "exec", "web1", "--", "true");
        String blob = Files.readString(knownHosts).strip().split(" ")[2];
        assertEquals(KeyGen.fingerprint(hostKey), SshFingerprint.sha256(Base64.getDecoder().decode(blob)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(knownHosts)));
        assertFalse(new String(Files.readAllBytes(knownHosts), StandardCharsets.US_ASCII).contains("PRIVATE"));
    }
}
