package org.golem.vm.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.golem.vm.common.json.Json;

/** Reads the JSON samples under src/test/resources/wire and compares JSON texts. */
final class Samples {

    private Samples() {
    }

    static String read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/wire/" + name)) {
            assertNotNull(in, "sample " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both texts parse to equal trees (field order and whitespace ignored, numbers compared by value type). */
    static void assertSameJson(String expected, String actual) {
        assertSameJson(Json.tree(expected), actual);
    }

    static void assertSameJson(JsonNode e, String actual) {
        JsonNode a = Json.tree(actual);
        assertEquals(e, a, () -> "expected " + e + "\n but was " + a);
    }

    /** The object has exactly these field names. */
    static void assertFields(JsonNode object, String... names) {
        Set<String> actual = new TreeSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(actual::add);
        assertEquals(new TreeSet<>(Set.of(names)), actual, () -> "fields of " + object);
    }

    static void assertFields(String json, String... names) {
        assertFields(Json.tree(json), names);
    }
}
