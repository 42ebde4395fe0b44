package org.golem.vm.provider.infrastructure.vm.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.golem.vm.provider.application.port.VmDriverException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SshBannerTest {
    private ServerSocket server;
    private Thread acceptor;

    /** Accepts connections and greets each with {@code greeting} (null: closes without a word). */
    private InetSocketAddress serve(String greeting) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server = listener;
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    if (greeting != null) {
                        s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                        s.getInputStream().read(); // keep open until the client hangs up
                    }
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        acceptor = t;
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** Closes the listener and waits for its thread: the socket is released only once accept() has returned. */
    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
        if (acceptor != null) {
            acceptor.join(5000);
        }
    }

    @Test
    void anSshGreetingIsReady() throws IOException {
        InetSocketAddress a = serve("SSH-2.0-OpenSSH_9.2\r\n");
        assertNull(SshBanner.probe(a, Duration.ofSeconds(2)));
        assertTrue(SshBanner.answers("127.0.0.1", a.getPort()));
    }

    @Test
    void anotherGreetingASilentCloseAndARefusalAreNot() throws Exception {
        InetSocketAddress http = serve("HTTP/1.1 400 Bad Request\r\n");
        assertEquals("unexpected greeting", SshBanner.probe(http, Duration.ofSeconds(2)));
        close();
        InetSocketAddress silent = serve(null);
        assertEquals("connection closed without a banner", SshBanner.probe(silent, Duration.ofSeconds(2)));
        close();
        String refused = SshBanner.probe(silent, Duration.ofSeconds(2));
        assertNotNull(refused);
        assertTrue(refused.contains("Connect"), refused);
        assertFalse(SshBanner.answers("127.0.0.1", silent.getPort()));
    }

    @Test
    void aForwardThatAcceptsButNeverGreetsTimesOut() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // backlog accepts, nobody writes
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        assertTrue(SshBanner.probe(a, Duration.ofMillis(200)).contains("SocketTimeoutException"));
    }

    @Test
    void awaitReturnsOnceTheBannerComes() throws Exception {
        InetSocketAddress a = serve("SSH-2.0-dropbear\r\n");
        AtomicInteger checks = new AtomicInteger();
        SshBanner.await(a, Deadline.in(Duration.ofSeconds(10)), Duration.ofSeconds(1), Duration.ofMillis(10),
                checks::incrementAndGet, last -> "unused");
        assertEquals(1, checks.get(), "guard checked before the attempt");
    }

    @Test
    void awaitTimesOutWithTheLastReason() throws IOException {
        InetSocketAddress a = serve("HTTP/1.1 400 Bad Request\r\n");
        VmDriverException e = assertThrows(VmDriverException.class, () -> SshBanner.await(a,
                Deadline.in(Duration.ofMillis(300)), Duration.ofMillis(100), Duration.ofMillis(20), () -> { },
                last -> "no banner (" + last + ")"));
        assertEquals(VmDriverException.Code.BOOT_TIMEOUT, e.code());
        assertEquals("no banner (unexpected greeting)", e.getMessage());
    }

    @Test
    void theGuardEndsTheWaitEarly() throws IOException {
        InetSocketAddress a = serve(null);
        VmDriverException dead = new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "qemu exited");
        VmDriverException e = assertThrows(VmDriverException.class, () -> SshBanner.await(a,
                Deadline.in(Duration.ofSeconds(30)), Duration.ofMillis(100), Duration.ofMillis(10), () -> {
                    throw dead;
                }, last -> "unused"));
        assertSame(dead, e);
    }

    @Test
    void wildcardsAreReachedThroughTheLoopbackOfTheirFamily() throws IOException {
        assertEquals(InetAddress.getByName("127.0.0.1"), SshBanner.connectable(InetAddress.getByName("0.0.0.0")));
        assertEquals(InetAddress.getByName("::1"), SshBanner.connectable(InetAddress.getByName("::")));
        assertEquals(InetAddress.getByName("192.0.2.7"), SshBanner.connectable(InetAddress.getByName("192.0.2.7")));
    }
}
