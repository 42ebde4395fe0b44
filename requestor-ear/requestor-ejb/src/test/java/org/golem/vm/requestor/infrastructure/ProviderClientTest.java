package org.golem.vm.requestor.infrastructure;

import org.golem.vm.requestor.application.port.ProviderRefusedException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * A provider's refusal is only what the provider service says: while a provider restarts, Payara Micro answers
 * with pages of its own, and a 404 page must not read as "no such VM" (a delete would then drop a VM that exists).
 */
class ProviderClientTest {

    private HttpServer server;
    private volatile int status;
    private volatile String contentType;
    private volatile String body;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ProviderClient client() throws Exception {
        return new ProviderClient("http://127.0.0.1:" + server.getAddress().getPort(),
                Credentials.create(Keys.createEcKeyPair()));
    }

    @Test
    void theProvidersOwnNotFoundIsARefusal() throws Exception {
        answer(404, "application/json", "{\"detail\":{\"code\":\"VM_NOT_FOUND\",\"message\":\"no VM web1\"}}");
        ProviderRefusedException e = assertThrows(ProviderRefusedException.class,
                () -> client().send("DELETE", "vms/web1", null));
        assertEquals(404, e.status());
        assertEquals("VM_NOT_FOUND", e.code());
        assertEquals("no VM web1", e.getMessage());
    }

    @Test
    void payarasPagesWhileTheProviderDeploysAreNotRefusals() throws Exception {
        for (int s : new int[] {404, 503, 500}) {
            answer(s, "text/html", s == 500 ? "" : "<html><body><h1>HTTP Status " + s + "</h1></body></html>");
            IOException e = assertThrows(IOException.class, () -> client().send("DELETE", "vms/web1", null));
            assertFalse(e instanceof ProviderRefusedException, s + ": taken for the provider's answer");
            assertTrue(e.getMessage().contains("HTTP " + s + " without the provider's error body"), e.getMessage());
        }
    }

    private void answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }
}
