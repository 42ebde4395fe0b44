package org.golem.vm.common.testing;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.opentest4j.AssertionFailedError;

/**
 * Golden files of the JSON our services put on the wire: an integration test hands each answer it receives (the
 * HTTP status and the body) to {@link #check}, which reduces it to its <em>shape</em> and compares it with the
 * recorded file {@code src/test/resources/wire/<name>.json} of the module under test. The files were recorded
 * on the code before the issue-16 refactoring, so a route whose field names, field order, nesting, presence
 * (an omitted field versus {@code null}), value types, status or error code changed fails its test.
 *
 * <h2>What is kept and what is reduced</h2>
 * <ul>
 *   <li>Field names and their order, nesting, array elements, booleans and {@code null}: kept as they are.</li>
 *   <li>JSON numbers: reduced to {@code "<int>"} (integral) or {@code "<decimal>"} — ports, ids, timestamps in
 *       seconds and wei amounts change from run to run.</li>
 *   <li>Strings that read as a code or an enum value ({@code AUTH_MISSING}, {@code ADV_004}, {@code running},
 *       {@code success}, {@code not_found}): kept as they are.</li>
 *   <li>Other strings: kept, with their volatile parts replaced — first the literals the test registered with
 *       {@link #masking} (a random VM name or network), then addresses ({@code <address>}, 0x + 40 hex digits),
 *       other 0x-hex values ({@code <hash>} for 64 digits, {@code <hex>} otherwise; signatures, transaction
 *       hashes), UUIDs ({@code <uuid>}), ISO-8601 timestamps ({@code <timestamp>}), long tokens mixing letters
 *       and digits ({@code <token>}; SSH keys, base64 fingerprints), lower-case hex words of 8 or more
 *       characters mixing letters and digits ({@code <hex>}; a VM's driver id), and last every run of digits
 *       ({@code <n>}; ports, amounts and ids inside messages). A string of digits only is {@code "<digits>"}
 *       and a decimal string is {@code "<decimal-string>"} (wei and USD amounts sent as strings).</li>
 *   <li>Object keys go through the same string rules (maps keyed by an address, a port or a VM name); when two
 *       keys reduce to the same marker the later ones get {@code #2}, {@code #3}, ... in their order.</li>
 *   <li>A body that is not JSON is recorded as {@code {"text": "<reduced text>"}}; an empty body as
 *       {@code {"empty": true}}.</li>
 * </ul>
 *
 * <h2>Recording</h2>
 * Run the test with {@code -Dwire.record=true} (Maven passes it on to the forked test JVM) and every call writes
 * its file instead of comparing. The directory is {@code src/test/resources/wire} below the working directory
 * (the module's directory under Surefire and Failsafe), or the one named by {@code -Dwire.dir=...}. A file
 * holds the route it documents, the status and the reduced body:
 * <pre>{@code
 * {
 *   "route" : "GET /api/v1/advertisements/{provider_id}",
 *   "status" : 404,
 *   "body" : { "detail" : { "code" : "ADV_004", "message" : "..." } }
 * }
 * }</pre>
 * The list of routes and their recordings is in {@code common/src/test/resources/wire-recordings.md}.
 *
 * <p>A mismatch fails with an {@link AssertionFailedError} that lists each difference by JSON path (a changed
 * value, a missing or unexpected field, a new field order) and carries both documents, so an IDE shows a diff.
 */
public final class WireRecording {

    /** The system property that switches from comparing to (re)writing the recorded files. */
    public static final String RECORD_PROPERTY = "wire.record";
    /** The system property naming the directory of the recorded files (default {@code src/test/resources/wire}). */
    public static final String DIR_PROPERTY = "wire.dir";

    private static final ObjectMapper PRETTY = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Names written in this JVM, to catch one name recorded for two different shapes. */
    private static final Map<String, JsonNode> WRITTEN = new ConcurrentHashMap<>();

    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final Pattern ENUM_WORD = Pattern.compile("[a-z]+([_-][a-z]+)*");
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]*\\.[0-9]+");
    private static final List<Map.Entry<Pattern, String>> MASKS = List.of(
            Map.entry(Pattern.compile("0x[0-9a-fA-F]{40}(?![0-9a-fA-F])"), "<address>"),
            Map.entry(Pattern.compile("0x[0-9a-fA-F]{64}(?![0-9a-fA-F])"), "<hash>"),
            Map.entry(Pattern.compile("0x[0-9a-fA-F]+"), "<hex>"),
            Map.entry(Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"), "<uuid>"),
            Map.entry(Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}"
                    + "(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"), "<timestamp>"),
            Map.entry(Pattern.compile("(?=[A-Za-z0-9+/=_-]*[0-9])(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}"),
                    "<token>"),
            Map.entry(Pattern.compile("(?<![0-9A-Za-z])(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?![0-9A-Za-z])"),
                    "<hex>"),
            Map.entry(Pattern.compile("[0-9]+"), "<n>"));

    private final Path dir;
    private final boolean record;
    private final Map<String, String> literals;
    private final Set<String> unordered;
    private final String prefix;

    private WireRecording(Path dir, boolean record, Map<String, String> literals, Set<String> unordered,
                          String prefix) {
        this.dir = dir;
        this.record = record;
        this.literals = literals;
        this.unordered = unordered;
        this.prefix = prefix;
    }

    /**
     * @return a recording over {@code src/test/resources/wire} of the working directory (or {@code -Dwire.dir}),
     *         comparing, or writing when {@code -Dwire.record=true}
     */
    public static WireRecording fromSystemProperties() {
        return new WireRecording(Path.of(System.getProperty(DIR_PROPERTY, "src/test/resources/wire")),
                Boolean.getBoolean(RECORD_PROPERTY), Map.of(), Set.of(), "");
    }

    /**
     * @param dir    the directory of the recorded files
     * @param record {@code true} to write the files, {@code false} to compare with them
     * @return a recording over {@code dir}
     */
    public static WireRecording in(Path dir, boolean record) {
        return new WireRecording(dir, record, Map.of(), Set.of(), "");
    }

    /**
     * @param literal a value the test made up at random (a VM name, a network name); ignored when null or empty
     * @param marker  what replaces it wherever it occurs in a string or a key, e.g. {@code "<vm>"}
     * @return a copy of this recording that also replaces {@code literal}
     */
    public WireRecording masking(String literal, String marker) {
        if (literal == null || literal.isEmpty()) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(literals);
        more.put(literal, marker);
        return new WireRecording(dir, record, more, unordered, prefix);
    }

    /**
     * For an object whose field order the code under test does not fix (one built with {@code Map.of}, whose
     * iteration order changes from one JVM to the next): its fields are still compared, their order is not.
     *
     * @param path the object's path in the recorded document, e.g. {@code $.body.error}
     * @return a copy of this recording that ignores the field order at {@code path}
     */
    public WireRecording ignoringFieldOrderAt(String path) {
        Set<String> more = new java.util.HashSet<>(unordered);
        more.add(path);
        return new WireRecording(dir, record, literals, Set.copyOf(more), prefix);
    }

    /**
     * @param namePrefix put before every name given to {@link #check}, e.g. {@code "discovery-"}
     * @return a copy of this recording with that prefix
     */
    public WireRecording prefixed(String namePrefix) {
        return new WireRecording(dir, record, literals, unordered, namePrefix);
    }

    /**
     * {@link #check(String, String, int, String)} for an answer of the project's HTTP client.
     *
     * @return {@code reply}, for the test's own assertions
     */
    public GolemHttpClient.Reply check(String name, String route, GolemHttpClient.Reply reply) {
        check(name, route, reply.status(), reply.body());
        return reply;
    }

    /**
     * {@link #check(String, String, int, String)} for an answer of the JDK's HTTP client.
     *
     * @return {@code response}, for the test's own assertions
     */
    public HttpResponse<String> check(String name, String route, HttpResponse<String> response) {
        check(name, route, response.statusCode(), response.body());
        return response;
    }

    /** @return whether this recording writes the files instead of comparing */
    public boolean recording() {
        return record;
    }

    /**
     * Compares an answer with its recorded file, or writes the file when recording.
     *
     * @param name   the file name without {@code .json} and without the {@link #prefixed prefix}, e.g.
     *               {@code get-not-found}
     * @param route  the route it documents, e.g. {@code GET /api/v1/advertisements/{provider_id}}
     * @param status the HTTP status of the answer
     * @param body   the body of the answer as received (JSON, other text, or empty/null)
     * @throws AssertionFailedError  when the reduced answer differs from the recorded one, or no file is recorded
     * @throws UncheckedIOException  when the file cannot be read or written
     */
    public void check(String name, String route, int status, String body) {
        ObjectNode actual = NODES.objectNode();
        actual.put("route", route);
        actual.put("status", status);
        actual.set("body", healthChecksByName(reduceBody(body)));
        Path file = dir.resolve(prefix + name + ".json");
        if (record) {
            JsonNode earlier = WRITTEN.putIfAbsent(file.toAbsolutePath().toString(), actual);
            List<String> diff = earlier == null ? List.of() : differences(earlier, actual, unordered);
            if (!diff.isEmpty()) {
                throw new AssertionFailedError("wire recording '" + name + "' was recorded twice with different"
                        + " shapes in one run:\n" + String.join("\n", diff),
                        pretty(earlier), pretty(actual));
            }
            write(file, actual);
            return;
        }
        if (!Files.exists(file)) {
            throw new AssertionFailedError("no wire recording " + file.toAbsolutePath() + " for " + route
                    + " (record it with -D" + RECORD_PROPERTY + "=true on the code whose answers it keeps)");
        }
        JsonNode expected = read(file);
        if (expected.isObject() && expected.has("body")) {
            ((ObjectNode) expected).set("body", healthChecksByName(expected.get("body")));
        }
        List<String> diff = differences(expected, actual, unordered);
        if (!diff.isEmpty()) {
            throw new AssertionFailedError("the answer of " + route + " no longer matches " + file + ":\n  "
                    + String.join("\n  ", diff), pretty(expected), pretty(actual));
        }
    }

    /**
     * MicroProfile Health lists its checks in no defined order (the order in which the server discovered the check
     * beans, which moves when classes move), so an answer of the shape {@code {"status", "checks": [{"name", ...}]}}
     * is compared with its checks sorted by name.
     *
     * @param body a reduced body
     * @return the same body, its {@code checks} sorted by {@code name} when it is a health answer
     */
    static JsonNode healthChecksByName(JsonNode body) {
        if (!body.isObject() || !body.has("status") || !body.path("checks").isArray()) {
            return body;
        }
        List<JsonNode> checks = new java.util.ArrayList<>();
        body.get("checks").forEach(checks::add);
        if (!checks.stream().allMatch(c -> c.path("name").isTextual())) {
            return body;
        }
        checks.sort(java.util.Comparator.comparing(c -> c.get("name").asText()));
        ObjectNode sorted = body.deepCopy();
        ArrayNode array = NODES.arrayNode();
        checks.forEach(array::add);
        sorted.set("checks", array);
        return sorted;
    }

    /**
     * @param body an answer's body
     * @return its reduced form: the reduced JSON tree, {@code {"text": ...}} for other text, {@code {"empty": true}}
     */
    public JsonNode reduceBody(String body) {
        if (body == null || body.isBlank()) {
            return NODES.objectNode().put("empty", true);
        }
        JsonNode tree;
        try {
            tree = Json.tree(body);
        } catch (RuntimeException e) {
            return NODES.objectNode().put("text", reduceText(body.strip()));
        }
        return reduce(tree);
    }

    /**
     * @param node a JSON tree
     * @return the tree with its volatile values replaced by markers, field names, order and nesting kept
     */
    public JsonNode reduce(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = reduceString(field.getKey());
                for (int n = 2; out.has(key); n++) { // two ports or two addresses reduce to one key
                    key = reduceString(field.getKey()) + "#" + n;
                }
                out.set(key, reduce(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(element -> out.add(reduce(element)));
            return out;
        }
        if (node.isNumber()) {
            return NODES.textNode(node.isIntegralNumber() ? "<int>" : "<decimal>");
        }
        if (node.isTextual()) {
            return NODES.textNode(reduceString(node.asText()));
        }
        return node; // boolean, null
    }

    /**
     * @param value a string value or object key
     * @return the value itself when it reads as a code or an enum value, else its reduced form
     */
    public String reduceString(String value) {
        String masked = value;
        for (Map.Entry<String, String> literal : literals.entrySet()) {
            masked = masked.replace(literal.getKey(), literal.getValue());
        }
        if (CONSTANT.matcher(masked).matches() || ENUM_WORD.matcher(masked).matches()) {
            return masked;
        }
        if (DIGITS.matcher(masked).matches()) {
            return "<digits>";
        }
        if (DECIMAL.matcher(masked).matches()) {
            return "<decimal-string>";
        }
        return reduceText(masked);
    }

    private String reduceText(String text) {
        String out = text;
        for (Map.Entry<String, String> literal : literals.entrySet()) {
            out = out.replace(literal.getKey(), literal.getValue());
        }
        for (Map.Entry<Pattern, String> mask : MASKS) {
            out = mask.getKey().matcher(out).replaceAll(Matcher.quoteReplacement(mask.getValue()));
        }
        return out;
    }

    /**
     * @param expected the recorded document
     * @param actual   the document of this run
     * @return one line per difference, by JSON path ({@code $.detail.code}); empty when they are equal
     */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        return differences(expected, actual, Set.of());
    }

    private static List<String> differences(JsonNode expected, JsonNode actual, Set<String> unordered) {
        List<String> out = new ArrayList<>();
        diff("$", expected, actual, unordered, out);
        return out;
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, Set<String> unordered,
                             List<String> out) {
        if (expected.toString().equals(actual.toString())) { // JsonNode.equals ignores the field order
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            List<String> expectedNames = names(expected);
            List<String> actualNames = names(actual);
            for (String name : expectedNames) {
                if (!actual.has(name)) {
                    out.add(path + "." + name + ": missing (was " + compact(expected.get(name)) + ")");
                } else {
                    diff(path + "." + name, expected.get(name), actual.get(name), unordered, out);
                }
            }
            for (String name : actualNames) {
                if (!expected.has(name)) {
                    out.add(path + "." + name + ": unexpected field " + compact(actual.get(name)));
                }
            }
            List<String> common = new ArrayList<>(expectedNames);
            common.retainAll(Set.copyOf(actualNames));
            List<String> actualOrder = new ArrayList<>(actualNames);
            actualOrder.retainAll(Set.copyOf(expectedNames));
            if (!common.equals(actualOrder) && !unordered.contains(path)) {
                out.add(path + ": field order " + actualOrder + ", recorded " + common);
            }
            return;
        }
        if (expected.isArray() && actual.isArray()) {
            int n = Math.min(expected.size(), actual.size());
            for (int i = 0; i < n; i++) {
                diff(path + "[" + i + "]", expected.get(i), actual.get(i), unordered, out);
            }
            if (expected.size() != actual.size()) {
                out.add(path + ": " + actual.size() + " elements, recorded " + expected.size());
            }
            return;
        }
        out.add(path + ": " + compact(actual) + ", recorded " + compact(expected));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String compact(JsonNode node) {
        String s = node.toString();
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    private static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.tree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, JsonNode document) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty(document) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
