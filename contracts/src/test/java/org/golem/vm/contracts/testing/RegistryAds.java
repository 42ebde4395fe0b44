package org.golem.vm.contracts.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.EgressPolicy;
import org.golem.vm.common.wire.ImageInfo;

/**
 * Realistic advertisements for the registry tests and bench/RegistryBench.java: full USD and wei pricing, three
 * images, {@code max_ports} and an egress allow list (~1,270 bytes of JSON, a ~560-byte registry entry). Shared
 * through the contracts test-jar.
 */
public final class RegistryAds {

    private RegistryAds() {
    }

    /**
     * @param variant makes the advertisement differ from another variant's (name always; address, resources and
     *                the wei price per core for variants that differ modulo 200)
     * @return a typical provider's advertisement, as a provider sends it (valid for {@code WireValidation})
     */
    public static AdvertisementRequest typical(int variant) {
        int v = Math.floorMod(variant, 200);
        AdvertisedPricing pricing = new AdvertisedPricing(
                new BigDecimal("5.00"), new BigDecimal("2.50"), new BigDecimal("0.05"),
                new BigDecimal("25.0"), new BigDecimal("12.5"), new BigDecimal("0.25"),
                new BigDecimal("0.20"), 18,
                new BigInteger("25000000000000000000").add(BigInteger.valueOf(v)),
                new BigInteger("12500000000000000000"), new BigInteger("250000000000000000"),
                new BigDecimal("1.00"), new BigInteger("5000000000000000000"));
        List<ImageInfo> images = List.of(
                new ImageInfo("debian-12", "Debian GNU/Linux 12 (bookworm)", 2048L, "debian", "cloud-init", true),
                new ImageInfo("ubuntu-24.04", "Ubuntu 24.04 LTS", 2560L, "ubuntu", "cloud-init", true),
                new ImageInfo("alpine-3.20", "Alpine Linux 3.20", 180L, "root", "direct", false));
        EgressPolicy egress = new EgressPolicy(EgressPolicy.ALLOW_LIST,
                List.of("deb.debian.org:80", "security.debian.org:443", "203.0.113.0/24:443"));
        return new AdvertisementRequest("198.51.100." + (1 + v % 250), "SE", "x86_64",
                new Resources(4 + v % 8, 16 + v % 32, 200 + v), pricing, "provider-" + variant, 7466,
                "testnet", "l2.holesky", "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                "0x0000000000000000000000000000000000000000", images, 4, egress);
    }
}
