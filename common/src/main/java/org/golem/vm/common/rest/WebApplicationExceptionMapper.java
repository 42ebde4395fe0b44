package org.golem.vm.common.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * Container-raised HTTP errors (unknown path 404, wrong method 405, wrong media type 415, ...) in the same JSON
 * envelope as every other error, with the status's name as code ({@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}).
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.StatusType type = original.getStatusInfo();
        String code = type.getReasonPhrase() == null ? "HTTP_" + status
                : type.getReasonPhrase().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        Response.ResponseBuilder r = Response.fromResponse(
                RestSupport.json(status, ErrorResponse.of(code, type.getReasonPhrase())));
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            r.header("Allow", allow);
        }
        return r.build();
    }
}
