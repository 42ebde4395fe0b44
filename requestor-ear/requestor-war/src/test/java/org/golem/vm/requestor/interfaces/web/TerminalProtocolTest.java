package org.golem.vm.requestor.interfaces.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The terminal's frames as the web console sends and reads them (requestor-ear/API.md, "Terminal"). */
class TerminalProtocolTest {

    @Test
    void authInputAndResizeAreRead() throws Exception {
        assertEquals(new TerminalProtocol.Auth("t0k", 100, 30),
                TerminalProtocol.parse("{\"type\":\"auth\",\"token\":\"t0k\",\"cols\":100,\"rows\":30}"));
        assertEquals(new TerminalProtocol.Auth("t0k", 80, 24),
                TerminalProtocol.parse("{\"type\":\"auth\",\"token\":\"t0k\"}"), "80×24 when no size is given");
        TerminalProtocol.Input in = (TerminalProtocol.Input) TerminalProtocol.parse(
                "{\"type\":\"input\",\"data\":\"ls \\u00e9\\n\"}");
        assertEquals("ls é\n", in.data());
        assertEquals(6, in.bytes().length, "UTF-8 to the shell");
        assertEquals(new TerminalProtocol.Resize(1, 1000),
                TerminalProtocol.parse("{\"type\":\"resize\",\"cols\":1,\"rows\":1000}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "42", "{}", "{\"type\":\"shell\"}", "{\"type\":\"auth\"}",
            "{\"type\":\"auth\",\"token\":5}", "{\"type\":\"input\"}", "{\"type\":\"input\",\"data\":[1]}",
            "{\"type\":\"resize\",\"cols\":0,\"rows\":24}", "{\"type\":\"resize\",\"cols\":80,\"rows\":1001}",
            "{\"type\":\"resize\",\"cols\":80}", "{\"type\":\"resize\",\"cols\":80.5,\"rows\":24}",
            "{\"type\":\"auth\",\"token\":\"t\",\"cols\":-1}"})
    void anythingElseIsAnInvalidMessage(String frame) {
        assertThrows(TerminalProtocol.InvalidMessage.class, () -> TerminalProtocol.parse(frame));
    }

    @Test
    void theServersFramesAndCloseCodes() {
        assertEquals("{\"type\":\"ready\",\"host\":\"203.0.113.7\",\"port\":50800,\"user\":\"root\","
                        + "\"host_key_fingerprint\":\"SHA256:abc\"}",
                TerminalProtocol.ready("203.0.113.7", 50800, "root", "SHA256:abc"));
        assertEquals("{\"type\":\"error\",\"code\":\"SSH_FAILED\",\"message\":\"a b\"}",
                TerminalProtocol.error("SSH_FAILED", "a\r\nb"));
        assertEquals("{\"type\":\"exit\",\"status\":3}", TerminalProtocol.exit(3));
        assertEquals(4401, TerminalProtocol.closeCode("UNAUTHORIZED"));
        assertEquals(4404, TerminalProtocol.closeCode("VM_NOT_FOUND"));
        assertEquals(4409, TerminalProtocol.closeCode("VM_NOT_RUNNING"));
        assertEquals(4502, TerminalProtocol.closeCode("HOST_KEY_MISMATCH"));
        assertEquals(4502, TerminalProtocol.closeCode("SSH_FAILED"));
        assertEquals(4400, TerminalProtocol.closeCode("INVALID_MESSAGE"));
        assertEquals(4408, TerminalProtocol.closeCode("AUTH_TIMEOUT"));
        assertFalse(new TerminalProtocol.Auth("secret", 80, 24).toString().contains("secret"), "never logged");
    }
}
