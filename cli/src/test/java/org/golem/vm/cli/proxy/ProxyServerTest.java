package org.golem.vm.cli.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProxyServer} against a local HTTP server (the JDK's): CONNECT tunnels, absolute-URI requests (the answer
 * closes the connection and says so, hop-by-hop headers do not reach the origin, a keep-alive client keeps working),
 * SOCKS5 with domain, IPv4 and IPv6 addresses, 24 concurrent transfers of 3 MiB checked by SHA-256, the refusals
 * (400, 502, SOCKS5 reply codes), idle timeout, half-close and shutdown.
 */
class ProxyServerTest {

    private static final int SIZE = 3 * 1024 * 1024;

    private HttpServer origin;
    private ProxyServer proxy;
    private final List<ConnectionLog> logs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        origin.createContext("/blob", ex -> {
            String q = ex.getRequestURI().getQuery();
            long seed = Long.parseLong(q.substring(q.indexOf('=') + 1));
            byte[] body = blob(seed);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        origin.createContext("/echo", ex -> {
            StringBuilder b = new StringBuilder(ex.getRequestMethod() + " " + ex.getRequestURI() + "\n");
            ex.getRequestHeaders().forEach((k, v) -> b.append(k.toLowerCase(Locale.ROOT)).append(": ")
                    .append(String.join(",", v)).append('\n'));
            byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Keep-Alive", "timeout=5");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        origin.setExecutor(Executors.newFixedThreadPool(8));
        origin.start();
        proxy = ProxyServer.start(ProxyServer.Limits.defaults(), logs::add);
    }

    @AfterEach
    void stop() {
        proxy.close();
        origin.stop(0);
    }

    private int originPort() {
        return origin.getAddress().getPort();
    }

    private static byte[] blob(long seed) {
        byte[] b = new byte[SIZE];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Socket toProxy() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(20_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads up to the end of an HTTP head (CRLF CRLF), byte by byte so nothing after it is consumed. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        throw new IOException("no complete head: " + b.toString(StandardCharsets.ISO_8859_1));
    }

    /** An HTTP GET of {@code /blob?seed=N} over an open tunnel (CONNECT or SOCKS5), body by Content-Length. */
    private byte[] getOverTunnel(Socket s, long seed) throws IOException {
        send(s, "GET /blob?seed=" + seed + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String head = head(s.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 200"), head);
        int len = Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length: *(\\d+).*", "$1"));
        byte[] body = new byte[len];
        new DataInputStream(s.getInputStream()).readFully(body);
        return body;
    }

    private Socket connectTunnel() throws IOException {
        Socket s = toProxy();
        send(s, "CONNECT 127.0.0.1:" + originPort() + " HTTP/1.1\r\nHost: 127.0.0.1:" + originPort() + "\r\n\r\n");
        assertEquals("HTTP/1.1 200 Connection established\r\n\r\n", head(s.getInputStream()));
        return s;
    }

    /** SOCKS5 greeting and CONNECT with the given address (type + bytes); returns the reply code. */
    private static int socks(Socket s, int type, byte[] address, int port) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(new byte[] {5, 1, 0});
        DataInputStream in = new DataInputStream(s.getInputStream());
        assertEquals(5, in.readUnsignedByte());
        assertEquals(0, in.readUnsignedByte(), "no authentication chosen");
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.write(new byte[] {5, 1, 0, (byte) type});
        if (type == 3) {
            req.write(address.length);
        }
        req.write(address);
        req.write(port >> 8);
        req.write(port);
        o.write(req.toByteArray());
        assertEquals(5, in.readUnsignedByte());
        int reply = in.readUnsignedByte();
        assertEquals(0, in.readUnsignedByte());
        int atyp = in.readUnsignedByte();
        in.readFully(new byte[(atyp == 4 ? 16 : 4) + 2]);
        return reply;
    }

    @Test
    void connectTunnelCarriesAnyTcpAndHalfCloses() throws Exception {
        try (Socket s = connectTunnel()) {
            assertArrayEquals(blob(7), getOverTunnel(s, 7));
            assertArrayEquals(blob(8), getOverTunnel(s, 8), "a tunnel is a plain TCP stream: keep-alive inside it");
        }
        try (ServerSocket counter = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = counter.accept()) {
                    long n = c.getInputStream().transferTo(OutputStream.nullOutputStream());
                    c.getOutputStream().write(("got " + n).getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            try (Socket s = toProxy()) {
                send(s, "CONNECT localhost:" + counter.getLocalPort() + " HTTP/1.1\r\n\r\n");
                head(s.getInputStream());
                s.getOutputStream().write(new byte[12345]);
                s.shutdownOutput();
                assertEquals("got 12345", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII),
                        "the client's end of data reached the target, whose answer came back after it");
            }
            t.join(10_000);
        }
    }

    @Test
    void absoluteGetGoesToTheOriginWithoutHopByHopHeadersAndClosesSayingSo() throws Exception {
        try (Socket s = toProxy()) {
            send(s, "GET http://127.0.0.1:" + originPort() + "/echo?a=1 HTTP/1.1\r\nHost: 127.0.0.1:" + originPort()
                    + "\r\nUser-Agent: test\r\nConnection: keep-alive, X-Private\r\nProxy-Connection: keep-alive\r\n"
                    + "X-Private: secret\r\nProxy-Authorization: Basic eDp5\r\n\r\n");
            byte[] all = s.getInputStream().readAllBytes(); // the proxy closes after the answer
            String answer = new String(all, StandardCharsets.ISO_8859_1);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n") + 4).toLowerCase(Locale.ROOT);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertTrue(head.startsWith("http/1.1 200"), head);
            assertTrue(head.contains("\r\nconnection: close\r\n"), head);
            assertFalse(head.contains("keep-alive"), "the origin's Keep-Alive header is not passed on: " + head);
            assertTrue(body.startsWith("GET /echo?a=1\n"), "origin form to the origin: " + body);
            assertTrue(body.contains("\nconnection: close\n"), body);
            assertTrue(body.contains("\nuser-agent: test\n"), body);
            assertFalse(body.contains("x-private") || body.contains("proxy-"), body);
        }
        // a keep-alive client (the JDK's HttpClient, HTTP/1.1 through a proxy) reads each answer to its end and
        // opens a new connection for the next request
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port()))).build();
        for (long seed = 1; seed <= 3; seed++) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + originPort() + "/blob?seed=" + seed)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertArrayEquals(blob(seed), r.body());
        }
        waitForClosed();
        assertEquals(4, proxy.stats().total(), "one connection per request");
        assertEquals(0, proxy.stats().failed(), logs.toString());
        ConnectionLog last = logs.get(logs.size() - 1);
        assertEquals("http", last.protocol());
        assertEquals("127.0.0.1:" + originPort(), last.target());
        assertTrue(last.bytesDown() > SIZE && last.bytesUp() > 0, last.toString());
    }

    @Test
    void socks5WithDomainIpv4AndIpv6() throws Exception {
        try (Socket s = toProxy()) {
            assertEquals(0, socks(s, 3, "localhost".getBytes(StandardCharsets.US_ASCII), originPort()));
            assertArrayEquals(blob(3), getOverTunnel(s, 3));
        }
        try (Socket s = toProxy()) {
            assertEquals(0, socks(s, 1, new byte[] {127, 0, 0, 1}, originPort()));
            assertArrayEquals(blob(4), getOverTunnel(s, 4));
        }
        try (ServerSocket v6 = new ServerSocket()) {
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            Thread t = new Thread(() -> {
                try (Socket c = v6.accept()) {
                    c.getOutputStream().write("v6".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            try (Socket s = toProxy()) {
                assertEquals(0, socks(s, 4, InetAddress.getByName("::1").getAddress(), v6.getLocalPort()));
                assertEquals("v6", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
            t.join(10_000);
        } catch (java.net.SocketException noIpv6) {
            // this host has no IPv6 loopback: the IPv6 address type is still parsed by the refusal test below
        }
        // the JDK's own SOCKS client (it offers no-auth and user/password; sends the name unresolved)
        try (Socket s = new Socket(new java.net.Proxy(java.net.Proxy.Type.SOCKS,
                new InetSocketAddress("127.0.0.1", proxy.port())))) {
            s.connect(InetSocketAddress.createUnresolved("localhost", originPort()), 10_000);
            assertArrayEquals(blob(5), getOverTunnel(s, 5));
        }
    }

    @Test
    void twentyFourConcurrentTransfersArriveIntact() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port()))).build();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<Future<String>> sums = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                long seed = 100 + i;
                int kind = i % 3;
                sums.add(clients.submit(() -> {
                    byte[] body;
                    if (kind == 0) {
                        body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + originPort()
                                + "/blob?seed=" + seed)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                    } else if (kind == 1) {
                        try (Socket s = connectTunnel()) {
                            body = getOverTunnel(s, seed);
                        }
                    } else {
                        try (Socket s = toProxy()) {
                            assertEquals(0, socks(s, 3, "localhost".getBytes(StandardCharsets.US_ASCII),
                                    originPort()));
                            body = getOverTunnel(s, seed);
                        }
                    }
                    return sha256(body);
                }));
            }
            for (int i = 0; i < 24; i++) {
                assertEquals(sha256(blob(100 + i)), sums.get(i).get(60, TimeUnit.SECONDS), "transfer " + i);
            }
        } finally {
            clients.shutdownNow();
        }
        waitForClosed();
        ProxyStats st = proxy.stats();
        assertEquals(24, st.total());
        assertEquals(0, st.failed(), logs.toString());
        assertTrue(st.bytesDown() >= 24L * SIZE, st.toString());
        assertEquals(st.bytesDown(), logs.stream().mapToLong(ConnectionLog::bytesDown).sum(),
                "the per-connection counts add up to the total");
    }

    private String refusal(String request) throws IOException {
        try (Socket s = toProxy()) {
            send(s, request);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void refusalsAnswerWithTheirStatusOrReplyCode() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        assertTrue(refusal("HELLO\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request\r\n"));
        assertTrue(refusal("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 400 "),
                "origin form is no proxy request");
        assertTrue(refusal("GET ftp://127.0.0.1/ HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(refusal("CONNECT 127.0.0.1 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 400 "), "no port");
        assertTrue(refusal("GET http://127.0.0.1/ HTTP/1.1\r\nbroken header\r\n\r\n").startsWith("HTTP/1.1 400 "));
        assertTrue(refusal("GET http://x/ HTTP/1.1\r\nX: " + "a".repeat(70_000) + "\r\n\r\n")
                .startsWith("HTTP/1.1 431 "));
        String unreachable = refusal("CONNECT 127.0.0.1:" + closed + " HTTP/1.1\r\n\r\n");
        assertTrue(unreachable.startsWith("HTTP/1.1 502 Bad Gateway\r\n"), unreachable);
        assertTrue(unreachable.contains("connection to 127.0.0.1:" + closed + " refused"), unreachable);
        assertTrue(refusal("GET http://127.0.0.1:" + closed + "/ HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 502 "));
        assertTrue(refusal("GET http://no-such-host.invalid/ HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 502 "));

        try (Socket s = toProxy()) {
            assertEquals(0x05, socks(s, 1, new byte[] {127, 0, 0, 1}, closed), "connection refused");
        }
        try (Socket s = toProxy()) {
            assertEquals(0x04, socks(s, 3, "no-such-host.invalid".getBytes(StandardCharsets.US_ASCII), 80));
        }
        try (Socket s = toProxy()) {
            s.getOutputStream().write(new byte[] {5, 1, 0, 5, 2, 0, 1, 127, 0, 0, 1, 0, 80}); // BIND
            byte[] reply = s.getInputStream().readAllBytes();
            assertEquals(0x07, reply[3], "command not supported");
        }
        try (Socket s = toProxy()) {
            s.getOutputStream().write(new byte[] {5, 1, 0, 5, 1, 0, 9});
            byte[] reply = s.getInputStream().readAllBytes();
            assertEquals(0x08, reply[3], "address type not supported");
        }
        try (Socket s = toProxy()) {
            s.getOutputStream().write(new byte[] {5, 1, 2}); // user/password only
            assertArrayEquals(new byte[] {5, (byte) 0xFF}, s.getInputStream().readAllBytes());
        }
        waitForClosed();
        assertEquals(proxy.stats().total(), proxy.stats().failed(), "every one of them counts as failed");
        assertTrue(logs.stream().allMatch(l -> l.error() != null), logs.toString());
    }

    @Test
    void idleConnectionsAreClosedAndCloseEndsEverything() throws Exception {
        proxy.close();
        proxy = ProxyServer.start(new ProxyServer.Limits(4, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(1)), logs::add);
        try (Socket s = toProxy()) {
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "no request head in time");
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        }
        try (Socket s = connectTunnel()) {
            assertEquals(-1, s.getInputStream().read(), "the idle tunnel is closed");
        }
        waitForClosed();
        assertEquals(2, logs.size(), logs.toString());
        assertTrue(logs.get(1).error().startsWith("idle for 1 s"), logs.toString());

        List<Socket> tunnels = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tunnels.add(connectTunnel());
        }
        assertEquals(4, proxy.stats().open());
        int port = proxy.port();
        proxy.close();
        for (Socket s : tunnels) {
            assertEquals(-1, s.getInputStream().read(), "closing the proxy ends its connections");
            s.close();
        }
        assertEquals(0, proxy.stats().open());
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    private void waitForClosed() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (proxy.stats().open() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, proxy.stats().open());
        assertEquals(proxy.stats().total(), logs.size(), "every closed connection was logged");
    }
}
