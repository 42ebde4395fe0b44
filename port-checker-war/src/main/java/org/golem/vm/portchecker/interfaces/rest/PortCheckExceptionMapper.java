package org.golem.vm.portchecker.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.golem.vm.common.rest.DomainExceptionMapper;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.ErrorResponse;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;

/**
 * The port checker's one place where a refused or failed check becomes HTTP: the status of its code (below) and the
 * body {@code {"detail": {"code": …, "message": …}}}. More specific than the shared {@link DomainExceptionMapper},
 * so JAX-RS picks it for every {@link PortCheckException}.
 */
@Provider
public class PortCheckExceptionMapper implements ExceptionMapper<PortCheckException> {

    /**
     * The status of each code: its {@link PortCheckErrorCode#refusal() refusal}'s status (400 {@code INVALID_IP},
     * {@code INVALID_PORT}, {@code TOO_MANY_PORTS}; 403 {@code TARGET_NOT_ALLOWED}), except two the port checker
     * has always answered differently: 429 {@code RATE_LIMITED} (Too Many Requests) and 500 {@code CHECK_FAILED}
     * (the check itself could not run).
     *
     * @param code a port check error code
     * @return its HTTP status
     */
    public static int status(PortCheckErrorCode code) {
        return switch (code) {
            case RATE_LIMITED -> 429;
            case CHECK_FAILED -> 500;
            case INVALID_IP, INVALID_PORT, TOO_MANY_PORTS, TARGET_NOT_ALLOWED ->
                    DomainExceptionMapper.status(code.refusal());
        };
    }

    @Override
    public Response toResponse(PortCheckException e) {
        return RestSupport.json(status(e.errorCode()), ErrorResponse.of(e.code(), e.getMessage()));
    }
}
