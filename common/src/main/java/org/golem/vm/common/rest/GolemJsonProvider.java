package org.golem.vm.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.json.Json;

/**
 * JSON for every service through Jackson with the project's mapper ({@link Json#newMapper()}: snake_case, exact
 * wei). Registered explicitly by each service's JAX-RS application, it takes precedence over the container's
 * default JSON-B, which would ignore the wire types' naming.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
public class GolemJsonProvider extends JacksonJsonProvider {
    public GolemJsonProvider() {
        super(Json.newMapper());
    }

    /**
     * Reads a body; malformed JSON and bodies of the wrong shape become {@link ApiException}s (400/422 with a code).
     */
    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        try {
            return super.readFrom(type, genericType, annotations, mediaType, httpHeaders, entityStream);
        } catch (JsonProcessingException e) {
            throw JsonInputExceptionMapper.toApiException(e);
        }
    }
}
