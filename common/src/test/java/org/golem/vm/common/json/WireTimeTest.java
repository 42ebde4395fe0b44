package org.golem.vm.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireTimeTest {

    private static final Instant T = Instant.parse("2025-09-12T10:00:00.123456Z");

    @Test
    void formatsUtcWithMicroseconds() {
        assertEquals("2025-09-12T10:00:00.123456Z", WireTime.format(T));
        assertEquals("2025-09-12T10:00:00.000000Z", WireTime.format(Instant.parse("2025-09-12T10:00:00Z")));
        assertEquals("2025-09-12T10:00:00.123456Z", WireTime.format(Instant.parse("2025-09-12T10:00:00.123456789Z")));
        assertTrue(WireTime.now().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), WireTime.now());
    }

    @Test
    void parsesTheOriginalsNaiveUtcAndOtherForms() {
        assertEquals(T, WireTime.parse("2025-09-12T10:00:00.123456"));      // original discovery (naive UTC)
        assertEquals(T, WireTime.parse("2025-09-12T10:00:00.123456Z"));
        assertEquals(T, WireTime.parse("2025-09-12T12:00:00.123456+02:00"));
        assertEquals(T, WireTime.parse("2025-09-12T10:00:00.123456+00:00"));
        assertEquals(Instant.parse("2025-09-12T10:00:00Z"), WireTime.parse("2025-09-12 10:00:00")); // SQLite
        assertEquals(Instant.parse("2025-09-12T10:00:00.5Z"), WireTime.parse("2025-09-12T10:00:00.5"));
        assertEquals(T, WireTime.parse(WireTime.format(T)));
    }

    @Test
    void refusesGarbage() {
        assertThrows(IllegalArgumentException.class, () -> WireTime.parse("yesterday"));
        assertThrows(IllegalArgumentException.class, () -> WireTime.parse("2025-13-01T00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> WireTime.parse("1757671200"));
    }
}
