package org.golem.vm.portchecker.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.rest.DomainExceptionMapper;
import org.junit.jupiter.api.Test;

class CheckTargetTest {

    private static PortCheckException refused(String ip, List<Integer> ports, int max) {
        return assertThrows(PortCheckException.class, () -> CheckTarget.of(ip, ports, max));
    }

    @Test
    void acceptsValidRequest() {
        CheckTarget t = CheckTarget.of("203.0.113.9", List.of(50800, 1, 65535), 100);
        assertEquals(IpLiteral.parse("203.0.113.9"), t.address());
        assertEquals(List.of(50800, 1, 65535), t.ports());
        assertEquals(List.of(50800, 1, 65535), t.requestedPorts());
    }

    @Test
    void duplicatesCollapseInFirstSeenOrderButAreKeptAsSent() {
        CheckTarget t = CheckTarget.of("1.1.1.1", List.of(443, 80, 443, 80, 22), 100);
        assertEquals(List.of(443, 80, 22), t.ports());
        assertEquals(List.of(443, 80, 443, 80, 22), t.requestedPorts());
    }

    @Test
    void emptyOrMissingPortsAreInvalidPort() {
        assertEquals(PortCheckErrorCode.INVALID_PORT, refused("1.1.1.1", List.of(), 100).errorCode());
        assertEquals(PortCheckErrorCode.INVALID_PORT, refused("1.1.1.1", null, 100).errorCode());
    }

    @Test
    void outOfRangeAndNullPortsAreInvalidPort() {
        for (int bad : new int[] {0, -1, 65536, 70000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            PortCheckException e = refused("1.1.1.1", List.of(80, bad), 100);
            assertEquals(PortCheckErrorCode.INVALID_PORT, e.errorCode(), "port " + bad);
            assertEquals(400, DomainExceptionMapper.status(e.refusal()));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        assertEquals(PortCheckErrorCode.INVALID_PORT, refused("1.1.1.1", Arrays.asList(80, null), 100).errorCode());
    }

    @Test
    void tooManyPortsCountsDuplicates() {
        List<Integer> hundred = IntStream.rangeClosed(50800, 50899).boxed().collect(Collectors.toList());
        assertEquals(100, CheckTarget.of("1.1.1.1", hundred, 100).ports().size());
        List<Integer> more = new ArrayList<>(hundred);
        more.add(50900);
        PortCheckException e = refused("1.1.1.1", more, 100);
        assertEquals(PortCheckErrorCode.TOO_MANY_PORTS, e.errorCode());
        assertEquals(400, DomainExceptionMapper.status(e.refusal()));
        assertEquals(PortCheckErrorCode.TOO_MANY_PORTS,
                refused("1.1.1.1", List.of(80, 80, 80, 80), 3).errorCode());
    }

    @Test
    void ipIsValidatedFirst() {
        assertEquals(PortCheckErrorCode.INVALID_IP, refused("example.com", List.of(), 100).errorCode());
        assertEquals(PortCheckErrorCode.INVALID_IP, refused(null, List.of(0), 100).errorCode());
        assertEquals(PortCheckErrorCode.INVALID_IP, refused("fe80::1%eth0", List.of(80), 100).errorCode());
    }
}
