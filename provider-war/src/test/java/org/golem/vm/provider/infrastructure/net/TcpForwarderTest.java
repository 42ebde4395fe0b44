package org.golem.vm.provider.infrastructure.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TcpForwarderTest {

    /** A blocking test server, a thread per connection (test infrastructure only). */
    static final class Server implements AutoCloseable {
        interface Handler {
            void handle(Socket s) throws IOException;
        }

        final ServerSocket socket;
        final ExecutorService pool = Executors.newCachedThreadPool();
        final List<Socket> accepted = new ArrayList<>();

        Server(Handler handler) throws IOException {
            socket = new ServerSocket(0, 200, TestPorts.loopback());
            pool.submit(() -> {
                while (!socket.isClosed()) {
                    Socket s;
                    try {
                        s = socket.accept();
                    } catch (IOException e) {
                        return;
                    }
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                    pool.submit(() -> {
                        try (s) {
                            handler.handle(s);
                        } catch (IOException e) {
                            // client went away
                        }
                    });
                }
            });
        }

        InetSocketAddress address() {
            return new InetSocketAddress(TestPorts.loopback(), socket.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
            pool.shutdownNow();
        }
    }

    static void echo(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[32 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
        s.shutdownOutput();
    }

    Server server;
    TcpForwarder forwarder;

    @BeforeEach
    void setUp() throws IOException {
        server = new Server(TcpForwarderTest::echo);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (forwarder != null) {
            forwarder.stop();
        }
        server.close();
    }

    TcpForwarder forward(InetSocketAddress target, TcpForwarder.Options options) throws IOException {
        forwarder = TcpForwarder.start(new InetSocketAddress(TestPorts.loopback(), 0), target, options);
        return forwarder;
    }

    Socket connect() throws IOException {
        Socket s = new Socket(TestPorts.loopback(), forwarder.listenAddress().getPort());
        s.setSoTimeout(30_000);
        return s;
    }

    @Test
    void echoesThroughTheForwarder() throws Exception {
        forward(server.address(), TcpForwarder.Options.DEFAULT);
        try (Socket s = connect()) {
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            byte[] got = s.getInputStream().readNBytes(6);
            assertEquals("hello\n", new String(got, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void fiftyMegabytesArriveIntact() throws Exception {
        forward(server.address(), TcpForwarder.Options.DEFAULT);
        int total = 50 * 1024 * 1024;
        try (Socket s = connect()) {
            CompletableFuture<byte[]> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    Random random = new Random(42);
                    byte[] chunk = new byte[64 * 1024 + 7];
                    OutputStream out = s.getOutputStream();
                    for (int done = 0; done < total; ) {
                        random.nextBytes(chunk);
                        int n = Math.min(chunk.length, total - done);
                        out.write(chunk, 0, n);
                        md.update(chunk, 0, n);
                        done += n;
                    }
                    s.shutdownOutput();
                    return md.digest();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            InputStream in = s.getInputStream();
            byte[] buf = new byte[100_000];
            long received = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                received += n;
            }
            assertEquals(total, received);
            assertArrayEquals(sent.get(60, TimeUnit.SECONDS), md.digest());
        }
        assertTrue(forwarder.bytesForwarded() >= 2L * total);
    }

    @Test
    void manyConcurrentConnections() throws Exception {
        forward(server.address(), TcpForwarder.Options.DEFAULT);
        int clients = 100;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    byte[] data = new byte[200_000];
                    new Random(id).nextBytes(data);
                    try (Socket s = connect()) {
                        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                            try {
                                s.getOutputStream().write(data);
                                s.shutdownOutput();
                            } catch (IOException e) {
                                throw new RuntimeException(e);
                            }
                        }, pool);
                        byte[] back = s.getInputStream().readAllBytes();
                        writer.get(30, TimeUnit.SECONDS);
                        return java.util.Arrays.equals(data, back);
                    }
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        waitFor(() -> forwarder.activeConnections() == 0, Duration.ofSeconds(5));
        assertEquals(clients, forwarder.acceptedConnections());
        assertEquals(1, forwarderThreads(), "one selector thread, not one per connection");
    }

    @Test
    void halfCloseReachesTheServerAndItsReplyStillArrives() throws Exception {
        server.close();
        // reads until EOF, then answers with the byte count and closes
        server = new Server(s -> {
            byte[] all = s.getInputStream().readAllBytes();
            s.getOutputStream().write(("got " + all.length + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        });
        forward(server.address(), TcpForwarder.Options.DEFAULT);
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[12345]);
            s.shutdownOutput();
            byte[] reply = s.getInputStream().readAllBytes();
            assertEquals("got 12345\n", new String(reply, StandardCharsets.US_ASCII));
        }
        waitFor(() -> forwarder.activeConnections() == 0, Duration.ofSeconds(5));
    }

    @Test
    void serverHalfCloseLetsTheClientKeepSending() throws Exception {
        server.close();
        // answers at once and half-closes, then counts what the client still sends
        server = new Server(s -> {
            s.getOutputStream().write("banner\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            byte[] rest = s.getInputStream().readAllBytes();
            // nowhere to answer any more: record through a side channel
            lastCount = rest.length;
        });
        forward(server.address(), TcpForwarder.Options.DEFAULT);
        try (Socket s = connect()) {
            assertEquals("banner\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            s.getOutputStream().write(new byte[5000]);
            s.shutdownOutput();
            waitFor(() -> lastCount == 5000, Duration.ofSeconds(5));
        }
    }

    volatile int lastCount = -1;

    @Test
    void targetDownClosesTheClientPromptly() throws Exception {
        int dead;
        try (ServerSocket tmp = new ServerSocket(0, 1, TestPorts.loopback())) {
            dead = tmp.getLocalPort();
        }
        forward(new InetSocketAddress(TestPorts.loopback(), dead), TcpForwarder.Options.DEFAULT);
        long t0 = System.nanoTime();
        try (Socket s = connect()) {
            s.setSoTimeout(3000);
            assertClosedByPeer(s);
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "closed promptly");
        waitFor(() -> forwarder.activeConnections() == 0, Duration.ofSeconds(2));
    }

    @Test
    void targetThatNeverAnswersTheConnectTimesOut() throws Exception {
        // a listener that never accepts, its accept queue filled: further SYNs are dropped, connects hang
        // (an address outside the machine is no use here: the sandbox may answer any connect)
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, TestPorts.loopback())) {
            InetSocketAddress target = new InetSocketAddress(TestPorts.loopback(), full.getLocalPort());
            for (int i = 0; i < 20; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(target, 200);
                    fillers.add(filler);
                } catch (SocketTimeoutException e) {
                    filler.close();
                    break;
                }
            }
            forward(target, new TcpForwarder.Options(64 * 1024, Duration.ofMillis(300), 16));
            long t0 = System.nanoTime();
            try (Socket s = connect()) {
                s.setSoTimeout(5000);
                assertClosedByPeer(s);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 250 && ms < 3000, "closed after " + ms + " ms");
            waitFor(() -> forwarder.activeConnections() == 0, Duration.ofSeconds(2));
        } finally {
            for (Socket f : fillers) {
                f.close();
            }
        }
    }

    @Test
    void serverResetClosesTheClient() throws Exception {
        server.close();
        server = new Server(s -> {
            s.getInputStream().read();
            s.setSoLinger(true, 0); // RST
        });
        forward(server.address(), TcpForwarder.Options.DEFAULT);
        try (Socket s = connect()) {
            s.setSoTimeout(3000);
            s.getOutputStream().write(1);
            assertClosedByPeer(s);
        }
        waitFor(() -> forwarder.activeConnections() == 0, Duration.ofSeconds(2));
    }

    @Test
    void slowReaderBackpressuresTheWriterAndNothingIsLost() throws Exception {
        server.close();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Long> serverCount = new CompletableFuture<>();
        server = new Server(s -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            long n = 0;
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
            }
            serverCount.complete(n);
        });
        forward(server.address(), new TcpForwarder.Options(16 * 1024, Duration.ofSeconds(5), 16));
        long total = 64L * 1024 * 1024;
        try (Socket s = connect()) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    byte[] chunk = new byte[1 << 16];
                    OutputStream out = s.getOutputStream();
                    for (long done = 0; done < total; done += chunk.length) {
                        out.write(chunk);
                    }
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(1000);
            assertFalse(writer.isDone(), "writer must be blocked while the target does not read");
            long stalled = forwarder.bytesForwarded();
            assertTrue(stalled < total / 2, "forwarded " + stalled + " while the target reads nothing");
            go.countDown();
            writer.get(60, TimeUnit.SECONDS);
            assertEquals(total, serverCount.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void stopClosesConnectionsFreesThePortAndEndsTheThread() throws Exception {
        int before = forwarderThreads();
        forward(server.address(), TcpForwarder.Options.DEFAULT);
        int port = forwarder.listenAddress().getPort();
        assertEquals(before + 1, forwarderThreads());
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Socket s = connect();
            s.getOutputStream().write(i);
            assertEquals(i, s.getInputStream().read());
            open.add(s);
        }
        assertEquals(10, forwarder.activeConnections());
        forwarder.stop();
        assertFalse(forwarder.isRunning());
        // the port is free at once for a listener with SO_REUSEADDR (Java's default on Linux, and QEMU's):
        // without it, connections the forwarder closed first may hold the port in TIME_WAIT for a minute
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(TestPorts.loopback(), port));
        }
        assertTrue(TestPorts.bindable(port));
        for (Socket s : open) {
            s.setSoTimeout(3000);
            assertClosedByPeer(s);
            s.close();
        }
        assertEquals(before, forwarderThreads(), "no thread leak");
        assertEquals(0, forwarder.activeConnections());
        forwarder.stop(); // idempotent
        forwarder = null;
    }

    @Test
    void startOnABusyPortFailsWithBindException() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, TestPorts.loopback())) {
            int before = forwarderThreads();
            assertThrows(BindException.class, () -> TcpForwarder.start(
                    new InetSocketAddress(TestPorts.loopback(), busy.getLocalPort()), server.address()));
            assertEquals(before, forwarderThreads());
        }
    }

    @Test
    void hundredStartStopCyclesLeaveNoThreadsOrPorts() throws Exception {
        int before = forwarderThreads();
        int port = TestPorts.freeBlock(1);
        for (int i = 0; i < 100; i++) {
            TcpForwarder f = TcpForwarder.start(new InetSocketAddress(TestPorts.loopback(), port), server.address());
            try (Socket s = new Socket(TestPorts.loopback(), port)) {
                s.getOutputStream().write(7);
                assertEquals(7, s.getInputStream().read());
            }
            f.stop();
        }
        assertEquals(before, forwarderThreads());
        assertTrue(TestPorts.bindable(port));
    }

    static void assertClosedByPeer(Socket s) throws IOException {
        try {
            assertEquals(-1, s.getInputStream().read());
        } catch (SocketException e) {
            // connection reset: closed too
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open", e);
        }
    }

    static int forwarderThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(TcpForwarder.THREAD_PREFIX) && t.isAlive()).count();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
