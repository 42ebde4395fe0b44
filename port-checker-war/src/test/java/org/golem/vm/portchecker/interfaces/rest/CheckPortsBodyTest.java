package org.golem.vm.portchecker.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.golem.vm.common.rest.DomainExceptionMapper;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckPortsBodyTest {

    private static CheckPortsRequest parse(String json) {
        return CheckPortsBody.toRequest(Json.tree(json));
    }

    @Test
    void theProvidersRequest() {
        assertEquals(new CheckPortsRequest("203.0.113.7", List.of(50800, 50801)),
                parse("{\"provider_ip\":\"203.0.113.7\",\"ports\":[50800,50801],\"extra\":1}"));
        assertEquals(new CheckPortsRequest("::1", List.of(80, 80)), parse("{\"provider_ip\":\"::1\",\"ports\":[80,80]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "42", "true", "null"})
    void notAnObjectIsInvalidBody(String json) {
        ApiException e = assertThrows(ApiException.class, () -> parse(json));
        assertEquals(422, e.status());
        assertEquals("INVALID_BODY", e.code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"ports\":[80]}|INVALID_IP",
        "{\"provider_ip\":null,\"ports\":[80]}|INVALID_IP",
        "{\"provider_ip\":7,\"ports\":[80]}|INVALID_IP",
        "{\"provider_ip\":{},\"ports\":[80]}|INVALID_IP",
        "{\"provider_ip\":\"host.example\",\"ports\":[\"x\"]}|INVALID_IP",
        "{\"provider_ip\":\"1.2.3.4\"}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":null}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":80}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":{\"a\":80}}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":[\"80\"]}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":[80.0]}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":[false]}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":[80,null]}|INVALID_PORT",
        "{\"provider_ip\":\"1.2.3.4\",\"ports\":[12345678901234567890]}|INVALID_PORT",
    })
    void wrongShapesGetTheSeedsCodes(String json, PortCheckErrorCode expected) {
        PortCheckException e = assertThrows(PortCheckException.class, () -> parse(json));
        assertEquals(expected, e.errorCode(), e.getMessage());
        assertEquals(400, DomainExceptionMapper.status(e.refusal()));
    }

    @Test
    void messagesQuoteTheValueSafely() {
        PortCheckException e = assertThrows(PortCheckException.class,
                () -> parse("{\"provider_ip\":\"1.2.3.4\",\"ports\":[\"" + "a".repeat(500) + "\"]}"));
        assertTrue(e.getMessage().startsWith("Port number must be an integer, got a string \"aaa"), e.getMessage());
        assertTrue(e.getMessage().length() < 150, e.getMessage());
    }
}
