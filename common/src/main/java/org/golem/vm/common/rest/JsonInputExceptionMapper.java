package org.golem.vm.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.math.BigInteger;
import java.util.stream.Collectors;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * Bodies that are not JSON (400 {@code INVALID_JSON}) or do not fit the expected shape (422 {@code INVALID_BODY},
 * naming the field), instead of the container's default 500 or HTML page. {@link RestSupport#read} turns its read
 * errors into these {@link ApiException}s itself; this mapper covers Jackson errors raised anywhere else.
 */
@Provider
public class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    private static final int MAX_MESSAGE = 300;

    @Override
    public Response toResponse(JsonProcessingException e) {
        ApiException api = toApiException(e);
        return respond(api.status(), api.code(), api.getMessage());
    }

    /**
     * @param e a Jackson read error
     * @return 400 {@code INVALID_JSON} for malformed JSON, 422 {@code INVALID_BODY} naming the field otherwise (a
     *         fraction or exponent in an integer field: "must be a whole number ..."; an integer beyond the
     *         field's type: "is out of range"; a field the body does not have, when read strictly: "is not a
     *         field of this body" with the fields it has); the message is cut after 300 characters
     */
    public static ApiException toApiException(JsonProcessingException e) {
        if (e instanceof StreamReadException && !(e instanceof InputCoercionException)) {
            return new ApiException(400, "INVALID_JSON",
                    shorten("request body is not valid JSON: " + e.getOriginalMessage()));
        }
        String field = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")) + ": ";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason;
        if (e instanceof UnrecognizedPropertyException u) {
            reason = "is not a field of this body; the fields are " + u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        } else if (root instanceof IllegalArgumentException) {
            // from a record's own validation: a message written for clients
            reason = root.getMessage();
        } else if (e instanceof InvalidFormatException f && isInteger(f.getTargetType())
                && (f.getValue() instanceof Number || f.getValue() instanceof String)) {
            reason = "must be a whole number written as a JSON integer (no fraction or exponent)";
        } else if (root instanceof InputCoercionException c && isInteger(c.getTargetType())) {
            reason = "is out of range (at most " + (c.getTargetType() == Long.TYPE || c.getTargetType() == Long.class
                    ? Long.MAX_VALUE : Integer.MAX_VALUE) + ")";
        } else {
            reason = e.getOriginalMessage();
        }
        return new ApiException(422, "INVALID_BODY", shorten(field + reason));
    }

    private static boolean isInteger(Class<?> type) {
        return type == Integer.TYPE || type == Integer.class || type == Long.TYPE || type == Long.class
                || type == Short.TYPE || type == Short.class || type == BigInteger.class;
    }

    /** Jackson quotes the offending value (up to 1000 digits); the answer need not repeat all of it. */
    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }

    private static Response respond(int status, String code, String message) {
        return RestSupport.json(status, ErrorResponse.of(code, message));
    }
}
