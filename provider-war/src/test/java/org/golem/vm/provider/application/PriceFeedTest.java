package org.golem.vm.provider.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The price feed's update rule: a new token price applies only when it moved by at least 1 %, and only as a price
 * discovery accepts (rounded to 12 decimal places, from 10^-12 to below 10^18 USD).
 */
class PriceFeedTest {

    private static boolean applies(String current, String fetched) {
        return PriceFeed.significantChange(current == null ? null : new BigDecimal(current), new BigDecimal(fetched));
    }

    @Test
    void exactlyOnePercentUpOrDownApplies() {
        assertTrue(applies("0.25", "0.2525"));
        assertTrue(applies("0.25", "0.2475"));
    }

    @Test
    void justBelowOnePercentDoesNotApply() {
        assertFalse(applies("0.25", "0.252499999999"));
        assertFalse(applies("0.25", "0.247500000001"));
        assertFalse(applies("0.25", "0.25"));
        assertFalse(applies("0.250", "0.25000000000000000001"), "tiny moves are ignored, scale does not matter");
    }

    @Test
    void largeMovesApply() {
        assertTrue(applies("0.25", "0.50"));
        assertTrue(applies("3000", "2000"));
    }

    @Test
    void noUsableCurrentPriceAlwaysApplies() {
        assertTrue(applies(null, "0.25"));
        assertTrue(applies("0", "0.25"));
        assertTrue(applies("-1", "0.25"));
    }

    @Test
    void fetchedPriceIsRequired() {
        assertThrows(NullPointerException.class, () -> PriceFeed.significantChange(BigDecimal.ONE, null));
    }

    /** A broken or hostile feed cannot set a price an advertisement may not carry (discovery would refuse it). */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1E+2147483647", "1e-999999999", "1000000000000000000",
            "0.0000000000004", "99999999999999999999.5"})
    @Timeout(30) // writing 1e999999999 out in full would take gigabytes
    void aFeedPriceOutsideWhatDiscoveryAcceptsIsRefused(String price) {
        IOException e = assertThrows(IOException.class, () -> PriceFeed.advertisable(new BigDecimal(price)));
        assertTrue(e.getMessage().contains("cannot be advertised"), e.getMessage());
    }

    @Test
    void aFeedPriceIsRoundedToTwelveDecimalPlaces() throws IOException {
        assertEquals(new BigDecimal("0.123456789012"), PriceFeed.advertisable(new BigDecimal("0.123456789012345678")));
        assertEquals(new BigDecimal("0.000000000002"), PriceFeed.advertisable(new BigDecimal("0.0000000000015")));
        assertEquals(new BigDecimal("2500.5"), PriceFeed.advertisable(new BigDecimal("2500.5")));
        assertEquals(new BigDecimal("1E+3"), PriceFeed.advertisable(new BigDecimal("1E+3")));
    }
}
