package org.golem.vm.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * Bodies that are not JSON (400 {@code INVALID_JSON}) or do not fit the expected shape (422 {@code INVALID_BODY},
 * naming the field), instead of the container's default 500 or HTML page. {@link RestSupport#read} turns its read
 * errors into these {@link ApiException}s itself; this mapper covers Jackson errors raised anywhere else.
 */
@Provider
public class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        ApiException api = toApiException(e);
        return respond(api.status(), api.code(), api.getMessage());
    }

    /**
     * @param e a Jackson read error
     * @return 400 {@code INVALID_JSON} for malformed JSON, 422 {@code INVALID_BODY} naming the field otherwise
     */
    public static ApiException toApiException(JsonProcessingException e) {
        if (e instanceof StreamReadException) {
            return new ApiException(400, "INVALID_JSON", "request body is not valid JSON: " + e.getOriginalMessage());
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
        // IllegalArgumentException from a record's own validation carries a message written for clients.
        String reason = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        return new ApiException(422, "INVALID_BODY", field + reason);
    }

    private static Response respond(int status, String code, String message) {
        return RestSupport.json(status, ErrorResponse.of(code, message));
    }
}
