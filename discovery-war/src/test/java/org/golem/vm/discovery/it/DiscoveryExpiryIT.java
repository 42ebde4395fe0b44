package org.golem.vm.discovery.it;

import static org.golem.vm.discovery.it.Discovery.ad;
import static org.golem.vm.discovery.it.Discovery.code;
import static org.golem.vm.discovery.it.Discovery.id;
import static org.golem.vm.discovery.it.Discovery.json;
import static org.golem.vm.discovery.it.Discovery.newProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.Map;
import org.golem.vm.common.http.GolemHttpClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/**
 * Expiry with a short configured window (3 s; the original ignored its setting): an advertisement not refreshed
 * disappears from the list AND the single read, a refreshed one stays, and the purge timer deletes the expired row
 * (a later publish starts a new record, with a new created_at).
 */
@ExtendWith(ArquillianExtension.class)
class DiscoveryExpiryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DiscoveryDeployments.war(Map.of(
                "golem.discovery.advertisement-expiry-seconds", "3",
                "golem.discovery.cleanup-interval-seconds", "1",
                "golem.discovery.rate-limit-per-minute", "0"));
    }

    @ArquillianResource
    URL url;

    @Test
    void unrefreshedAdvertisementDisappearsFromEveryReadAndIsPurged() throws Exception {
        Discovery discovery = new Discovery(url);
        Credentials stale = newProvider();
        Credentials fresh = newProvider();
        GolemHttpClient.Reply published = discovery.publish(stale, ad("SE", "x86_64", 2, 2, 20, "1", "1", "0.1"));
        assertEquals(200, published.status(), published.body());
        JsonNode first = json(published);
        GolemHttpClient.Reply read = discovery.get("api/v1/advertisements/" + id(stale));
        assertEquals(200, read.status(), read.body());
        assertTrue(listed(discovery, stale));

        long deadline = System.currentTimeMillis() + 20_000;
        int i = 0;
        while (System.currentTimeMillis() < deadline && listed(discovery, stale)) {
            // keep `fresh` refreshed every ~1 s while `stale` ages out
            assertEquals(200, discovery.publish(fresh, ad("SE", "x86_64", 2, 2, 20 + i++, "1", "1", "0.1")).status());
            Thread.sleep(1000);
        }
        assertTrue(!listed(discovery, stale), "stale advertisement still listed after 20 s with a 3 s expiry");
        assertEquals("ADV_004", code(discovery.get("api/v1/advertisements/" + id(stale))),
                "the single read hides expired advertisements too");
        assertTrue(listed(discovery, fresh), "a refreshed advertisement stays");
        assertEquals(200, discovery.get("api/v1/advertisements/" + id(fresh)).status());

        Thread.sleep(2500); // more than one purge interval: the expired row is deleted
        GolemHttpClient.Reply again = discovery.publish(stale, ad("SE", "x86_64", 2, 2, 21, "1", "1", "0.1"));
        assertEquals(200, again.status());
        assertNotEquals(first.get("created_at"), json(again).get("created_at"), "purged: a new record was created");
    }

    private static boolean listed(Discovery discovery, Credentials p) throws Exception {
        for (JsonNode n : json(discovery.get("api/v1/advertisements?limit=1000"))) {
            if (n.get("provider_id").asText().equals(id(p))) {
                return true;
            }
        }
        return false;
    }
}
