package org.golem.vm.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireValidationTest {

    private static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host";

    private static List<String> codes(List<Violation> violations) {
        return violations.stream().map(Violation::code).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-vm", "abc", "a-b", "vm1", "0x0", "a1-b2-c3",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void acceptsVmNames(String name) {
        assertEquals(List.of(), WireValidation.vmName(name));
    }

    @Test
    void refusesVmNames() {
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.vmName("a--b")));
        assertEquals(List.of(Violation.REQUIRED), codes(WireValidation.vmName(null)));
        assertEquals(List.of(Violation.REQUIRED), codes(WireValidation.vmName("")));
        assertEquals(List.of(Violation.LENGTH), codes(WireValidation.vmName("ab")));
        assertEquals(List.of(Violation.LENGTH), codes(WireValidation.vmName("a".repeat(65))));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.vmName("My-VM")));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.vmName("-abc")));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.vmName("abc-")));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.vmName("a_bc")));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.vmName("abc\n")));
        assertEquals(List.of(Violation.LENGTH, Violation.PATTERN), codes(WireValidation.vmName("a-")));
        assertEquals("name", WireValidation.vmName("a--b").get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {ED25519,
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7= someone@laptop with spaces",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= me"})
    void acceptsSshKeys(String key) {
        assertEquals(List.of(), WireValidation.sshKey(key));
    }

    @Test
    void refusesSshKeys() {
        assertEquals(List.of(Violation.REQUIRED), codes(WireValidation.sshKey(null)));
        assertEquals(List.of(Violation.REQUIRED), codes(WireValidation.sshKey("  ")));
        // The original's test: a key not starting with ssh-rsa / ssh-ed25519 is refused.
        assertEquals(List.of(Violation.NOT_ALLOWED), codes(WireValidation.sshKey("invalid-key")));
        assertEquals(List.of(Violation.NOT_ALLOWED), codes(WireValidation.sshKey("ssh-dss AAAAB3NzaC1kc3M=")));
        assertEquals(List.of(Violation.NOT_ALLOWED), codes(WireValidation.sshKey("ssh-ed25519")));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.sshKey("ssh-ed25519 not*base64")));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.sshKey("ssh-ed25519  AAAA")));
        assertEquals(List.of(Violation.PATTERN),
                codes(WireValidation.sshKey(ED25519 + "\nssh-ed25519 AAAAattacker")));
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.sshKey(ED25519 + "\r")));
        assertEquals(List.of(Violation.LENGTH),
                codes(WireValidation.sshKey("ssh-rsa " + "A".repeat(WireValidation.MAX_SSH_KEY_LENGTH))));
    }

    @Test
    void resources() {
        for (int cpu : new int[] {1, 2, 4, 8, 16}) {
            assertEquals(List.of(), WireValidation.vmResources("resources", new Resources(cpu, 1, 10)));
        }
        for (int mem : new int[] {1, 2, 4, 8, 16, 32, 64}) {
            assertEquals(List.of(), WireValidation.vmResources("resources", new Resources(1, mem, 10)));
        }
        assertEquals(List.of(), WireValidation.vmResources("resources", new Resources(1, 1, 5000)));
        List<Violation> bad = WireValidation.vmResources("resources", new Resources(3, 3, 9));
        assertEquals(List.of("resources.cpu", "resources.memory", "resources.storage"),
                bad.stream().map(Violation::field).toList());
        assertEquals(List.of(Violation.NOT_ALLOWED, Violation.NOT_ALLOWED, Violation.OUT_OF_RANGE), codes(bad));
        assertEquals(3, WireValidation.vmResources("resources", new Resources(0, 0, 0)).size());
        assertEquals(List.of(Violation.NOT_ALLOWED),
                codes(WireValidation.vmResources("resources", new Resources(32, 1, 10))));
        assertEquals(List.of(Violation.NOT_ALLOWED),
                codes(WireValidation.vmResources("resources", new Resources(1, 128, 10))));
        assertEquals(List.of(Violation.REQUIRED), codes(WireValidation.vmResources("resources", null)));
    }

    @Test
    void createVmRequestCollectsEveryViolation() {
        CreateVmRequest bad = new CreateVmRequest("A--", null, new Resources(3, 1, 10), "../../etc/passwd",
                "invalid-key", BigInteger.valueOf(-1));
        List<Violation> v = WireValidation.createVmRequest(bad);
        assertEquals(List.of("name", "name", "ssh_key", "resources.cpu", "image", "stream_id"),
                v.stream().map(Violation::field).toList(), v.toString());

        assertEquals(List.of(), WireValidation.createVmRequest(
                new CreateVmRequest("my-vm", VmSize.MEDIUM, null, "debian-12", ED25519, BigInteger.ZERO)));
        assertEquals(List.of(), WireValidation.createVmRequest(
                new CreateVmRequest("my-vm", null, null, "ubuntu:24.04", ED25519, null)));
        assertEquals(List.of("image"), WireValidation.createVmRequest(
                new CreateVmRequest("my-vm", null, null, "https://evil/x.img", ED25519, null))
                .stream().map(Violation::field).toList());
        assertEquals(List.of("stream_id"), WireValidation.createVmRequest(
                new CreateVmRequest("my-vm", null, null, null, ED25519, BigInteger.TWO.pow(256)))
                .stream().map(Violation::field).toList());
        assertEquals(List.of(Violation.REQUIRED), codes(WireValidation.createVmRequest(null)));
    }

    @Test
    void ethereumAddresses() {
        assertTrue(WireValidation.isEthereumAddress("0xDd329f6EDf93637634E8862d34c3909d298A7055"));
        assertTrue(WireValidation.isEthereumAddress("0x0000000000000000000000000000000000000000"));
        assertTrue(WireValidation.isEthereumAddress("0xdd329f6edf93637634e8862d34c3909d298a7055"));
        assertFalse(WireValidation.isEthereumAddress("0xabc"));
        assertFalse(WireValidation.isEthereumAddress("Dd329f6EDf93637634E8862d34c3909d298A7055"));
        assertFalse(WireValidation.isEthereumAddress("0xDd329f6EDf93637634E8862d34c3909d298A705g"));
        assertFalse(WireValidation.isEthereumAddress("0xDd329f6EDf93637634E8862d34c3909d298A70551"));
        assertFalse(WireValidation.isEthereumAddress(null));
        assertEquals(List.of(), WireValidation.ethereumAddress("provider_id",
                "0x0281B792b5491E3548c8Fc17C24A2e0Cb99FbeC2"));
        Violation v = WireValidation.ethereumAddress("provider_id", "0xabc").get(0);
        assertEquals("provider_id", v.field());
        assertEquals(Violation.PATTERN, v.code());
        assertEquals(List.of(Violation.REQUIRED), codes(WireValidation.ethereumAddress("provider_id", "")));
    }

    @Test
    void advertisementRequests() {
        // The original tests' flow: provA (US, 2/4/50), provB (SE, 4/8/100) at 2.2.2.2.
        assertEquals(List.of(), WireValidation.advertisementRequest(
                AdvertisementRequest.of("1.1.1.1", "US", null, new Resources(2, 4, 50), null, null)));
        assertEquals(List.of(), WireValidation.advertisementRequest(
                AdvertisementRequest.of("2.2.2.2", "SE", "arm64", new Resources(4, 8, 100), null, null)));
        // Missing storage key (-> 0) and any figure 0 are refused.
        AdvertisementRequest noStorage = Json.fromJson(
                "{\"ip_address\":\"1.2.3.4\",\"country\":\"SE\",\"resources\":{\"cpu\":2,\"memory\":2}}",
                AdvertisementRequest.class);
        assertEquals(List.of("resources.storage"),
                WireValidation.advertisementRequest(noStorage).stream().map(Violation::field).toList());
        assertEquals(List.of("resources.cpu"), WireValidation.advertisementRequest(
                AdvertisementRequest.of("1.2.3.4", "SE", null, new Resources(0, 1, 1), null, null))
                .stream().map(Violation::field).toList());

        assertFalse(WireValidation.isIpv4("256.1.1.1"));
        assertFalse(WireValidation.isIpv4("1.2.3"));
        assertFalse(WireValidation.isIpv4("::1"));
        assertFalse(WireValidation.isIpv4("example.org"));
        assertTrue(WireValidation.isIpv4("255.255.255.255"));
        assertTrue(WireValidation.isIpv4("010.0.0.1"));

        AdvertisedPricing negative = new AdvertisedPricing(new BigDecimal("-1"), BigDecimal.ONE, BigDecimal.ONE,
                null, null, null, BigDecimal.ZERO, 37, BigInteger.valueOf(-1), null, null);
        List<Violation> v = WireValidation.advertisementRequest(
                AdvertisementRequest.of("999.1.1.1", "SWE", "x".repeat(33), null, negative, null));
        assertEquals(List.of("ip_address", "country", "platform", "resources", "pricing.usd_per_core_month",
                "pricing.token_usd_price", "pricing.token_decimals", "pricing.wei_per_core_month"),
                v.stream().map(Violation::field).toList());
        List<Violation> extended = WireValidation.advertisementRequest(new AdvertisementRequest("1.2.3.4", "SE", null,
                new Resources(1, 1, 10), null, "n".repeat(65), 70000, "bad network", "l2.holesky", "0x123", "0xabc"));
        assertEquals(List.of("provider_name", "api_port", "network", "stream_payment_address", "token_address"),
                extended.stream().map(Violation::field).toList());
        assertEquals(List.of("ip_address", "country", "resources"), WireValidation.advertisementRequest(
                AdvertisementRequest.of(null, "", null, null, null, null)).stream().map(Violation::field).toList());
    }

    @Test
    void checkPortsRequests() {
        assertEquals(List.of(), WireValidation.checkPortsRequest(
                new CheckPortsRequest("1.2.3.4", List.of(80, 1234)), WireValidation.DEFAULT_MAX_CHECK_PORTS));
        assertEquals(List.of(), WireValidation.checkPortsRequest(
                new CheckPortsRequest("1.2.3.4", List.of()), WireValidation.DEFAULT_MAX_CHECK_PORTS));
        // The original's test: port 70000 -> 422.
        List<Violation> v = WireValidation.checkPortsRequest(
                new CheckPortsRequest("1.2.3.4", List.of(80, 70000, 0)), 100);
        assertEquals(List.of("ports[1]", "ports[2]"), v.stream().map(Violation::field).toList());
        assertEquals(List.of(Violation.OUT_OF_RANGE, Violation.OUT_OF_RANGE), codes(v));
        List<Integer> range = java.util.stream.IntStream.range(50800, 50900).boxed().toList();
        assertEquals(List.of(), WireValidation.checkPortsRequest(new CheckPortsRequest("1.2.3.4", range), 100));
        assertEquals(List.of(Violation.TOO_MANY), codes(WireValidation.checkPortsRequest(
                new CheckPortsRequest("1.2.3.4", range), 99)));
        assertEquals(List.of(Violation.REQUIRED, Violation.REQUIRED),
                codes(WireValidation.checkPortsRequest(new CheckPortsRequest(" ", null), 100)));
    }

    /** The values of issue 15 that reached discovery's NUMERIC columns and failed there (500). */
    static final List<String> EXTREME_DECIMALS = List.of("9".repeat(400), "1e999999999", "1e-999999999",
            "1E+2147483647", "-1e-999999999", "1000000000000000000", "0.0000000000001");

    private static AdvertisedPricing pricing(String usd, String token, String tokenUsd, BigInteger wei) {
        BigDecimal u = usd == null ? BigDecimal.ONE : new BigDecimal(usd);
        BigDecimal t = token == null ? BigDecimal.ONE : new BigDecimal(token);
        return new AdvertisedPricing(u, u, u, t, t, t, tokenUsd == null ? null : new BigDecimal(tokenUsd), 18,
                wei, wei, wei);
    }

    private static List<String> pricingFields(AdvertisedPricing p) {
        return WireValidation.advertisementRequest(AdvertisementRequest.of("1.2.3.4", "SE", null,
                new Resources(1, 1, 10), p, null)).stream().map(Violation::field).toList();
    }

    @Test
    void everyUsdPriceAndTheTokenPriceHaveARangeAndAPrecision() {
        for (String extreme : EXTREME_DECIMALS) {
            assertEquals(List.of("pricing.usd_per_core_month", "pricing.usd_per_gb_ram_month",
                    "pricing.usd_per_gb_storage_month"), pricingFields(pricing(extreme, null, null, null)), extreme);
            assertEquals(List.of("pricing.token_usd_price"), pricingFields(pricing(null, null, extreme, null)),
                    extreme);
        }
        // the limits themselves: below 10^18, 12 decimal places (trailing zeros are not decimal places)
        for (String ok : List.of("5", "999999999999999999.999999999999", "0.000000000001", "1.500000000000000000000",
                "1E+17")) {
            assertEquals(List.of(), pricingFields(pricing(ok, null, ok, null)), ok);
        }
        assertEquals(List.of(), pricingFields(pricing("0E-999999999", null, null, null)), "zero at any scale");
        assertEquals(List.of("pricing.token_usd_price"), pricingFields(pricing(null, null, "0", null)),
                "a token price of 0 would divide by zero");
    }

    @Test
    void tokenAmountsAndWeiHaveTheirColumnsRanges() {
        for (String extreme : List.of("9".repeat(400), "1e999999999", "1e-999999999", "1E+2147483647",
                "100000000000000000000", "0.0000000000000000001")) {
            assertEquals(List.of("pricing.glm_per_core_month", "pricing.glm_per_gb_ram_month",
                    "pricing.glm_per_gb_storage_month"), pricingFields(pricing(null, extreme, null, null)), extreme);
        }
        assertEquals(List.of(), pricingFields(pricing(null, "99999999999999999999.999999999999999999", null, null)));
        BigInteger uint256Max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        assertEquals(List.of(), pricingFields(pricing(null, null, null, uint256Max)));
        assertEquals(List.of("pricing.wei_per_core_month", "pricing.wei_per_gb_ram_month",
                "pricing.wei_per_gb_storage_month"), pricingFields(pricing(null, null, null, uint256Max.add(BigInteger.ONE))));
        assertEquals(List.of("pricing.wei_per_core_month", "pricing.wei_per_gb_ram_month",
                "pricing.wei_per_gb_storage_month"), pricingFields(pricing(null, null, null,
                new BigInteger("9".repeat(400)))));
    }

    @Test
    @Timeout(30) // a guard against a hang: expanding 1E+2147483647 to plain digits takes gigabytes and minutes
    void extremeNumbersAreJudgedWithoutExpandingThem() {
        for (String extreme : List.of("1E+2147483647", "1E-2147483647", "-1E+2147483647", "1e999999999")) {
            assertEquals(List.of(Violation.OUT_OF_RANGE),
                    codes(WireValidation.usdAmount("x", new BigDecimal(extreme))), extreme);
            assertEquals(List.of(Violation.OUT_OF_RANGE),
                    codes(WireValidation.tokenAmount("x", new BigDecimal(extreme))), extreme);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "\\u0000", "name\\ud800", "\\udc00name", "a\\udbff\\u0041",
            "tab\\tin", "line\\nbreak", "del\\u007f"})
    void namesAndFreeTextRefuseNulControlCharactersAndLoneSurrogates(String escaped) {
        String value = Json.fromJson("\"" + escaped + "\"", String.class);
        assertEquals(List.of("platform", "provider_name"), WireValidation.advertisementRequest(
                new AdvertisementRequest("1.2.3.4", "SE", value, new Resources(1, 1, 10), null, value, null, null,
                        null, null, null)).stream().map(Violation::field).toList(), escaped);
        assertEquals(List.of(Violation.PATTERN), codes(WireValidation.sshKey(ED25519 + value)), escaped);
        assertEquals(List.of("provider_ip"), WireValidation.checkPortsRequest(
                new CheckPortsRequest("1.2.3.4" + value, List.of(80)), 100).stream().map(Violation::field).toList());
    }

    @Test
    void pairedSurrogatesAndOtherUnicodeAreFineInFreeText() {
        assertEquals(List.of(), WireValidation.text("provider_name", "Zürich \uD83D\uDE80 東京"));
        assertEquals(List.of(), WireValidation.sshKey(ED25519 + " \uD83D\uDE80"));
    }

    @Test
    void wholeNumbersHaveBoundsAndWeiToAddMustBePositive() {
        assertEquals(List.of(), WireValidation.whole("hours", 8760L, 1, 8760, "hours"));
        assertEquals(List.of(), WireValidation.whole("hours", null, 1, 8760, "hours"));
        assertEquals("hours: must be a whole number from 1 to 8760 (hours)",
                WireValidation.whole("hours", 8761L, 1, 8760, "hours").get(0).toString());
        assertEquals(List.of(Violation.OUT_OF_RANGE), codes(WireValidation.whole("hours", 0L, 1, 8760, null)));
        assertEquals(List.of(Violation.OUT_OF_RANGE), codes(WireValidation.positiveWei("amount_wei",
                BigInteger.ZERO)));
        assertEquals(List.of(Violation.OUT_OF_RANGE), codes(WireValidation.positiveWei("amount_wei",
                BigInteger.ONE.shiftLeft(256))));
        assertEquals(List.of(), WireValidation.positiveWei("amount_wei", BigInteger.ONE.shiftLeft(256)
                .subtract(BigInteger.ONE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mi\\u0000cro", "mi\\ud800cro", "micro\\u0009", "../micro",
            "a23456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
                    + "12345678901234567890123456789012345678901"})
    void imagesAreShortNamesWithoutControlCharactersSurrogatesOrSlashes(String escaped) {
        String image = Json.fromJson("\"" + escaped + "\"", String.class);
        assertEquals(List.of("image"), WireValidation.image(image).stream().map(Violation::field).toList());
        assertEquals(List.of(), WireValidation.image("debian-12.5:cloud_x"));
        assertEquals(List.of(), WireValidation.image(null));
    }

    @Test
    void advertisedPricesAloneAreCheckedAsInAnAdvertisement() {
        AdvertisedPricing tooManyTokens = new AdvertisedPricing(new BigDecimal("5"), BigDecimal.ONE, BigDecimal.ONE,
                new BigDecimal("1e20"), BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("0.000000000001"), 18,
                BigInteger.ONE, BigInteger.ONE, BigInteger.ONE);
        assertEquals(List.of("glm_per_core_month"), WireValidation.advertisedPricing("", tooManyTokens).stream()
                .map(Violation::field).toList());
        AdvertisedPricing freeToken = new AdvertisedPricing(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, 18, null, null, null);
        assertEquals(List.of("pricing.token_usd_price"), WireValidation.advertisedPricing("pricing.", freeToken)
                .stream().map(Violation::field).toList());
        assertEquals(List.of(), WireValidation.advertisedPricing("", null));
    }
}
