package org.golem.vm.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void containsByPrefix() {
        Cidr block = Cidr.parse("10.0.0.0/8");
        assertTrue(block.contains(IpLiteral.parse("10.255.1.2")));
        assertFalse(block.contains(IpLiteral.parse("11.0.0.0")));
        assertFalse(block.contains(IpLiteral.parse("::ffff:11.0.0.0")));
        assertTrue(block.contains(IpLiteral.parse("::ffff:10.0.0.1")));
        assertFalse(block.contains(IpLiteral.parse("a00::1")), "IPv6 never matches an IPv4 block");
        assertTrue(Cidr.parse("172.16.0.0/12").contains(IpLiteral.parse("172.31.255.255")));
        assertFalse(Cidr.parse("172.16.0.0/12").contains(IpLiteral.parse("172.32.0.0")));
        assertTrue(Cidr.parse("fc00::/7").contains(IpLiteral.parse("fdff::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(IpLiteral.parse("8.8.8.8")));
        assertFalse(block.contains(null));
    }

    @Test
    void singleAddressIsFullPrefix() {
        Cidr one = Cidr.parse(" 192.0.2.1 ");
        assertEquals(32, one.prefixLength());
        assertTrue(one.contains(IpLiteral.parse("192.0.2.1")));
        assertFalse(one.contains(IpLiteral.parse("192.0.2.2")));
        assertEquals(128, Cidr.parse("::1").prefixLength());
        assertEquals("2001:db8:0:0:0:0:0:0/32", Cidr.parse("2001:db8::/32").toString());
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "::/129", "10.1.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/a",
        "example.com/8", "10.0.0.0/8/8", "fe80::%eth0/64"})
    void refusesBadBlocks(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }
}
