package org.golem.vm.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationArgumentTest {
    private static final long YEAR = 31_536_000L;

    @ParameterizedTest
    @CsvSource({"90s,90", "30m,1800", "6h,21600", "2d,172800", "1s,1", "365d,31536000", "' 6H ',21600",
            "31536000s,31536000"})
    void aNumberAndAUnitAreSeconds(String text, long seconds) {
        assertEquals(seconds, DurationArgument.seconds(text, YEAR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "m", "1.5h", "-1h", "1h30m", "2w", "6 h", "0s", "0d", "366d", "31536001s",
            "999999999999d"})
    void anythingElseIsRefusedWithAClearMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationArgument.seconds(text, YEAR));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
