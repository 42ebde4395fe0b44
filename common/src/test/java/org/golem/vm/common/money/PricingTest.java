package org.golem.vm.common.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final UsdPricing DEFAULTS = UsdPricing.of("5.0", "2.0", "0.1");
    private static final Resources MEDIUM = new Resources(2, 4, 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void monthIs730HoursOf3600Seconds() {
        assertEquals(730, Pricing.HOURS_PER_MONTH);
        assertEquals(2_628_000L, Pricing.SECONDS_PER_MONTH);
    }

    @Test
    void usdPerMonthIsTheExactSumOfUnitPrices() {
        // 2 × 5.0 + 4 × 2.0 + 20 × 0.1 = 10 + 8 + 2 = 20 USD
        assertEquals(0, new BigDecimal("20").compareTo(Pricing.usdPerMonth(DEFAULTS, MEDIUM)));
        // docs/requestor-api.md §5.1 example: 2 CPU / 4 GB / 20 GB at 6.0 / 2.0 / 0.1 → 22.0 USD
        assertEquals(0, new BigDecimal("22.0")
                .compareTo(Pricing.usdPerMonth(UsdPricing.of("6.0", "2.0", "0.1"), MEDIUM)));
        // no binary rounding: 3 × 0.1 is exactly 0.3
        assertEquals(new BigDecimal("0.3"), Pricing.usdPerMonth(UsdPricing.of("0", "0", "0.1"), new Resources(0, 0, 3)));
    }

    @Test
    void mediumVmAtDefaultPricesPaidInEthAt2000Usd() {
        // 20 USD/month / 2000 USD per ETH = 0.01 ETH = 10^16 wei per month;
        // 10^16 / 2 628 000 = 3 805 175 038 + 34/657 → rounded up to 3 805 175 039 wei/s.
        BigInteger rate = Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, new BigDecimal("2000"), 18);
        assertEquals(new BigInteger("3805175039"), rate);
        // 22 USD/month: 1.1 × 10^16 / 2 628 000 = 4 185 692 541.85… → 4 185 692 542
        assertEquals(new BigInteger("4185692542"),
                Pricing.ratePerSecondWei(UsdPricing.of("6.0", "2.0", "0.1"), MEDIUM, new BigDecimal("2000"), 18));
    }

    @Test
    void forwardedPortsAddTheirPriceBeforeTheOneRoundingUp() {
        // 20 USD + 2 ports × 1.5 USD = 23 USD/month at 2000 USD per ETH: 1.15 × 10^16 / 2 628 000
        // = 4 375 951 293.76… → 4 375 951 294 wei/s
        assertEquals(new BigInteger("4375951294"),
                Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, 2, new BigDecimal("1.5"), new BigDecimal("2000"), 18));
        BigInteger plain = Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, new BigDecimal("2000"), 18);
        assertEquals(plain, Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, 3, BigDecimal.ZERO, new BigDecimal("2000"), 18),
                "free ports change nothing");
        assertEquals(plain, Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, 3, null, new BigDecimal("2000"), 18));
        assertEquals(plain, Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, 0, new BigDecimal("9"), new BigDecimal("2000"),
                18), "no ports, no charge");
        assertThrows(IllegalArgumentException.class, () -> Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, -1,
                BigDecimal.ONE, new BigDecimal("2000"), 18));
        assertThrows(IllegalArgumentException.class, () -> Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, 1,
                new BigDecimal("-1"), new BigDecimal("2000"), 18));
    }

    @Test
    void providerSpecExampleRoundsUpWhereTheOriginalTruncated() {
        // docs/provider-api.md §6: GLM at 0.25 USD, medium = 80 GLM/month,
        // original rate ≈ 30 441 400 304 414 (floor).
        // 80 × 10^18 / 2 628 000 = 30 441 400 304 414.003… → 30 441 400 304 415 here.
        assertEquals(new BigInteger("30441400304415"),
                Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, new BigDecimal("0.25"), 18));
        assertEquals(new BigDecimal("80.00000000"), Pricing.tokenPerMonth(DEFAULTS, MEDIUM, new BigDecimal("0.25")));
        // docs/requestor-api.md §5.2: 44 GLM/month → original 16 742 770 167 427 (trunc),
        // exact 16 742 770 167 427.70…
        assertEquals(new BigInteger("16742770167428"),
                Pricing.ratePerSecondWei(new BigDecimal("44"), BigDecimal.ONE, 18));
    }

    @Test
    void exactQuotientGetsNoExtraWei() {
        // 2.628 USD/month at 1 USD per token: 2.628 × 10^18 / 2 628 000 = 10^12 exactly.
        assertEquals(BigInteger.TEN.pow(12),
                Pricing.ratePerSecondWei(UsdPricing.of("2.628", "0", "0"), new Resources(1, 0, 0), BigDecimal.ONE, 18));
        // 0 decimals: 2 628 000 USD/month at 1 USD → exactly 1 unit per second
        assertEquals(BigInteger.ONE, Pricing.ratePerSecondWei(new BigDecimal("2628000"), BigDecimal.ONE, 0));
    }

    @Test
    void anyRemainderRoundsUpByOneWei() {
        // one attowei-dollar more than the exact case: 2 628 000 000 000 000 001 / 2 628 000 → 10^12 + 1
        assertEquals(BigInteger.TEN.pow(12).add(BigInteger.ONE),
                Pricing.ratePerSecondWei(new BigDecimal("2.628000000000000001"), BigDecimal.ONE, 18));
        assertEquals(BigInteger.TWO, Pricing.ratePerSecondWei(new BigDecimal("2628001"), BigDecimal.ONE, 0));
        // 1 USD at 3 USD per token: 10^18 / 7 884 000 = 126 839 167 935.05… → 126 839 167 936
        assertEquals(new BigInteger("126839167936"),
                Pricing.ratePerSecondWei(BigDecimal.ONE, new BigDecimal("3"), 18));
    }

    @Test
    void scalesOfPriceAndAmountDoNotMatter() {
        BigInteger a = Pricing.ratePerSecondWei(new BigDecimal("20"), new BigDecimal("2000"), 18);
        BigInteger b = Pricing.ratePerSecondWei(new BigDecimal("20.000000"), new BigDecimal("2E+3"), 18);
        BigInteger c = Pricing.ratePerSecondWei(new BigDecimal("2E+1"), new BigDecimal("2000.0000000000"), 18);
        assertEquals(new BigInteger("3805175039"), a);
        assertEquals(a, b);
        assertEquals(a, c);
    }

    @Test
    void freeResourcesGiveZeroRate() {
        assertEquals(BigInteger.ZERO, Pricing.ratePerSecondWei(DEFAULTS, new Resources(0, 0, 0), BigDecimal.ONE, 18));
    }

    @Test
    void refusesBadRateInputs() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, BigDecimal.ZERO, 18));
        assertTrue(zero.getMessage().contains("token USD price must be positive"), zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, new BigDecimal("-1"), 18));
        IllegalArgumentException dec = assertThrows(IllegalArgumentException.class,
                () -> Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, BigDecimal.ONE, 37));
        assertTrue(dec.getMessage().contains("0..36"), dec.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Pricing.ratePerSecondWei(DEFAULTS, MEDIUM, BigDecimal.ONE, -1));
        assertThrows(IllegalArgumentException.class,
                () -> Pricing.ratePerSecondWei(new BigDecimal("-0.01"), BigDecimal.ONE, 18));
        // the bounds themselves are accepted
        // 20 × 10^36 / 2 628 000 = 7 610 350 076 103 500 761 035 007 610 350.07… → …351
        assertEquals(new BigInteger("7610350076103500761035007610351"),
                Pricing.ratePerSecondWei(new BigDecimal("20"), BigDecimal.ONE, 36));
        // 20 / 2 628 000 of a unit → rounded up to 1
        assertEquals(BigInteger.ONE, Pricing.ratePerSecondWei(new BigDecimal("20"), BigDecimal.ONE, 0));
    }

    @Test
    void refusesNegativeResourcesAndPrices() {
        assertThrows(IllegalArgumentException.class, () -> new Resources(-1, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Resources(1, -1, 10));
        IllegalArgumentException storage = assertThrows(IllegalArgumentException.class, () -> new Resources(1, 1, -10));
        assertTrue(storage.getMessage().contains("storage"), storage.getMessage());
        IllegalArgumentException core = assertThrows(IllegalArgumentException.class,
                () -> UsdPricing.of("-5", "2", "0.1"));
        assertTrue(core.getMessage().contains("usd_per_core_month"), core.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UsdPricing.of("5", "-0.0001", "0.1"));
        assertThrows(IllegalArgumentException.class, () -> new UsdPricing(BigDecimal.ONE, BigDecimal.ONE, null));
    }

    @Test
    void depositForOneHourAndForSeconds() {
        BigInteger rate = new BigInteger("3805175039");
        // 3 805 175 039 × 3600 = 13 698 630 140 400 wei
        assertEquals(new BigInteger("13698630140400"), Pricing.depositWei(rate, 1));
        assertEquals(new BigInteger("27397260280800"), Pricing.depositWei(rate, 2));
        assertEquals(new BigInteger("228310502340"), Pricing.depositWeiForSeconds(rate, 60));
        // no long overflow for large values
        assertEquals(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(3600)),
                Pricing.depositWei(BigInteger.ONE, Long.MAX_VALUE));
    }

    @Test
    void depositRefusesNonPositiveDurationOrRate() {
        BigInteger rate = BigInteger.TEN;
        IllegalArgumentException h = assertThrows(IllegalArgumentException.class, () -> Pricing.depositWei(rate, 0));
        assertTrue(h.getMessage().contains("hours"), h.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pricing.depositWei(rate, -1));
        assertThrows(IllegalArgumentException.class, () -> Pricing.depositWeiForSeconds(rate, 0));
        assertThrows(IllegalArgumentException.class, () -> Pricing.depositWei(BigInteger.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> Pricing.depositWeiForSeconds(BigInteger.valueOf(-1), 1));
    }

    @Test
    void coversPriceMeansAtLeastTheRequiredRate() {
        BigInteger required = new BigInteger("3805175039");
        assertTrue(Pricing.coversPrice(required, required));
        assertTrue(Pricing.coversPrice(required.add(BigInteger.ONE), required));
        assertFalse(Pricing.coversPrice(required.subtract(BigInteger.ONE), required));
    }

    @Test
    void usdToTokenForDisplayHasEightDecimalsHalfUp() {
        BigDecimal glmUsd = new BigDecimal("0.25");
        assertEquals(new BigDecimal("20.00000000"), Pricing.usdToToken(new BigDecimal("5.0"), glmUsd));
        assertEquals(new BigDecimal("0.40000000"), Pricing.usdToToken(new BigDecimal("0.1"), glmUsd));
        assertEquals(new BigDecimal("0.33333333"), Pricing.usdToToken(BigDecimal.ONE, new BigDecimal("3")));
        assertEquals(new BigDecimal("0.66666667"), Pricing.usdToToken(new BigDecimal("2"), new BigDecimal("3")));
        assertThrows(IllegalArgumentException.class, () -> Pricing.usdToToken(BigDecimal.ONE, BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Pricing.usdToToken(new BigDecimal("-1"), BigDecimal.ONE));
    }

    @Test
    void resourcesUseTheWireNames() throws Exception {
        JsonNode node = JSON.valueToTree(MEDIUM);
        assertEquals(2, node.get("cpu").asInt());
        assertEquals(4, node.get("memory").asInt());
        assertEquals(20, node.get("storage").asInt());
        assertEquals(3, node.size());
        assertEquals(new Resources(4, 8, 40), JSON.readValue("{\"cpu\":4,\"memory\":8,\"storage\":40}", Resources.class));
    }

    @Test
    void usdPricingUsesTheAdvertisementNames() throws Exception {
        UsdPricing read = JSON.readValue(
                "{\"usd_per_core_month\":5.0,\"usd_per_gb_ram_month\":2.0,\"usd_per_gb_storage_month\":0.1}",
                UsdPricing.class);
        assertEquals(0, new BigDecimal("0.1").compareTo(read.usdPerGbStorageMonth()));
        assertEquals(0, new BigDecimal("2").compareTo(read.usdPerGbRamMonth()));
        assertEquals("{\"usd_per_core_month\":5.0,\"usd_per_gb_ram_month\":2.0,\"usd_per_gb_storage_month\":0.1}",
                JSON.writeValueAsString(DEFAULTS));
    }
}
