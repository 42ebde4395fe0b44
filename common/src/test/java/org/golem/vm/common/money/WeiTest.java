package org.golem.vm.common.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeiTest {

    private static final BigInteger ETHER = BigInteger.TEN.pow(18);

    @Test
    void formatsEtherPlainWithoutTrailingZeros() {
        assertEquals("1.5", Wei.toEther(new BigInteger("1500000000000000000")));
        assertEquals("0.000000000000000001", Wei.toEther(BigInteger.ONE));
        assertEquals("1", Wei.toEther(ETHER));
        assertEquals("0", Wei.toEther(BigInteger.ZERO));
        // no exponent notation for round thousands
        assertEquals("1000", Wei.toEther(ETHER.multiply(BigInteger.valueOf(1000))));
        assertEquals("0.10959", Wei.toEther(new BigInteger("109590000000000000")));
    }

    @Test
    void parsesEther() {
        assertEquals(new BigInteger("1500000000000000000"), Wei.parseEther("1.5"));
        assertEquals(BigInteger.ONE, Wei.parseEther("0.000000000000000001"));
        assertEquals(new BigInteger("500000000000000000"), Wei.parseEther(".5"));
        assertEquals(ETHER.multiply(BigInteger.TWO), Wei.parseEther(" 2. "));
        assertEquals(BigInteger.ZERO, Wei.parseEther("0"));
        assertEquals(ETHER.multiply(BigInteger.valueOf(100)), Wei.parseEther("100"));
        // zeros past the 18th place lose nothing and are accepted
        assertEquals(ETHER, Wei.parseEther("1.000000000000000000000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "1.5", "0.000000000000000001", "123456789.123456789123456789", "1000"})
    void etherRoundTrips(String ether) {
        assertEquals(ether, Wei.toEther(Wei.parseEther(ether)));
    }

    @Test
    void weiRoundTrips() {
        for (String wei : new String[] {"1", "999999999999999999", "1000000000000000001", "13698630140400"}) {
            BigInteger value = new BigInteger(wei);
            assertEquals(value, Wei.parseEther(Wei.toEther(value)));
        }
    }

    @Test
    void refusesMoreThan18Decimals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Wei.parseEther("0.0000000000000000001"));
        assertTrue(e.getMessage().contains("more than 18 decimal places"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wei.parseEther("1.1234567890123456789"));
    }

    @Test
    void refusesNegatives() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wei.parseEther("-1"));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wei.parseEther("-0.5"));
        assertThrows(IllegalArgumentException.class, () -> Wei.toEther(BigInteger.valueOf(-1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "1e18", "1E+3", "+1", "1.2.3", "abc", "1,5", "0x10", "NaN"})
    void refusesWhatIsNotAPlainDecimal(String text) {
        assertThrows(IllegalArgumentException.class, () -> Wei.parseEther(text));
    }

    @Test
    void otherTokenDecimals() {
        assertEquals("1.5", Wei.format(BigInteger.valueOf(1_500_000), 6));
        assertEquals(BigInteger.valueOf(1_500_000), Wei.parse("1.5", 6));
        assertEquals("42", Wei.format(BigInteger.valueOf(42), 0));
        assertEquals(BigInteger.valueOf(42), Wei.parse("42", 0));
        assertThrows(IllegalArgumentException.class, () -> Wei.parse("0.0000001", 6));
        assertThrows(IllegalArgumentException.class, () -> Wei.parse("1.5", 0));
        assertThrows(IllegalArgumentException.class, () -> Wei.format(BigInteger.ONE, 37));
        assertThrows(IllegalArgumentException.class, () -> Wei.parse("1", -1));
    }
}
