package org.golem.vm.discovery.it;

import static org.golem.vm.discovery.it.Discovery.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.golem.vm.common.http.GolemHttpClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-client rate limit (5 per minute here): the sixth request is 429 {@code RATE_001} with a
 * {@code Retry-After} in whole seconds (the original's 429 crashed into a 500); an {@code X-Forwarded-For} from a
 * client that is not a trusted proxy does not buy a fresh budget.
 */
@ExtendWith(ArquillianExtension.class)
class DiscoveryRateLimitIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DiscoveryDeployments.war(Map.of("golem.discovery.rate-limit-per-minute", "5"));
    }

    @ArquillianResource
    URL url;

    @Test
    void sixthRequestInAMinuteIs429WithRetryAfterAndSpoofedForwardingDoesNotHelp() throws Exception {
        Discovery discovery = new Discovery(url);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, discovery.get("api/v1/advertisements").status(), "request " + (i + 1));
        }
        GolemHttpClient.Reply limited = discovery.get("api/v1/advertisements");
        assertEquals(429, limited.status(), limited.body());
        assertEquals("RATE_001", code(limited));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);

        var spoofed = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(discovery.base.resolve("api/v1/advertisements"))
                        .header("X-Forwarded-For", "198.51.100.23").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(429, spoofed.statusCode(), "X-Forwarded-For from an untrusted peer is ignored");

        URI root = URI.create(discovery.base.getScheme() + "://" + discovery.base.getAuthority() + "/");
        assertEquals(200, new GolemHttpClient(null).send("GET", root.resolve("health/live"), null).status(),
                "health stays reachable for orchestrators");
    }
}
