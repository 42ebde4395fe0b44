package org.golem.vm.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import org.golem.vm.common.net.IpLiteral;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static InetAddress ip(String s) {
        return IpLiteral.parse(s);
    }

    private static final ClientAddresses BEHIND_PROXIES =
            new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.10", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses direct = ClientAddresses.direct();
        assertEquals(ip("198.51.100.7"), direct.resolve(ip("198.51.100.7"), "1.1.1.1"));
        assertEquals(ip("10.0.0.1"), direct.resolve(ip("10.0.0.1"), "1.1.1.1"));
        assertEquals(ip("198.51.100.7"), direct.resolve(ip("198.51.100.7"), null));
        assertEquals("198.51.100.7", new ClientAddresses((String) null).resolve("198.51.100.7", "1.1.1.1"));
        assertEquals("198.51.100.7", new ClientAddresses(" ").resolve("198.51.100.7", "1.1.1.1"));
    }

    @Test
    void spoofedHeaderFromUntrustedPeerIsIgnored() {
        assertEquals(ip("203.0.113.50"), BEHIND_PROXIES.resolve(ip("203.0.113.50"), "1.1.1.1"));
        assertEquals(ip("203.0.113.50"), BEHIND_PROXIES.resolve(ip("203.0.113.50"), "1.1.1.1, 10.0.0.1"));
    }

    @Test
    void trustedPeerWithoutHeaderIsTheClient() {
        assertEquals(ip("10.0.0.1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), null));
        assertEquals(ip("10.0.0.1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "  "));
    }

    @Test
    void rightMostUntrustedEntryIsTheClient() {
        // client prepended a fake entry; proxy appended the real client
        assertEquals(ip("203.0.113.50"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "1.1.1.1, 203.0.113.50"));
        // two trusted proxies in a chain
        assertEquals(ip("203.0.113.50"),
                BEHIND_PROXIES.resolve(ip("10.0.0.1"), "1.1.1.1,203.0.113.50 , 192.0.2.10,10.9.9.9"));
        // IPv6 client and IPv6 proxy
        assertEquals(ip("2a00:1450::1"), BEHIND_PROXIES.resolve(ip("fd00::5"), "2a00:1450::1"));
    }

    @Test
    void allTrustedGivesLeftMost() {
        assertEquals(ip("10.1.1.1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "10.1.1.1, 10.2.2.2"));
    }

    @Test
    void garbageStopsTheWalkAtTheLastTrustedHop() {
        assertEquals(ip("10.0.0.1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "1.1.1.1, unknown"));
        assertEquals(ip("10.2.2.2"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "1.1.1.1, evil.example, 10.2.2.2"));
        assertEquals(ip("10.0.0.1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "1.1.1.1,"));
    }

    @Test
    void entriesWithPortsAndBrackets() {
        assertEquals(ip("203.0.113.50"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "203.0.113.50:4711"));
        assertEquals(ip("2a00:1450::1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "[2a00:1450::1]:4711"));
        assertEquals(ip("2a00:1450::1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "[2a00:1450::1]"));
        assertEquals(ip("10.0.0.1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "[2a00:1450::1]x"));
        assertEquals(ip("10.0.0.1"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "203.0.113.50:port"));
    }

    @Test
    void ipv4MappedPeerCountsAsIpv4() {
        assertEquals(ip("203.0.113.50"), BEHIND_PROXIES.resolve(ip("::ffff:10.0.0.1"), "203.0.113.50"));
        assertEquals(ip("203.0.113.50"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "::ffff:203.0.113.50"));
    }

    @Test
    void onlyTheLastEntriesAreExamined() {
        String many = String.join(",", Collections.nCopies(ClientAddresses.MAX_ENTRIES + 10, "10.3.3.3"));
        assertEquals(ip("10.3.3.3"), BEHIND_PROXIES.resolve(ip("10.0.0.1"), "1.1.1.1," + many));
    }

    @Test
    void textFormAsTheFiltersUseIt() {
        ClientAddresses fromSetting = new ClientAddresses("10.0.0.0/8, ::1");
        assertEquals("203.0.113.50", fromSetting.resolve("10.0.0.1", "203.0.113.50"));
        assertEquals("203.0.113.50", fromSetting.resolve("0:0:0:0:0:0:0:1", "203.0.113.50"));
        assertEquals("10.0.0.1", fromSetting.resolve("::ffff:10.0.0.1", null), "canonical form");
        assertEquals("not-an-ip", fromSetting.resolve("not-an-ip", "203.0.113.50"), "kept as given");
        assertTrue(fromSetting.isTrusted("10.200.0.1"));
        assertFalse(fromSetting.isTrusted("11.0.0.1"));
        assertFalse(fromSetting.isTrusted("proxy.local"));
        assertFalse(fromSetting.isTrusted((String) null));
        assertEquals(2, fromSetting.trustedProxies().size());
    }

    @Test
    void badTrustedProxyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("proxy.local")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses("10.0.0.1/8"), "host bits set");
    }
}
