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

class PortCheckExceptionMapperTest {

    @Test
    void statusesAndErrorBody() {
        assertEquals(400, PortCheckExceptionMapper.status(PortCheckErrorCode.INVALID_IP));
        assertEquals(400, PortCheckExceptionMapper.status(PortCheckErrorCode.INVALID_PORT));
        assertEquals(400, PortCheckExceptionMapper.status(PortCheckErrorCode.TOO_MANY_PORTS));
        assertEquals(403, PortCheckExceptionMapper.status(PortCheckErrorCode.TARGET_NOT_ALLOWED));
        assertEquals(429, PortCheckExceptionMapper.status(PortCheckErrorCode.RATE_LIMITED));
        assertEquals(500, PortCheckExceptionMapper.status(PortCheckErrorCode.CHECK_FAILED));

        PortCheckException e = new PortCheckException(PortCheckErrorCode.INVALID_PORT, "bad port");
        assertInstanceOf(DomainException.class, e, "a domain refusal, no HTTP in it");
        assertEquals(Refusal.INVALID, e.refusal());
        assertEquals("INVALID_PORT", e.code());
        assertEquals(PortCheckErrorCode.INVALID_PORT, e.errorCode());
        assertEquals(400, PortCheckExceptionMapper.status(e.errorCode()));
        assertEquals("bad port", e.getMessage(), "the body's detail.message");
    }

    @Test
    void refusalsAgreeWithTheSharedStatusesExceptTheTwoOwnOnes() {
        for (PortCheckErrorCode code : PortCheckErrorCode.values()) {
            if (code != PortCheckErrorCode.RATE_LIMITED && code != PortCheckErrorCode.CHECK_FAILED) {
                assertEquals(DomainExceptionMapper.status(code.refusal()), PortCheckExceptionMapper.status(code),
                        code.name());
            }
        }
    }

    @Test
    void causeIsKeptForLogs() {
        IllegalStateException cause = new IllegalStateException("internal");
        PortCheckException e = new PortCheckException(PortCheckErrorCode.CHECK_FAILED, "Port check operation failed",
                cause);
        assertSame(cause, e.getCause());
        assertEquals(500, PortCheckExceptionMapper.status(e.errorCode()));
        assertEquals("Port check operation failed", e.getMessage(), "internal text never reaches the client");
    }
}
