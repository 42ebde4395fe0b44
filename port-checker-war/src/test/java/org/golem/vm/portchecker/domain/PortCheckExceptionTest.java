package org.golem.vm.portchecker.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.wire.ErrorResponse;
import org.junit.jupiter.api.Test;

class PortCheckExceptionTest {

    @Test
    void statusesAndErrorBody() {
        assertEquals(400, PortCheckErrorCode.INVALID_IP.httpStatus());
        assertEquals(400, PortCheckErrorCode.INVALID_PORT.httpStatus());
        assertEquals(400, PortCheckErrorCode.TOO_MANY_PORTS.httpStatus());
        assertEquals(403, PortCheckErrorCode.TARGET_NOT_ALLOWED.httpStatus());
        assertEquals(429, PortCheckErrorCode.RATE_LIMITED.httpStatus());
        assertEquals(500, PortCheckErrorCode.CHECK_FAILED.httpStatus());

        PortCheckException e = new PortCheckException(PortCheckErrorCode.INVALID_PORT, "bad port");
        assertInstanceOf(ApiException.class, e, "rendered by the shared mapper");
        assertEquals(400, e.status());
        assertEquals("INVALID_PORT", e.code());
        assertEquals(PortCheckErrorCode.INVALID_PORT, e.errorCode());
        ErrorResponse body = e.body();
        assertEquals("INVALID_PORT", body.code());
        assertEquals("bad port", body.message());
    }

    @Test
    void causeIsKeptForLogs() {
        IllegalStateException cause = new IllegalStateException("internal");
        PortCheckException e = new PortCheckException(PortCheckErrorCode.CHECK_FAILED, "Port check operation failed",
                cause);
        assertSame(cause, e.getCause());
        assertEquals(500, e.status());
        assertEquals("Port check operation failed", e.body().message(), "internal text never reaches the client");
    }
}
