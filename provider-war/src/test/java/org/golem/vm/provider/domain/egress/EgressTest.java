package org.golem.vm.provider.domain.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of {@code GOLEM_PROVIDER_EGRESS} and {@code GOLEM_PROVIDER_EGRESS_ALLOW}. */
class EgressTest {

    @Test
    void policiesByName() {
        assertEquals(Egress.Mode.OPEN, Egress.parse("open", null).mode());
        assertEquals(Egress.Mode.NONE, Egress.parse(" NONE ", "").mode());
        Egress allow = Egress.parse("allow-list", "deb.debian.org:80, 192.0.2.7 ,203.0.113.0/24:443,,");
        assertEquals(Egress.Mode.ALLOW_LIST, allow.mode());
        assertEquals(List.of("deb.debian.org:80", "192.0.2.7/32", "203.0.113.0/24:443"),
                allow.allow().stream().map(EgressRule::toString).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "closed|''|egress policy must be open, none or allow-list",
            "''|''|egress policy must be open, none or allow-list",
            "allow-list|''|needs at least one destination",
            "allow-list|' , '|needs at least one destination",
            "none|192.0.2.1|only used with the policy allow-list",
            "open|example.org|only used with the policy allow-list",
            "allow-list|example.org:0|bad egress destination 'example.org:0'",
            "allow-list|192.0.2.1,bad_host|bad egress destination 'bad_host'"})
    void badSettingsAreNamed(String policy, String allow, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Egress.parse(policy, allow));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.org|example.org||0|0",
            "Example.ORG.:8000-8100|example.org||8000|8100",
            "localhost:22|localhost||22|22",
            "192.0.2.7|||0|0",
            "10.0.0.0/8:53|||53|53",
            "2001:db8::1|||0|0",
            "[2001:db8::/32]:443|||443|443",
            "[::1]|||0|0"})
    void destinations(String text, String host, String unused, int from, int to) {
        EgressRule r = EgressRule.parse(text);
        if (host == null) {
            assertNull(r.host());
            assertTrue(r.block() != null);
        } else {
            assertEquals(host, r.host());
        }
        assertEquals(from, r.portFrom());
        assertEquals(to, r.portTo());
        assertEquals(r, EgressRule.parse(r.toString()), "the canonical text parses back: " + r);
    }

    @Test
    void canonicalText() { // addresses as common.net.Cidr writes them (IPv6 uncompressed)
        assertEquals("[2001:db8:0:0:0:0:0:0/32]:443", EgressRule.parse("[2001:db8::/32]:443").toString());
        assertEquals("2001:db8:0:0:0:0:0:1/128", EgressRule.parse("2001:db8::1").toString());
        assertEquals("192.0.2.0/24:80-81", EgressRule.parse("192.0.2.0/24:80-81").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ":80", "example.org:", "example.org:http", "example.org:70000",
            "example.org:90-80", "example.org:0-10", "10.1.0.0/8", "192.0.2.1/33", "300.1.2.3", "[2001:db8::1",
            "[2001:db8::1]80", "-example.org", "exa mple.org", "a..b", "host/24", "1.2.3.4:5:6"})
    void badDestinationsAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EgressRule.parse(text));
        assertTrue(e.getMessage().startsWith("bad egress destination '" + text + "'"), e.getMessage());
    }
}
