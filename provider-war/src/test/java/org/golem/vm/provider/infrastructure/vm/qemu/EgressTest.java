package org.golem.vm.provider.infrastructure.vm.qemu;

import static org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.golem.vm.provider.domain.egress.Egress;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The egress policies on real micro VMs: from inside the guest (busybox {@code nc} over SSH) a TCP connection to a
 * listener on the host's loopback, which slirp offers the guest as 10.0.2.2. Under {@code open} the guest reaches
 * both listeners (the control: the probe does work), under {@code none} neither, while SSH through the hostfwd
 * forward keeps working.
 */
@Timeout(300)
class EgressTest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static Path DATA;
    private static ImageCatalog catalog;
    private static QemuConfig base;
    private static Ssh.Key key;
    private static Listener first;
    private static Listener second;

    @BeforeAll
    static void setUp() throws Exception {
        DATA = QemuTestSupport.newDataDir("egress-test-");
        catalog = new ImageCatalog(DATA, Map.of("micro", MicroImage.build().toString()));
        base = QemuTestSupport.loopbackTcg();
        key = Ssh.newKey(DATA.resolve("keys"), "egress");
        first = new Listener("first");
        second = new Listener("second");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        QemuTestSupport.deleteVmsAndData(DATA, catalog, base);
    }

    @Test
    void openReachesEveryListenerOnTheHost() throws Exception {
        withVm("open", Egress.open(), port -> {
            assertEquals("first", probe(port, first));
            assertEquals("second", probe(port, second));
        });
    }

    @Test
    void noneReachesNothingWhileSshWorks() throws Exception {
        int before = first.served.get() + second.served.get();
        withVm("none", Egress.none(), port -> {
            assertEquals("", probe(port, first), "the guest reached the host under egress none");
            assertEquals("", probe(port, second), "the guest reached the host under egress none");
            assertEquals("ssh works", ssh(port, "echo ssh works").trim());
        });
        assertEquals(before, first.served.get() + second.served.get(), "connections the listeners accepted");
    }

    private interface Checks {
        void run(int sshPort) throws Exception;
    }

    /** Boots one micro VM under the policy, runs the checks over SSH, deletes it. */
    private static void withVm(String id, Egress egress, Checks checks) throws Exception {
        try (QemuDriver driver = new QemuDriver(DATA, catalog, base.withEgress(egress))) {
            int port = freePort();
            driver.create(new VmSpec(id, 1, 1, 1, "micro", key.publicKey(), port, BOOT));
            try {
                checks.run(port);
            } finally {
                driver.delete(id);
            }
        }
    }

    /** @return what the listener said to the guest, or "" when the guest could not connect within 3 s */
    private static String probe(int sshPort, Listener l) throws Exception {
        Ssh.Result r = Ssh.exec("root", sshPort, key, "nc -w 3 10.0.2.2 " + l.port() + " </dev/null; true");
        assertEquals(0, r.exit(), r.out());
        String out = r.out().trim();
        assertTrue(out.isEmpty() || out.equals(l.name) || out.contains("nc:"), out);
        return out.contains("nc:") ? "" : out;
    }

    private static String ssh(int port, String command) throws Exception {
        Ssh.Result r = Ssh.exec("root", port, key, command);
        assertEquals(0, r.exit(), command + ": " + r.out());
        return r.out();
    }

    /** A loopback TCP listener that writes its name to every connection and closes it. */
    private static final class Listener implements AutoCloseable {
        final String name;
        final ServerSocket server;
        final java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();

        Listener(String name) throws IOException {
            this.name = name;
            this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(this::serve, "egress-listener-" + name);
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    served.incrementAndGet();
                    out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
