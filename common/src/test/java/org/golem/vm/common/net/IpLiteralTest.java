package org.golem.vm.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
        "1.2.3.4, 1.2.3.4",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "203.0.113.7, 203.0.113.7",
        "10.0.0.1, 10.0.0.1",
    })
    void parsesIpv4(String text, String expected) {
        InetAddress a = IpLiteral.parse(text);
        assertInstanceOf(Inet4Address.class, a);
        assertEquals(expected, IpLiteral.format(a));
    }

    @ParameterizedTest
    @CsvSource({
        "::1, 0:0:0:0:0:0:0:1",
        "::, 0:0:0:0:0:0:0:0",
        "2001:db8::1, 2001:db8:0:0:0:0:0:1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8:0:0:0:0:0:1",
        "fe80::1, fe80:0:0:0:0:0:0:1",
        "64:ff9b::1.2.3.4, 64:ff9b:0:0:0:0:102:304",
    })
    void parsesIpv6(String text, String expected) {
        InetAddress a = IpLiteral.parse(text);
        assertInstanceOf(Inet6Address.class, a);
        assertEquals(expected, IpLiteral.format(a));
    }

    @Test
    void ipv4MappedIpv6BecomesIpv4() {
        assertEquals(IpLiteral.parse("10.1.2.3"), IpLiteral.parse("::ffff:10.1.2.3"));
        assertInstanceOf(Inet4Address.class, IpLiteral.parse("::ffff:a01:203"));
        assertEquals("10.1.2.3", IpLiteral.format(IpLiteral.parse("::FFFF:a01:203")));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        // host names: never resolved
        "localhost", "example.com", "provider.golem.network", "a", "cafe", "deadbeef", "abc.def",
        // malformed IPv4
        "1.2.3.256", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.-4", "-1.2.3.4",
        "127.1", "0x7f.0.0.1", "2130706433", "01.2.3.4", "1.2.3.04", "1.2.3.4/32", "1.2.3.4:80", "1,2,3,4",
        "1.2.3.4 ", " 1.2.3.4", "\t1.2.3.4", "1.2.3.4\n", "1.2.3.1234", "١.٢.٣.٤",
        // malformed IPv6
        "2001:db8::1::2", ":::", "1:2:3:4:5:6:7:8:9", "12345::1", "g::1", "2001:db8::g", "::1 ", "[::1]", "[::1]:80",
        "::ffff:1.2.3.256", "::ffff:01.2.3.4", "1.2.3.4::", ".::1", "::1/128",
        // zone ids
        "fe80::1%eth0", "fe80::1%1", "::1%lo", "fe80::1%25eth0",
        // too long
        "0000:0000:0000:0000:0000:0000:0000:0000:0000",
    })
    void refusesEverythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpLiteral.parse(text));
        assertTrue(IpLiteral.tryParse(text).isEmpty());
    }

    @Test
    void errorMessageQuotesInputSafely() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpLiteral.parse("evil\u0000host" + "x".repeat(100)));
        assertTrue(e.getMessage().startsWith("not an IP address literal: 'evil?host"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertEquals("abc?" + "x".repeat(60) + "...", IpLiteral.printable("abc\n" + "x".repeat(100)));
        assertEquals("short", IpLiteral.printable("short"));
    }

    @Test
    void ipv4MappedBytes() {
        assertTrue(IpLiteral.isIpv4Mapped(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4}));
        assertFalse(IpLiteral.isIpv4Mapped(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, 1, 2, 3, 4}));
        assertFalse(IpLiteral.isIpv4Mapped(new byte[] {1, 2, 3, 4}));
    }

    @Test
    void canonicalDropsMappingAndScope() throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4}, -1);
        assertInstanceOf(Inet6Address.class, mapped);
        assertEquals(InetAddress.getByAddress(new byte[] {1, 2, 3, 4}), IpLiteral.canonical(mapped));
        InetAddress scoped = Inet6Address.getByAddress(null, IpLiteral.parse("fe80::1").getAddress(), 3);
        assertEquals("fe80:0:0:0:0:0:0:1", IpLiteral.format(IpLiteral.canonical(scoped)));
        assertEquals("fe80:0:0:0:0:0:0:1", IpLiteral.format(scoped));
    }
}
