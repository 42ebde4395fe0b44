package org.golem.vm.portchecker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PortCheckerConfigTest {

    private static PortCheckerSettings read(Map<String, String> values) {
        return PortCheckerConfig.read(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void nothingSetGivesTheDefaults() {
        assertEquals(PortCheckerSettings.defaults(), read(Map.of()));
    }

    @Test
    void theWarsDefaultsFileSaysTheSameAsTheCode() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            props.load(in);
        }
        assertEquals(PortCheckerSettings.defaults(), PortCheckerConfig.read(
                name -> Optional.ofNullable(props.getProperty(name))));
        for (String name : props.stringPropertyNames()) {
            assertTrue(PortCheckerConfig.NAMES.contains(name), "unknown name in the defaults file: " + name);
        }
    }

    @Test
    void everyNameIsRead() {
        Map<String, String> v = new HashMap<>();
        v.put("PORT_CHECKER_HOST", "127.0.0.1");
        v.put("PORT_CHECKER_PORT", "9100");
        v.put("PORT_CHECK_RETRIES", "2");
        v.put("PORT_CHECK_RETRY_DELAY", "0.25");
        v.put("PORT_CHECK_TIMEOUT", " 1.5 ");
        v.put("PORT_CHECKER_DEBUG", "TRUE");
        v.put("PORT_CHECKER_MAX_PORTS", "10");
        v.put("PORT_CHECKER_MAX_CONCURRENT_CHECKS", "20");
        v.put("PORT_CHECKER_RATE_LIMIT_PER_MINUTE", "0");
        v.put("PORT_CHECKER_ALLOW_PRIVATE_TARGETS", "yes");
        v.put("PORT_CHECKER_ONLY_OWN_ADDRESS", "0");
        v.put("PORT_CHECKER_TRUSTED_PROXIES", " 10.0.0.0/8, ,::1 ");
        assertEquals(PortCheckerConfig.NAMES.size(), v.size());
        PortCheckerSettings s = read(v);
        assertEquals(new PortCheckerSettings("127.0.0.1", 9100, 2, 0.25, 1.5, true, 10, 20, 0, true, false,
                List.of("10.0.0.0/8", "::1")), s);
    }

    @Test
    void blankCountsAsUnset() {
        assertEquals(9000, read(Map.of("PORT_CHECKER_PORT", "  ")).port());
        assertFalse(read(Map.of("PORT_CHECKER_ALLOW_PRIVATE_TARGETS", "")).allowPrivateTargets());
    }

    @Test
    void badValuesNameTheVariable() {
        Map<String, String> bad = Map.of(
                "PORT_CHECKER_PORT", "nine thousand",
                "PORT_CHECK_RETRIES", "2.5",
                "PORT_CHECK_TIMEOUT", "5s",
                "PORT_CHECK_RETRY_DELAY", "NaN",
                "PORT_CHECKER_DEBUG", "maybe",
                "PORT_CHECKER_MAX_PORTS", "",
                "PORT_CHECKER_TRUSTED_PROXIES", "proxy.local");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> read(Map.of(e.getKey(),
                    e.getValue())), e.toString());
            assertTrue(x.getMessage().contains(e.getKey()) || x.getMessage().contains("trustedProxies"),
                    x.getMessage());
        }
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> read(Map.of("PORT_CHECKER_PORT", "70000")));
        assertTrue(range.getMessage().startsWith("port checker settings: port must be 1..65535"), range.getMessage());
    }
}
