package org.golem.vm.portchecker.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.rest.DomainExceptionMapper;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;
import org.junit.jupiter.api.Test;

/** Each port check error code answers with the status the port checker has always used, through the shared mapper. */
class PortCheckErrorStatusTest {

    @Test
    void statusesAndErrorBody() {
        assertEquals(400, DomainExceptionMapper.status(PortCheckErrorCode.INVALID_IP.refusal()));
        assertEquals(400, DomainExceptionMapper.status(PortCheckErrorCode.INVALID_PORT.refusal()));
        assertEquals(400, DomainExceptionMapper.status(PortCheckErrorCode.TOO_MANY_PORTS.refusal()));
        assertEquals(403, DomainExceptionMapper.status(PortCheckErrorCode.TARGET_NOT_ALLOWED.refusal()));
        assertEquals(429, DomainExceptionMapper.status(PortCheckErrorCode.RATE_LIMITED.refusal()));
        assertEquals(500, DomainExceptionMapper.status(PortCheckErrorCode.CHECK_FAILED.refusal()));

        PortCheckException e = new PortCheckException(PortCheckErrorCode.INVALID_PORT, "bad port");
        assertInstanceOf(DomainException.class, e, "a domain refusal, no HTTP in it");
        assertEquals(Refusal.INVALID, e.refusal());
        assertEquals("INVALID_PORT", e.code());
        assertEquals(PortCheckErrorCode.INVALID_PORT, e.errorCode());
        assertEquals(400, DomainExceptionMapper.status(e.refusal()));
        assertEquals("bad port", e.getMessage(), "the body's detail.message");
    }

    @Test
    void causeIsKeptForLogs() {
        IllegalStateException cause = new IllegalStateException("internal");
        PortCheckException e = new PortCheckException(PortCheckErrorCode.CHECK_FAILED, "Port check operation failed",
                cause);
        assertSame(cause, e.getCause());
        assertEquals(500, DomainExceptionMapper.status(e.refusal()));
        assertEquals("Port check operation failed", e.getMessage(), "internal text never reaches the client");
    }
}
