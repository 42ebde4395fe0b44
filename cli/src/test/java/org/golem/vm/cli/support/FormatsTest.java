package org.golem.vm.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.junit.jupiter.api.Test;

/** Human renderings of durations, amounts and ages. */
class FormatsTest {

    @Test
    void durations() {
        assertEquals("0s", Formats.duration(0));
        assertEquals("0s", Formats.duration(-5));
        assertEquals("45s", Formats.duration(45));
        assertEquals("1m 00s", Formats.duration(60));
        assertEquals("2m 05s", Formats.duration(125));
        assertEquals("59m 59s", Formats.duration(3599));
        assertEquals("1h 00m", Formats.duration(3600));
        assertEquals("1h 02m", Formats.duration(3725));
        assertEquals("23h 59m", Formats.duration(86_399));
        assertEquals("1d 0h", Formats.duration(86_400));
        assertEquals("3d 4h", Formats.duration(3 * 86_400 + 4 * 3600 + 59 * 60));
    }

    @Test
    void amountsInTokenUnits() {
        assertEquals("0.00123 ETH", Formats.amount(new BigInteger("1230000000000000"), "ETH"));
        assertEquals("1.5 ETH", Formats.amount(new BigInteger("1500000000000000000"), "ETH"));
        assertEquals("0 ETH", Formats.amount(BigInteger.ZERO, "ETH"));
        assertEquals("100 GLM", Formats.amount(new BigInteger("100000000000000000000"), "GLM"));
        assertEquals("0.000000000000000001 ETH", Formats.amount(BigInteger.ONE, "ETH"));
        // six significant digits, but never fewer than the integer part has
        assertEquals("123.457 ETH", Formats.amount(new BigInteger("123456789012345678901"), "ETH"));
        assertEquals("1234568 ETH", Formats.amount(new BigInteger("1234567890000000000000000"), "ETH"));
        assertEquals("0.060274 ETH",
                Formats.amount(new BigInteger("60273972602737200"), "ETH"));
        assertEquals("—", Formats.amount(null, "ETH"));
        assertEquals("0.0088 ETH", Formats.tokens(new BigDecimal("0.0088"), "ETH"));
    }

    @Test
    void usd() {
        assertEquals("$22.00", Formats.usd(new BigDecimal("22.0")));
        assertEquals("$1.00", Formats.usd(BigDecimal.ONE));
        assertEquals("$0.03014", Formats.usd(new BigDecimal("0.030137")));
        assertEquals("$0.00", Formats.usd(BigDecimal.ZERO));
        assertEquals("$0.10", Formats.usd(new BigDecimal("0.1")));
        assertEquals("$0.50", Formats.usd(new BigDecimal("0.5")));
        assertEquals("—", Formats.usd(null));
    }

    @Test
    void agesAndTimes() {
        Instant now = Instant.parse("2025-09-12T10:05:00Z");
        assertEquals("1m 00s ago", Formats.age(Instant.parse("2025-09-12T10:04:00Z"), now));
        assertEquals("3d 4h ago", Formats.age(Instant.parse("2025-09-09T06:00:00Z"), now));
        assertEquals("just now", Formats.age(now, now));
        assertEquals("—", Formats.age(null, now));
        assertEquals("2025-09-12 10:04:00 UTC", Formats.time("2025-09-12T10:04:00.000002Z"));
        assertEquals("2025-09-12 08:04:00 UTC", Formats.time("2025-09-12T10:04:00+02:00"));
        assertEquals("—", Formats.time((String) null));
    }

    @Test
    void weiFromJsonNumbersAndStrings() {
        assertEquals(new BigInteger("123456789012345678901234567890"),
                Formats.wei(Json.tree("123456789012345678901234567890")));
        assertEquals(new BigInteger("42"), Formats.wei(Json.tree("\"42\"")));
        assertEquals(new BigInteger("255"), Formats.wei(Json.tree("\"0xff\"")));
        assertNull(Formats.wei(Json.tree("1.5")));
        assertNull(Formats.wei(Json.tree("null")));
    }

    @Test
    void recordFieldsForPeople() {
        assertEquals("—", Formats.orDash(null));
        assertEquals("—", Formats.orDash(""));
        assertEquals("42", Formats.orDash(BigInteger.valueOf(42)));
        assertNull(Formats.orNull(null));
        assertNull(Formats.orNull(""));
        assertEquals("web1", Formats.orNull("web1"));
        assertEquals("2 CPU, 4 GB RAM, 20 GB disk", Formats.resources(new Resources(2, 4, 20)));
        assertEquals("—", Formats.resources((Resources) null));
    }
}
