package org.golem.vm.common.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * Last resort: a bug or an outage of a dependency. Answers 500 {@code INTERNAL_ERROR} with an incident id and
 * logs the stack trace under that id; internal exception text never reaches the client (the original echoed it).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error, incident " + incident, e);
        return RestSupport.json(500, ErrorResponse.of("INTERNAL_ERROR", "unexpected error; incident " + incident));
    }
}
