package org.golem.vm.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import org.golem.vm.common.http.GolemHttpClient;
import org.junit.jupiter.api.Test;

/** What a person reads when a service cannot be reached, from real sockets on loopback. */
class IoFailuresTest {

    private static final GolemHttpClient HTTP = new GolemHttpClient(null, java.time.Clock.systemUTC(),
            Duration.ofSeconds(5));

    @Test
    void aRefusedConnectionSaysSoWhereTheJdkSaysNull() throws IOException {
        int closed = closedPort();
        IOException e = assertThrows(IOException.class,
                () -> HTTP.send("GET", URI.create("http://127.0.0.1:" + closed + "/api/v1/vms"), null));
        // the JDK's own message is what users used to see: "cannot be reached: null"
        assertTrue(e instanceof ConnectException, e.toString());
        assertNull(e.getMessage());
        assertEquals("connection refused", IoFailures.describe(e));
        assertEquals("connection refused", IoFailures.describe(new IOException("provider call", e)));
    }

    @Test
    void aServerDyingBeforeItAnswersSaysTheConnectionClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread dies = new Thread(() -> {
                // the request arrives, then the "provider" is killed; twice, as the JDK retries a GET once
                for (int i = 0; i < 2; i++) {
                    try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                        in.read(new byte[1024]);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            dies.start();
            IOException e = assertThrows(IOException.class, () -> HTTP.send("GET",
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/vms/x"), null));
            dies.join(5000);
            assertEquals("the connection closed before an answer came", IoFailures.describe(e), e.toString());
        }
    }

    @Test
    void otherFailuresKeepTheirOwnWords() {
        assertEquals("unknown host nosuch.invalid", IoFailures.describe(new UnknownHostException("nosuch.invalid")));
        assertEquals("/data/key (Permission denied)",
                IoFailures.describe(new IOException(new FileNotFoundException("/data/key (Permission denied)"))));
        assertEquals("NullPointerException", IoFailures.describe(new NullPointerException()));
        ConnectException okHttp = new ConnectException("Failed to connect to /127.0.0.1:1");
        okHttp.initCause(new ConnectException("Connection refused"));
        assertEquals("connection refused", IoFailures.describe(okHttp), "OkHttp's wrapper (web3j) names its cause");
    }

    @Test
    void aClientResettingWhileTheServerWritesIsADisconnect() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket();
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            try (Socket served = server.accept()) {
                client.setSoLinger(true, 0);
                client.close(); // a reset
                IOException e = assertThrows(IOException.class, () -> {
                    OutputStream out = served.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 1000; i++) {
                        out.write(chunk);
                        out.flush();
                    }
                });
                assertTrue(IoFailures.isClientDisconnect(e), e.toString());
                assertTrue(IoFailures.isClientDisconnect(new java.io.UncheckedIOException(new IOException(
                        "Connection is closed", e))), "Grizzly's wrapper");
            }
        }
        assertFalse(IoFailures.isClientDisconnect(new IOException("No space left on device")));
        assertFalse(IoFailures.isClientDisconnect(new IllegalStateException("boom")));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
