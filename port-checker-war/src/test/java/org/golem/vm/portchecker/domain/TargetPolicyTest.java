package org.golem.vm.portchecker.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.rest.DomainExceptionMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {

    private static final TargetPolicy PUBLIC_ONLY_ANY_CALLER = new TargetPolicy(false, false);
    private static final TargetPolicy PRIVATE_OK_ANY_CALLER = new TargetPolicy(true, false);

    private static InetAddress ip(String s) {
        return IpLiteral.parse(s);
    }

    @ParameterizedTest
    @CsvSource({
        // RFC 1918 and IPv6 unique-local / site-local
        "10.0.0.0, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.254, PRIVATE",
        "192.168.1.100, PRIVATE", "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
        "64:ff9b:1::1, PRIVATE",
        // loopback
        "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
        // link-local
        "169.254.0.1, LINK_LOCAL", "169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
        // CGNAT
        "100.64.0.1, SHARED", "100.127.255.254, SHARED",
        // reserved / documentation / benchmarking
        "0.1.2.3, RESERVED", "192.0.0.8, RESERVED", "192.0.2.1, RESERVED", "198.18.0.1, RESERVED",
        "198.19.255.255, RESERVED", "198.51.100.1, RESERVED", "203.0.113.1, RESERVED", "240.0.0.1, RESERVED",
        "255.255.255.254, RESERVED", "2001:db8::1, RESERVED", "3fff::1, RESERVED", "100::1, RESERVED",
        "::2, RESERVED", "::1.2.3.4, RESERVED",
        // never unicast
        "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED", "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST",
        "ff02::1, MULTICAST", "ff0e::1, MULTICAST", "255.255.255.255, BROADCAST",
        // IPv4-mapped (parsed as IPv4), NAT64 and 6to4 forms of refused IPv4 addresses
        "::ffff:127.0.0.1, LOOPBACK", "::ffff:10.0.0.1, PRIVATE", "::ffff:169.254.1.1, LINK_LOCAL",
        "::ffff:100.64.0.1, SHARED", "::ffff:0.0.0.0, UNSPECIFIED", "::ffff:224.0.0.1, MULTICAST",
        "64:ff9b::127.0.0.1, LOOPBACK", "64:ff9b::192.168.0.1, PRIVATE", "2002:7f00:1::1, LOOPBACK",
        "2002:c0a8:101::1, PRIVATE",
    })
    void classifiesNonPublicRanges(String address, AddressCategory expected) {
        assertEquals(expected, AddressCategory.classify(ip(address)));
        PortCheckException e = assertThrows(PortCheckException.class,
                () -> PUBLIC_ONLY_ANY_CALLER.check(ip(address), ip(address)));
        assertEquals(PortCheckErrorCode.TARGET_NOT_ALLOWED, e.errorCode());
        assertEquals(403, DomainExceptionMapper.status(e.refusal()));
        assertTrue(e.getMessage().contains(expected.description()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.255.255",
        "172.32.0.0", "192.167.255.255", "192.169.0.0", "169.253.255.255", "126.255.255.255", "128.0.0.1",
        "198.17.255.255", "198.20.0.0", "223.255.255.255", "2001:4860:4860::8888", "2a00:1450::1",
        "::ffff:1.1.1.1", "64:ff9b::1.1.1.1", "2002:101:101::1", "fbff::1", "fe7f::1"})
    void publicAddressesAreAllowed(String address) {
        assertEquals(AddressCategory.PUBLIC, AddressCategory.classify(ip(address)));
        assertDoesNotThrow(() -> PUBLIC_ONLY_ANY_CALLER.check(ip(address), ip("9.9.9.9")));
        assertDoesNotThrow(() -> TargetPolicy.strict().check(ip(address), ip(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "172.16.0.1", "192.168.1.100", "fc00::1", "127.0.0.1", "::1",
        "169.254.0.1", "fe80::1", "100.64.0.1", "192.0.2.1", "240.0.0.1", "::ffff:127.0.0.1"})
    void nonPublicUnicastIsAllowedWithAllowPrivateTargets(String address) {
        assertDoesNotThrow(() -> PRIVATE_OK_ANY_CALLER.check(ip(address), ip("9.9.9.9")));
        assertDoesNotThrow(() -> new TargetPolicy(true, true).check(ip(address), ip(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "224.0.0.1", "ff02::1", "255.255.255.255", "::ffff:0.0.0.0"})
    void unspecifiedMulticastAndBroadcastAreRefusedEvenWithAllowPrivateTargets(String address) {
        PortCheckException e = assertThrows(PortCheckException.class,
                () -> PRIVATE_OK_ANY_CALLER.check(ip(address), ip(address)));
        assertEquals(PortCheckErrorCode.TARGET_NOT_ALLOWED, e.errorCode());
    }

    @Test
    void strictPolicyOnlyAllowsTheCallersOwnAddress() {
        TargetPolicy strict = TargetPolicy.strict();
        assertDoesNotThrow(() -> strict.check(ip("1.1.1.1"), ip("1.1.1.1")));
        assertDoesNotThrow(() -> strict.check(ip("::ffff:1.1.1.1"), ip("1.1.1.1")));
        assertDoesNotThrow(() -> strict.check(ip("2a00:1450::1"), ip("2a00:1450:0:0:0:0:0:1")));
        PortCheckException e = assertThrows(PortCheckException.class,
                () -> strict.check(ip("1.1.1.1"), ip("1.1.1.2")));
        assertEquals(PortCheckErrorCode.TARGET_NOT_ALLOWED, e.errorCode());
        assertTrue(e.getMessage().contains("own address"), e.getMessage());
        assertThrows(PortCheckException.class, () -> strict.check(ip("2a00:1450::1"), ip("2a00:1450::2")));
        // own-address rule applies with private targets allowed, too
        assertThrows(PortCheckException.class,
                () -> new TargetPolicy(true, true).check(ip("127.0.0.1"), ip("127.0.0.2")));
        // and a private caller may not check its own private address by default
        assertThrows(PortCheckException.class, () -> strict.check(ip("10.0.0.1"), ip("10.0.0.1")));
    }

    @Test
    void defaultPolicyIsStrict() {
        assertEquals(new TargetPolicy(false, true), TargetPolicy.strict());
    }
}
