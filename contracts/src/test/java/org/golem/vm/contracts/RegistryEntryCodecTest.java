package org.golem.vm.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.contracts.testing.RegistryAds;
import org.junit.jupiter.api.Test;

/** The registry entry encoding (docs/contracts.md §8): round trip, size, and what a reader refuses. */
class RegistryEntryCodecTest {

    @Test
    void fullAdvertisementRoundTrips() {
        AdvertisementRequest ad = RegistryAds.typical(7);
        byte[] entry = RegistryEntryCodec.encode(ad);
        assertEquals(RegistryEntryCodec.FORMAT, entry[0] & 0xff, "format byte first");
        AdvertisementRequest back = RegistryEntryCodec.decode(entry);
        assertEquals(ad, back);
        assertEquals(3, back.images().size());
        assertEquals(4, back.maxPorts());
        assertEquals(ad.egress(), back.egress());
        assertEquals(ad.pricing(), back.pricing());
        assertArrayEquals(entry, RegistryEntryCodec.encode(back), "the encoding is deterministic");
    }

    @Test
    void typicalAdvertisementIsFarBelowTheContractLimit() {
        AdvertisementRequest ad = RegistryAds.typical(1);
        int json = Json.toJson(ad).getBytes(StandardCharsets.UTF_8).length;
        int encoded = RegistryEntryCodec.encode(ad).length;
        assertTrue(encoded < json * 3 / 4, "DEFLATE shrinks it: " + encoded + " of " + json);
        assertTrue(encoded < RegistryEntryCodec.MAX_BYTES / 4, "encoded " + encoded);
    }

    @Test
    void truncatedEntryIsRefused() {
        byte[] entry = RegistryEntryCodec.encode(RegistryAds.typical(2));
        for (int len : new int[] {2, 10, entry.length / 2, entry.length - 1}) {
            byte[] cut = Arrays.copyOf(entry, len);
            assertThrows(IllegalArgumentException.class, () -> RegistryEntryCodec.decode(cut), "length " + len);
        }
    }

    @Test
    void garbageIsRefused() {
        byte[] garbage = new byte[300];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = (byte) RegistryEntryCodec.FORMAT;
        assertThrows(IllegalArgumentException.class, () -> RegistryEntryCodec.decode(garbage));
        assertThrows(IllegalArgumentException.class, () -> RegistryEntryCodec.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RegistryEntryCodec.decode(new byte[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RegistryEntryCodec.decode(null));
    }

    @Test
    void zipBombIsRefused() {
        // 1 MiB of spaces inside a JSON string compresses to ~1 KiB: well within the contract's 4096 bytes
        byte[] json = ("{\"ip_address\":\"" + " ".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] bomb = entry(RegistryEntryCodec.FORMAT, json);
        assertTrue(bomb.length <= RegistryEntryCodec.MAX_BYTES, "the bomb fits the contract: " + bomb.length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegistryEntryCodec.decode(bomb));
        assertTrue(e.getMessage().contains("inflates past"), e.getMessage());
    }

    @Test
    void otherFormatIsRefused() {
        byte[] entry = RegistryEntryCodec.encode(RegistryAds.typical(3));
        for (int format : new int[] {0, 2, 0xff}) {
            byte[] other = entry.clone();
            other[0] = (byte) format;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RegistryEntryCodec.decode(other));
            assertTrue(e.getMessage().contains("unknown format"), e.getMessage());
        }
    }

    @Test
    void jsonThatIsNotAnAdvertisementIsRefused() {
        for (String json : new String[] {"[1,2,3]", "\"text\"", "{\"resources\":\"many\"}", "{\"ip_address\":",
                "not json at all"}) {
            byte[] entry = entry(RegistryEntryCodec.FORMAT, json.getBytes(StandardCharsets.UTF_8));
            assertThrows(IllegalArgumentException.class, () -> RegistryEntryCodec.decode(entry), json);
        }
    }

    @Test
    void advertisementTooLargeForTheContractIsRefusedWhenEncoding() {
        AdvertisementRequest ad = RegistryAds.typical(4);
        // random names do not compress: ~40 KiB of them cannot fit 4096 bytes
        java.util.Random random = new java.util.Random(1);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        AdvertisementRequest big = new AdvertisementRequest(ad.ipAddress(), ad.country(), ad.platform(),
                ad.resources(), ad.pricing(), name.toString(), ad.apiPort(), ad.network(), ad.paymentsNetwork(),
                ad.streamPaymentAddress(), ad.tokenAddress(), ad.images(), ad.maxPorts(), ad.egress());
        assertThrows(IllegalArgumentException.class, () -> RegistryEntryCodec.encode(big));
    }

    /** @return {@code format} + raw DEFLATE of {@code payload} */
    static byte[] entry(int format, byte[] payload) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(payload);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(format);
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }
}
