package org.golem.vm.portchecker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.portchecker.domain.TargetPolicy;
import org.junit.jupiter.api.Test;

class PortCheckerSettingsTest {

    @Test
    void defaultsAreTheSeeds() {
        PortCheckerSettings s = PortCheckerSettings.defaults();
        assertEquals("0.0.0.0", s.host());
        assertEquals(9000, s.port());
        assertEquals(3, s.retries());
        assertEquals(1.0, s.retryDelaySeconds());
        assertEquals(5.0, s.timeoutSeconds());
        assertFalse(s.debug());
        assertEquals(100, s.maxPortsPerRequest());
        assertTrue(s.maxConcurrentChecks() >= s.maxPortsPerRequest(), "one request runs fully in parallel");
        assertEquals(30, s.rateLimitPerMinute());
        assertFalse(s.allowPrivateTargets());
        assertTrue(s.onlyOwnAddress());
        assertEquals(List.of(), s.trustedProxies());
        assertEquals(TargetPolicy.strict(), s.targetPolicy());
        assertEquals(Duration.ofSeconds(17), s.worstCasePerPort(), "3 x 5 s + 2 x 1 s, as the spec says");
    }

    @Test
    void fractionalSeconds() {
        PortCheckerSettings s = PortCheckerSettings.builder().retries(2).timeoutSeconds(0.3).retryDelaySeconds(0.1)
                .build();
        assertEquals(300, s.timeoutMillis());
        assertEquals(Duration.ofMillis(100), s.retryDelay());
        assertEquals(Duration.ofMillis(700), s.worstCasePerPort());
        assertEquals(1, s.toBuilder().timeoutSeconds(0.0001).build().timeoutMillis());
        assertEquals(s, s.toBuilder().build());
    }

    @Test
    void trustedProxiesFeedTheClientAddresses() {
        PortCheckerSettings s = PortCheckerSettings.builder().trustedProxies(List.of("10.0.0.0/8")).build();
        assertEquals(IpLiteral.parse("1.1.1.1"),
                s.clientAddresses().resolve(IpLiteral.parse("10.0.0.1"), "1.1.1.1"));
    }

    @Test
    void refusesBadValues() {
        List<UnaryOperator<PortCheckerSettings.Builder>> bad = List.of(
                b -> b.host(" "),
                b -> b.port(0), b -> b.port(65536),
                b -> b.retries(0), b -> b.retries(11),
                b -> b.retryDelaySeconds(-0.1), b -> b.retryDelaySeconds(Double.NaN), b -> b.retryDelaySeconds(61),
                b -> b.timeoutSeconds(0), b -> b.timeoutSeconds(-1), b -> b.timeoutSeconds(Double.POSITIVE_INFINITY),
                b -> b.timeoutSeconds(61),
                b -> b.maxPortsPerRequest(0), b -> b.maxConcurrentChecks(0), b -> b.maxConcurrentChecks(5000),
                b -> b.rateLimitPerMinute(-1),
                b -> b.trustedProxies(List.of("not-an-ip")), b -> b.trustedProxies(List.of("10.0.0.1/8")));
        for (UnaryOperator<PortCheckerSettings.Builder> change : bad) {
            assertThrows(IllegalArgumentException.class, () -> change.apply(PortCheckerSettings.builder()).build());
        }
        assertThrows(NullPointerException.class, () -> PortCheckerSettings.builder().host(null).build());
    }
}
