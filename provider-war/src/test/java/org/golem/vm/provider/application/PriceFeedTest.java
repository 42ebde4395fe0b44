package org.golem.vm.provider.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The price feed's update rule: a new token price applies only when it moved by at least 1 %. */
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
}
