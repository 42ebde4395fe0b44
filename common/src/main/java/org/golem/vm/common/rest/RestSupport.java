package org.golem.vm.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;

/**
 * JSON in and out of every service through the project's mapper ({@link Json}: snake_case, exact wei), as bytes:
 * resources take the body as {@code byte[]} and {@link #read} it, and answer with {@link #ok}/{@link #json}, whose
 * entity is already-serialised bytes. No JAX-RS JSON provider is involved, so the container's own JSON-B writer
 * (which won at random over a Jackson provider on Payara Micro) never sees our types.
 *
 * <p>{@link #providers()} are the classes every service registers in its
 * {@code jakarta.ws.rs.core.Application#getClasses()}: the error mappers that keep every error in the
 * {@code {"detail":{"code","message"}}} envelope, the signed-request filter and the feature that logs client
 * disconnects as one line. Services list their classes
 * explicitly (no scanning), so libraries' own {@code @Provider}s in WEB-INF/lib cannot take over.
 */
public final class RestSupport {
    private RestSupport() {
    }

    /** @return the shared providers: error mappers, the signed-request filter and {@link ClientDisconnectLogging} */
    public static Set<Class<?>> providers() {
        return Set.of(ApiExceptionMapper.class, DomainExceptionMapper.class, AuthExceptionMapper.class,
                JsonInputExceptionMapper.class, WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class,
                SignedRequestFilter.class, ClientDisconnectLogging.class);
    }

    /**
     * @param status HTTP status
     * @param entity the body, serialised with the project's mapper
     * @return an {@code application/json} response
     */
    public static Response json(int status, Object entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.toJsonBytes(entity)).build();
    }

    /**
     * @param entity the body, serialised with the project's mapper
     * @return 200 {@code application/json}
     */
    public static Response ok(Object entity) {
        return json(200, entity);
    }

    /**
     * Reads a request body.
     *
     * @param body the raw body
     * @param type what it must be
     * @param <T>  the type
     * @return the value
     * @throws ApiException 422 {@code VALIDATION_ERROR} for a missing body or a JSON {@code null}, 400
     *                      {@code INVALID_JSON} for malformed
     *                      JSON, 422 {@code INVALID_BODY} naming the field for a body of the wrong shape (and,
     *                      without a field, for a number whose exponent no {@code BigDecimal} holds)
     */
    public static <T> T read(byte[] body, Class<T> type) {
        return read(body, () -> Json.fromJson(body, type));
    }

    /**
     * Reads a request body in which every field must be one of {@code type}'s (a misspelt setting is refused
     * rather than ignored).
     *
     * @param body the raw body
     * @param type what it must be
     * @param <T>  the type
     * @return the value
     * @throws ApiException as {@link #read(byte[], Class)}, and 422 {@code INVALID_BODY} naming a field {@code type}
     *                      does not have and listing those it has
     */
    public static <T> T readStrict(byte[] body, Class<T> type) {
        return read(body, () -> Json.fromJsonStrict(body, type));
    }

    private static <T> T read(byte[] body, java.util.function.Supplier<T> reader) {
        if (body == null || body.length == 0) {
            throw new ApiException(422, "VALIDATION_ERROR", "body: is required");
        }
        try {
            T value = reader.get();
            if (value == null) {
                throw new ApiException(422, "VALIDATION_ERROR", "body: must be a JSON object, not null");
            }
            return value;
        } catch (JsonException e) {
            if (e.getCause() instanceof JsonProcessingException j) {
                throw JsonInputExceptionMapper.toApiException(j);
            }
            if (e.getCause() instanceof NumberFormatException || e.getCause() instanceof ArithmeticException) {
                throw new ApiException(422, "INVALID_BODY", "a number in the body is out of any range: "
                        + e.getCause().getMessage());
            }
            throw new ApiException(400, "INVALID_JSON", "request body is not valid JSON");
        }
    }
}
