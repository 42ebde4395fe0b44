package org.golem.vm.common.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The one Jackson configuration for every JSON body our services send or receive and the CLI reads or
 * writes (provider API, discovery API, port checker; docs/provider-api.md §3, docs/discovery-api.md §4,
 * docs/port-checker-api.md §4).
 *
 * <p>Configuration:
 * <ul>
 *   <li>{@link PropertyNamingStrategies#SNAKE_CASE}: a record component {@code sshPort} is the JSON field
 *       {@code ssh_port}. Names given explicitly with {@code @JsonProperty} are kept as written (Jackson
 *       does not rename explicit names), which is how {@link org.golem.vm.common.stream.StreamState}
 *       keeps the contract's camelCase names ({@code startTime}, {@code ratePerSecond}).</li>
 *   <li>Unknown properties are ignored (forward compatibility: a newer peer may add fields).</li>
 *   <li>Numbers are exact: JSON floats are read as {@link java.math.BigDecimal} when the target is
 *       untyped, {@link java.math.BigInteger} wei amounts are written as JSON integers of any size, and
 *       {@link java.math.BigDecimal} is written in plain notation ({@code 1000}, never {@code 1E+3});
 *       trees keep a decimal's scale ({@code 6.0} stays {@code 6.0}, not {@code 6}).</li>
 *   <li>Integer fields ({@code int}, {@code Long}, {@link java.math.BigInteger} wei, ports, stream ids) take JSON
 *       integers only: a fraction or exponent ({@code 1.5}, {@code 1.0}, {@code 1e3}, {@code 1e999999999}) is a
 *       read error, never truncated or expanded. Jackson's own limits stay in force (a number of at most 1000
 *       digits; an int field out of the int range is an error).</li>
 *   <li>Trailing tokens after the first JSON value are an error.</li>
 *   <li>No {@code java.time} module: timestamps on the wire are strings, see {@link WireTime}.</li>
 * </ul>
 *
 * <p>The shared mapper returned by {@link #mapper()} is thread-safe; do not reconfigure it. A service
 * that needs its own instance (e.g. a JAX-RS {@code ContextResolver<ObjectMapper>}) calls
 * {@link #newMapper()}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    /** @return a new, independently configurable mapper with this project's configuration */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /** @return the shared mapper (thread-safe; do not reconfigure) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param value any value, typically a wire record
     * @return compact JSON text
     * @throws JsonException if the value cannot be serialised
     */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw wrap("cannot write JSON for " + typeName(value), e);
        }
    }

    /**
     * @param value any value, typically a wire record
     * @return compact JSON as UTF-8 bytes
     * @throws JsonException if the value cannot be serialised
     */
    public static byte[] toJsonBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw wrap("cannot write JSON for " + typeName(value), e);
        }
    }

    /**
     * @param json JSON text
     * @param type target type
     * @param <T>  target type
     * @return the value
     * @throws JsonException if the text is not valid JSON for {@code type}
     */
    public static <T> T fromJson(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw wrap("cannot read " + type.getSimpleName() + " from JSON", e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unrepresentable(e);
        }
    }

    /**
     * For generic targets, e.g. {@code new TypeReference<List<VmInfo>>() {}}.
     *
     * @param json JSON text
     * @param type target type
     * @param <T>  target type
     * @return the value
     * @throws JsonException if the text is not valid JSON for {@code type}
     */
    public static <T> T fromJson(String json, TypeReference<T> type) {
        Objects.requireNonNull(json, "json");
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw wrap("cannot read " + type.getType().getTypeName() + " from JSON", e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unrepresentable(e);
        }
    }

    /**
     * @param json UTF-8 (or UTF-16/32 with BOM) JSON bytes
     * @param type target type
     * @param <T>  target type
     * @return the value
     * @throws JsonException if the bytes are not valid JSON for {@code type}
     */
    public static <T> T fromJson(byte[] json, Class<T> type) {
        return read(MAPPER.readerFor(type), json, type);
    }

    /**
     * Like {@link #fromJson(byte[], Class)}, but a field {@code type} does not have is an error (a
     * {@link com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException} as the cause) instead of being
     * ignored: for bodies where a misspelt name must not pass silently (the provider's admin settings).
     *
     * @param json UTF-8 JSON bytes
     * @param type target type
     * @param <T>  target type
     * @return the value
     * @throws JsonException if the bytes are not valid JSON for {@code type} or name a field it does not have
     */
    public static <T> T fromJsonStrict(byte[] json, Class<T> type) {
        return read(MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), json, type);
    }

    private static <T> T read(ObjectReader reader, byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw wrap("cannot read " + type.getSimpleName() + " from JSON", e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unrepresentable(e);
        }
    }

    /**
     * Reads one JSON value from a stream; the stream is not closed.
     *
     * @param json JSON input
     * @param type target type
     * @param <T>  target type
     * @return the value
     * @throws JsonException if the input is not valid JSON for {@code type} or cannot be read
     */
    public static <T> T fromJson(InputStream json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        try {
            return MAPPER.readerFor(type).without(StreamReadFeature.AUTO_CLOSE_SOURCE).readValue(json);
        } catch (IOException e) {
            throw wrap("cannot read " + type.getSimpleName() + " from JSON", e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unrepresentable(e);
        }
    }

    /**
     * @param json JSON text
     * @return the tree (numbers: integers as int/long/BigInteger, floats as BigDecimal)
     * @throws JsonException if the text is not valid JSON or holds a number no {@code BigDecimal} can hold
     */
    public static JsonNode tree(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw wrap("cannot parse JSON", e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unrepresentable(e);
        }
    }

    private static JsonException wrap(String what, IOException e) {
        String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        return new JsonException(what + ": " + detail, e);
    }

    /**
     * Jackson throws {@link NumberFormatException} itself, unwrapped, for a JSON number whose exponent no
     * {@link java.math.BigDecimal} can hold ({@code 1e99999999999}, {@code 1e-2147483648}) when it builds a tree.
     */
    private static JsonException unrepresentable(RuntimeException e) {
        return new JsonException("a number in the JSON cannot be represented: " + e.getMessage(), e);
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
