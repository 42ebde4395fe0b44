package org.golem.vm.cli.requestor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.AcceptAllPublickeyAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.shell.InteractiveProcessShellFactory;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.golem.vm.cli.ssh.KeyGen;
import org.golem.vm.cli.ssh.SshFingerprint;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.requestor.SshAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vm exec}, {@code vm ssh} (also with {@code --share-network}), {@code vm stats}, {@code vm proxy} and the
 * host key policy against an in-process SSH server
 * (Apache MINA SSHD on 127.0.0.1 running commands with {@code /bin/sh}), keys made by {@code ssh-keygen}. Host keys
 * are pinned per VM under the alias the service names (here web1's and web2's at one provider).
 */
class SshCommandsTest {
    static final String WEB1 = "web1.0x9d12f0af464a6b5efd4bbb8679cc205012326019.golem-vm";
    static final String WEB2 = "web2.0x9d12f0af464a6b5efd4bbb8679cc205012326019.golem-vm";

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
        sshd = sshServer(0, hostKey);
        fake = new FakeRequestorServer();
    }

    /** @return a started SSH server on 127.0.0.1:port (0: any free port) presenting that host key */
    private static SshServer sshServer(int port, Path key) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new FileKeyPairProvider(key));
        server.setPublickeyAuthenticator(AcceptAllPublickeyAuthenticator.INSTANCE);
        server.setCommandFactory((channel, command) ->
                new ProcessShellFactory(command, List.of("/bin/sh", "-c", command)).createShell(channel));
        server.setShellFactory(InteractiveProcessShellFactory.INSTANCE);
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE); // ssh -R for vm proxy / --share-network
        server.start();
        return server;
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
        serve("web1", port, fingerprint, WEB1);
    }

    /** The service's access answer for a VM at 127.0.0.1:port; alias null: a service that names none. */
    private void serve(String vm, int port, String fingerprint, String alias) {
        fake.on("GET", "/api/v1/vms/" + vm + "/access", 200, Json.toJson(new SshAccess("127.0.0.1", port, "golem",
                fingerprint, alias, clientKey.toString(), knownHosts.toString())));
    }

    private String vm1() {
        return "VM 'web1' at 127.0.0.1:" + sshd.getPort();
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
        assertTrue(r.err().contains("warning: no fingerprint known for " + vm1() + "; trusting its host key on first "
                + "use (ecdsa-sha2-nistp256 " + fp + ") and pinning it as " + WEB1 + " in " + knownHosts), r.err());
        assertTrue(r.err().contains("oops\n"), r.err());
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(List.of(WEB1 + " " + KeyGen.publicLine(hostKey)), lines);

        var again = cli().run("vm", "exec", "web1", "--", "true");
        assertEquals(0, again.exit(), again.toString());
        assertEquals("", again.err(), "a known key is accepted silently");

        var quoted = cli().run("vm", "exec", "web1", "--", "sh", "-c", "echo 'it''s'; exit 4");
        assertEquals(4, quoted.exit(), "several arguments reach the VM's shell as separate words: " + quoted);
        assertEquals("its\n", quoted.out());
    }

    @Test
    void changedKeyOfTheSameVmIsRefusedAndNothingRuns() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, WEB1 + " " + KeyGen.publicLine(otherKey) + "\n");
        serve(KeyGen.fingerprint(hostKey)); // even a matching fingerprint does not override the VM's pin
        Path marker = tmp.resolve("ran");
        var r = cli().run("vm", "exec", "web1", "--", "touch", marker.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("golem: the SSH host key of " + vm1() + " has changed: it presented "
                + "ecdsa-sha2-nistp256 " + KeyGen.fingerprint(hostKey) + " but " + knownHosts + " pins "
                + "ecdsa-sha2-nistp256 " + KeyGen.fingerprint(otherKey) + " as " + WEB1), r.err());
        assertTrue(r.err().contains("ssh-keygen -R '" + WEB1 + "' -f " + knownHosts), r.err());
        assertFalse(Files.exists(marker), "the command must not run");
        assertEquals(1, Files.readAllLines(knownHosts).size());
    }

    @Test
    void aVmOnTheHostAndPortOfADestroyedVmHasItsOwnPin() throws Exception {
        serve(KeyGen.fingerprint(hostKey));
        assertEquals(0, cli().run("vm", "exec", "web1", "--", "true").exit());
        int port = sshd.getPort();
        sshd.stop(true); // web1 is destroyed; its provider hands the port to web2, a new machine with its own key
        sshd = sshServer(port, otherKey);
        serve("web2", port, KeyGen.fingerprint(otherKey), WEB2);
        var r = cli().run("vm", "exec", "web2", "--", "echo", "web2 here");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("web2 here\n", r.out());
        assertEquals(List.of(WEB1 + " " + KeyGen.publicLine(hostKey), WEB2 + " " + KeyGen.publicLine(otherKey)),
                Files.readAllLines(knownHosts));
    }

    @Test
    void providerFingerprintIsCheckedEvenWhenTheKeyIsPinned() throws Exception {
        serve(null);
        assertEquals(0, cli().run("vm", "exec", "web1", "--", "true").exit(), "pinned on first use");
        serve(KeyGen.fingerprint(otherKey)); // the provider now reports another key for the same VM
        assertExecRefusedForTheProviderFingerprint();
    }

    /** web1 presents hostKey, the provider reported otherKey's fingerprint: refused, nothing runs. */
    private void assertExecRefusedForTheProviderFingerprint() throws Exception {
        Path marker = tmp.resolve("ran");
        var r = cli().run("vm", "exec", "web1", "--", "touch", marker.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("golem: the SSH host key of " + vm1() + " (ecdsa-sha2-nistp256 " + KeyGen.fingerprint(hostKey)
                + ") does not match the fingerprint the provider reported (" + KeyGen.fingerprint(otherKey)
                + "); refusing to connect\n", r.err());
        assertFalse(Files.exists(marker), "the command must not run");
    }

    @Test
    void openSshAcceptsThePinWithTheVmsAliasAndOnlyForThatVm() throws Exception {
        serve(KeyGen.fingerprint(hostKey));
        assertEquals(0, cli().run("vm", "exec", "web1", "--", "true").exit());
        assertEquals(0, openSsh(WEB1), "ssh -o HostKeyAlias=" + WEB1 + " logs in with the pinned key");
        assertEquals(255, openSsh(WEB2), "no pin for another VM at the same address: strict checking refuses");
    }

    /** @return the exit status of OpenSSH's {@code ssh} running {@code true} on the test server, checking its key */
    private int openSsh(String alias) throws Exception {
        Process p = new ProcessBuilder("ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o",
                "StrictHostKeyChecking=yes", "-o", "GlobalKnownHostsFile=/dev/null", "-o",
                "UserKnownHostsFile=" + knownHosts, "-o", "HostKeyAlias=" + alias, "-i", clientKey.toString(),
                "-p", String.valueOf(sshd.getPort()), "golem@127.0.0.1", "true").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
        return p.exitValue();
    }

    @Test
    void providerFingerprintIsVerifiedThenRecorded() throws Exception {
        serve(KeyGen.fingerprint(hostKey));
        var r = cli().run("vm", "exec", "web1", "--", "echo", "ok");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("ok\n", r.out());
        assertTrue(r.err().contains("host key of " + vm1() + " (ecdsa-sha2-nistp256 " + KeyGen.fingerprint(hostKey)
                + ") matches the provider's fingerprint; pinned as " + WEB1 + " in " + knownHosts), r.err());
        assertEquals(List.of(WEB1 + " " + KeyGen.publicLine(hostKey)), Files.readAllLines(knownHosts));
    }

    @Test
    void wrongProviderFingerprintIsRefused() throws Exception {
        serve(KeyGen.fingerprint(otherKey));
        assertExecRefusedForTheProviderFingerprint();
        assertFalse(Files.exists(knownHosts), "nothing recorded");
    }

    @Test
    void withoutAnAliasTheKeyIsPinnedPerAddressAndTheBareHostDoesNotCount() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        // the provider machine itself (port 22) has another key: not the VM behind port N
        Files.writeString(knownHosts, "127.0.0.1 " + KeyGen.publicLine(otherKey) + "\n");
        serve("web1", sshd.getPort(), KeyGen.fingerprint(hostKey), null); // a service that names no alias
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
        fake.on("GET", "/api/v1/vms/web1/access", 200, Json.toJson(new SshAccess(null, null, null, null, null,
                clientKey.toString(), knownHosts.toString())));
        var r = cli().run("vm", "ssh", "web1");
        assertEquals(1, r.exit());
        assertEquals("golem: VM 'web1' has no SSH endpoint yet (is it still being created? see: golem vm info web1)\n",
                r.err());
    }

    /**
     * A VM whose sshd restarts right after its first boot (cloud-init rewriting its settings): the provider's
     * forwarded port accepts the connection and the guest resets it. The command tries again, says so once, and
     * runs.
     */
    @Test
    void aConnectionResetWhileTheVmsSshServerRestartsIsTriedAgain() throws Exception {
        try (java.net.ServerSocket front = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread relay = new Thread(() -> {
                try {
                    for (int n = 0; ; n++) {
                        java.net.Socket in = front.accept();
                        if (n == 0) {
                            in.setSoLinger(true, 0); // RST, as slirp passes on a guest port nobody listens on
                            in.close();
                            continue;
                        }
                        java.net.Socket out = new java.net.Socket("127.0.0.1", sshd.getPort());
                        pipe(in, out);
                        pipe(out, in);
                    }
                } catch (IOException e) {
                    // the front closed: the test is over
                }
            }, "reset-once-front");
            relay.setDaemon(true);
            relay.start();
            serve(front.getLocalPort(), KeyGen.fingerprint(hostKey));
            var r = cli().run("vm", "exec", "web1", "--", "echo up");
            assertEquals(0, r.exit(), r.toString());
            assertEquals("up\n", r.out());
            assertTrue(r.err().contains("SSH to 127.0.0.1:" + front.getLocalPort() + " was cut off"), r.err());
            assertTrue(r.err().contains("trying again for up to 20 s"), r.err());
        }
    }

    /** Copies one socket's input to the other's output on a daemon thread until either closes. */
    private static void pipe(java.net.Socket from, java.net.Socket to) {
        Thread t = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "pipe");
        t.setDaemon(true);
        t.start();
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

    /** An HTTP server on 127.0.0.1 answering {@code /hello} with {@code hello from the requestor side}. */
    private static HttpServer origin() throws IOException {
        HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        origin.createContext("/hello", ex -> {
            byte[] body = "hello from the requestor side".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        origin.start();
        return origin;
    }

    /**
     * An absolute-URI GET through whatever listens on 127.0.0.1:port, retried until that port accepts while the
     * command still runs.
     */
    private static String getThrough(int port, String url, Future<CliRunner.Result> command) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET " + url + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (ConnectException e) {
                if (command.isDone()) {
                    throw new AssertionError("the command ended: " + command.get());
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void proxyForwardsTheVmsPortToTheProxyUntilInterrupted() throws Exception {
        serve(null);
        HttpServer origin = origin();
        int remote = GolemCliTest.freePort();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<CliRunner.Result> run = runner.submit(() -> cli().run("vm", "proxy", "web1", "--remote-port",
                    String.valueOf(remote), "--json"));
            String url = "http://127.0.0.1:" + origin.getAddress().getPort() + "/hello";
            String answer = getThrough(remote, url, run); // the SSH server's end of the forward, as a VM's client
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.endsWith("hello from the requestor side"), answer);
            runner.shutdownNow(); // interrupts the command, as Ctrl+C does
            CliRunner.Result r = run.get(20, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.toString());
            var docs = Json.mapper().readerFor(com.fasterxml.jackson.databind.JsonNode.class)
                    .readValues(r.out()).readAll();
            assertEquals(2, docs.size(), r.out());
            var ready = (com.fasterxml.jackson.databind.JsonNode) docs.get(0);
            assertEquals(remote, ready.get("remote_port").asInt());
            assertEquals("http://127.0.0.1:" + remote, ready.path("environment").get("http_proxy").asText());
            assertEquals("http://127.0.0.1:" + remote, ready.path("environment").get("HTTPS_PROXY").asText());
            assertEquals("socks5h://127.0.0.1:" + remote, ready.path("environment").get("all_proxy").asText());
            var summary = (com.fasterxml.jackson.databind.JsonNode) docs.get(1);
            assertEquals("stopped", summary.get("ended").asText());
            assertEquals(1, summary.get("connections").asInt(), summary.toString());
            assertEquals(0, summary.get("failed").asInt(), summary.toString());
            assertTrue(summary.get("bytes_down").asLong() > 29, summary.toString());
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), remote).close(),
                    "the forward is gone");
        } finally {
            runner.shutdownNow();
            origin.stop(0);
        }
    }

    @Test
    void proxyTextSaysWhatToSetAndARefusedForwardIsClear() throws Exception {
        serve(null);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var r = cli().run("vm", "proxy", "web1", "--remote-port", String.valueOf(busy.getLocalPort()));
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("golem: VM 'web1' refused to forward its port 127.0.0.1:"
                    + busy.getLocalPort() + " to this machine ("), r.err());
            assertTrue(r.err().contains("choose another with --remote-port"), r.err());
        }
        var bad = cli().run("vm", "proxy", "web1", "--remote-port", "0");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--remote-port must be 1..65535, got 0"), bad.err());
    }

    @Test
    void sshShareNetworkSetsTheProxyVariablesAndForwardsForTheSession() throws Exception {
        serve(null);
        HttpServer origin = origin();
        int remote = GolemCliTest.freePort();
        CountDownLatch checked = new CountDownLatch(1);
        InputStream script = new SequenceInputStream(new ByteArrayInputStream(
                "echo \"vars: $http_proxy $https_proxy $all_proxy $HTTP_PROXY $ALL_PROXY\"\n"
                        .getBytes(StandardCharsets.US_ASCII)), new InputStream() {
            private final InputStream rest = new ByteArrayInputStream("exit 5\n".getBytes(StandardCharsets.US_ASCII));

            @Override
            public int read() throws IOException {
                try {
                    checked.await(); // the shell waits while the test uses the forward
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return rest.read();
            }
        });
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<CliRunner.Result> run = runner.submit(() -> cli().stdin(script).run("vm", "ssh", "web1",
                    "--share-network", "--remote-port", String.valueOf(remote)));
            String answer = getThrough(remote, "http://127.0.0.1:" + origin.getAddress().getPort() + "/hello", run);
            assertTrue(answer.endsWith("hello from the requestor side"), answer);
            checked.countDown();
            CliRunner.Result r = run.get(20, TimeUnit.SECONDS);
            assertEquals(5, r.exit(), "the shell's status: " + r);
            String p = "http://127.0.0.1:" + remote;
            assertTrue(r.out().contains("vars: " + p + " " + p + " socks5h://127.0.0.1:" + remote + " " + p
                    + " socks5h://127.0.0.1:" + remote + "\n"), r.toString());
            assertTrue(r.err().contains("proxy: 0 open, 1 connection, "), r.err());
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), remote).close(),
                    "the forward ends with the session");
        } finally {
            checked.countDown();
            runner.shutdownNow();
            origin.stop(0);
        }
    }
}
