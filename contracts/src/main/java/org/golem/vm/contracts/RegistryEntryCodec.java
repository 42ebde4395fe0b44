package org.golem.vm.contracts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;
import org.golem.vm.common.wire.AdvertisementRequest;

/**
 * The compact encoding of a ProviderRegistry entry (docs/contracts.md §8): one format byte
 * ({@value #FORMAT}), then the provider's advertisement — the {@link AdvertisementRequest} a provider sends to the
 * central discovery service, as its snake_case JSON — compressed with raw DEFLATE (RFC 1951, no zlib header).
 *
 * <p>Why JSON under DEFLATE rather than a packed binary layout: the advertisement gains fields from release to
 * release (images, ports, egress were added after the first), JSON lets an old reader skip what it does not know
 * and any language decodes it with its standard library; DEFLATE brings a typical advertisement (full pricing, three
 * images, an egress allow list: ~1,270 bytes of JSON) to ~560 bytes, which is what the provider pays storage gas for
 * (bench/README.md "Provider registry"). The contract checks only the format byte and
 * the length ({@link #MAX_BYTES}); readers must treat the content as untrusted ({@link #decode} bounds the inflated
 * size, callers validate the fields).
 */
public final class RegistryEntryCodec {

    /** The format byte this codec writes and reads: the contract's {@code FORMAT}. */
    public static final int FORMAT = 1;
    /** Largest entry the contract stores, bytes (its {@code MAX_DATA}). */
    public static final int MAX_BYTES = 4096;
    /** Largest inflated JSON a reader accepts, bytes. */
    public static final int MAX_JSON_BYTES = 64 * 1024;

    private RegistryEntryCodec() {
    }

    /**
     * @param ad the advertisement (the provider id is not part of it: on chain it is the entry's owner)
     * @return the entry's bytes: format byte + raw DEFLATE of {@code Json.toJson(ad)}
     * @throws IllegalArgumentException when the encoded entry exceeds {@link #MAX_BYTES}
     */
    public static byte[] encode(AdvertisementRequest ad) {
        byte[] json = Json.toJson(ad).getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(json);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 16);
            out.write(FORMAT);
            byte[] buf = new byte[1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            byte[] entry = out.toByteArray();
            if (entry.length > MAX_BYTES) {
                throw new IllegalArgumentException("the advertisement encodes to " + entry.length
                        + " bytes; the registry stores at most " + MAX_BYTES);
            }
            return entry;
        } finally {
            deflater.end();
        }
    }

    /**
     * @param entry an entry's bytes as read from the chain
     * @return the advertisement it carries (fields not validated: see {@code WireValidation})
     * @throws IllegalArgumentException when the entry is empty, of another format, not valid DEFLATE, inflates past
     *                                  {@link #MAX_JSON_BYTES}, or is not an advertisement's JSON
     */
    public static AdvertisementRequest decode(byte[] entry) {
        if (entry == null || entry.length < 2) {
            throw new IllegalArgumentException("empty registry entry");
        }
        if ((entry[0] & 0xff) != FORMAT) {
            throw new IllegalArgumentException("registry entry of unknown format " + (entry[0] & 0xff));
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(entry, 1, entry.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(entry.length * 3);
            byte[] buf = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("registry entry is truncated DEFLATE data");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_JSON_BYTES) {
                    throw new IllegalArgumentException("registry entry inflates past " + MAX_JSON_BYTES + " bytes");
                }
            }
            return Json.fromJson(out.toString(StandardCharsets.UTF_8), AdvertisementRequest.class);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("registry entry is not DEFLATE data: " + e.getMessage(), e);
        } catch (JsonException e) {
            throw new IllegalArgumentException("registry entry is not an advertisement: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
