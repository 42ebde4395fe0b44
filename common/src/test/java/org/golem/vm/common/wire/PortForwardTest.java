package org.golem.vm.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.requestor.RentVmRequest;
import org.junit.jupiter.api.Test;

/** Forwarded guest ports: their JSON, the stored text form, and the requestor's checks of the ports asked for. */
class PortForwardTest {

    @Test
    void theStoredFormRoundTripsInOrder() {
        List<PortForward> forwards = List.of(new PortForward(443, 50813), new PortForward(80, 50812));
        assertEquals("443:50813,80:50812", PortForward.join(forwards));
        assertEquals(forwards, PortForward.split("443:50813,80:50812"));
        assertNull(PortForward.join(List.of()));
        assertEquals(List.of(), PortForward.split(null));
        assertThrows(IllegalArgumentException.class, () -> PortForward.split("80-50812"));
    }

    @Test
    void jsonIsSnakeCase() {
        assertEquals(Json.tree("{\"guest_port\":80,\"host_port\":50812}"),
                Json.tree(Json.toJson(new PortForward(80, 50812))));
    }

    @Test
    void theRequestorRefusesPortsOutOfRangeSshAndDuplicates() {
        assertEquals(List.of(), rent(80, 443).violations());
        assertEquals(List.of(Violation.OUT_OF_RANGE, Violation.NOT_ALLOWED, Violation.NOT_ALLOWED,
                Violation.OUT_OF_RANGE),
                rent(0, 22, 80, 80, 65536).violations().stream().map(Violation::code).toList());
        assertEquals("ports", rent(22).violations().get(0).field());
    }

    private static RentVmRequest rent(Integer... ports) {
        return new RentVmRequest("web1", "0x" + "1".repeat(40), 1, 1, 10, 1L, null, null, null, List.of(ports));
    }
}
