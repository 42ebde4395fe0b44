package org.golem.vm.portchecker.it;

import static org.golem.vm.portchecker.it.PortCheckerApi.code;
import static org.golem.vm.portchecker.it.PortCheckerApi.json;
import static org.golem.vm.portchecker.it.PortCheckerApi.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.portchecker.domain.AddressCategory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production policy on a real Payara Micro: private, loopback and reserved targets refused (the default), the
 * per-client rate limit (20 per minute here) with {@code Retry-After}, and {@code X-Forwarded-For} believed only
 * from the configured trusted proxy (127.0.0.1 here, standing in for a reverse proxy on this host). Every target in
 * this class is refused before anything is probed, except the machine's own interface address should it ever be
 * public.
 */
@ExtendWith(ArquillianExtension.class)
class PortCheckerPolicyIT {

    private static final int PER_MINUTE = 20;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortCheckerDeployments.war(Map.of(
                "PORT_CHECKER_RATE_LIMIT_PER_MINUTE", String.valueOf(PER_MINUTE),
                "PORT_CHECKER_TRUSTED_PROXIES", "127.0.0.1"));
    }

    @ArquillianResource
    URL url;

    @Test
    void loopbackAndReservedTargetsAreRefusedByDefault() throws Exception {
        PortCheckerApi loopback = PortCheckerApi.viaLoopback(url);
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // the caller's own address, but loopback: refused without private targets allowed
            GolemHttpClient.Reply r = loopback.check("127.0.0.1", List.of(open.getLocalPort()));
            assertEquals(403, r.status(), r.body());
            assertEquals("TARGET_NOT_ALLOWED", code(r));
            assertTrue(message(r).contains("loopback address"), message(r));
        }
        // a trusted proxy says the client is 192.0.2.77 (documentation range): its own address, but reserved
        GolemHttpClient.Reply reserved = loopback.check("192.0.2.77", List.of(22), "X-Forwarded-For", "192.0.2.77");
        assertEquals(403, reserved.status(), reserved.body());
        assertTrue(message(reserved).contains("reserved address"), message(reserved));

        // this machine's interface address, checked by itself: refused unless it is a public address
        PortCheckerApi external = PortCheckerApi.via(url);
        InetAddress own = external.callerAddress();
        AddressCategory category = AddressCategory.classify(own);
        if (category != AddressCategory.PUBLIC) {
            GolemHttpClient.Reply self = external.check(own.getHostAddress(), List.of(url.getPort()));
            assertEquals(403, self.status(), self.body());
            assertTrue(message(self).contains(category.description()), message(self));
        }
    }

    @Test
    void rateLimitPerClientWithRetryAfterAndTrustedForwarding() throws Exception {
        PortCheckerApi proxy = PortCheckerApi.viaLoopback(url); // the trusted proxy
        for (int i = 0; i < PER_MINUTE; i++) {
            GolemHttpClient.Reply r = proxy.check("192.0.2.77", List.of(22), "X-Forwarded-For", "198.51.100.77");
            assertNotEquals(429, r.status(), "request " + (i + 1) + ": " + r.body());
        }
        GolemHttpClient.Reply limited = proxy.check("192.0.2.77", List.of(22), "X-Forwarded-For", "198.51.100.77");
        assertEquals(429, limited.status(), limited.body());
        assertEquals("RATE_LIMITED", code(limited));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60 / PER_MINUTE, "Retry-After " + retryAfter);
        // malformed requests are limited too (the limit applies before the body is read)
        assertEquals(429, proxy.checkRaw("{bad", "X-Forwarded-For", "198.51.100.77").status());

        // another client behind the same proxy has its own budget
        GolemHttpClient.Reply other = proxy.check("192.0.2.77", List.of(22), "X-Forwarded-For", "198.51.100.78");
        assertEquals(403, other.status(), other.body());
        // health is never limited
        assertEquals(200, proxy.get("health").status());
        assertEquals(200, proxy.get("health/ready").status());
    }

    @Test
    void forwardedForFromAnUntrustedPeerBuysNoFreshBudget() throws Exception {
        PortCheckerApi external = PortCheckerApi.via(url); // this machine's interface address: not a trusted proxy
        for (int i = 0; i <= PER_MINUTE + 1; i++) {
            GolemHttpClient.Reply r = external.check("192.0.2.77", List.of(22),
                    "X-Forwarded-For", "203.0.113." + (i + 1));
            if (r.status() == 429) {
                assertEquals("RATE_LIMITED", code(r));
                assertTrue(Long.parseLong(r.header("Retry-After")) >= 1);
                assertEquals("ok", json(external.get("health")).get("status").asText(), "health stays reachable");
                return;
            }
            assertEquals(403, r.status(), r.body());
        }
        fail("a different X-Forwarded-For on every request must not escape the peer's limit of " + PER_MINUTE);
    }
}
