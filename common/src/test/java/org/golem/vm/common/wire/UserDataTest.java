package org.golem.vm.common.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserDataTest {

    @Test
    void theLimitIs64KiBCountedInUtf8Bytes() {
        assertEquals(65_536, UserData.MAX_BYTES);
        assertNull(UserData.tooLarge("a".repeat(65_536)));
        assertEquals("user-data is 65537 bytes (UTF-8); at most 65536 bytes (64 KiB) are accepted",
                UserData.tooLarge("a".repeat(65_537)));
        // 'é' is two bytes in UTF-8: 32,769 characters are 65,538 bytes
        assertEquals(65_538, UserData.utf8Bytes("é".repeat(32_769)));
        assertTrue(UserData.tooLarge("é".repeat(32_769)).startsWith("user-data is 65538 bytes"));
        assertNull(UserData.tooLarge(null));
    }

    @Test
    void emptyOrNullIsNone() {
        assertFalse(UserData.given(null));
        assertFalse(UserData.given(""));
        assertTrue(UserData.given("#cloud-config\n"));
        assertEquals(0, UserData.utf8Bytes(null));
    }

    @Test
    void theRefusalNamesTheImage() {
        assertTrue(UserData.notSupported("micro").startsWith("image 'micro' takes no user-data"));
    }

    @Test
    void aCreateRequestCarriesUserDataAsIsAndOmitsItWhenUnset() throws Exception {
        var mapper = org.golem.vm.common.json.Json.mapper();
        String script = "#!/bin/sh\r\necho \"hi\" > /tmp/x\n";
        CreateVmRequest r = new CreateVmRequest("vm-one", null, null, "debian-12", "ssh-ed25519 AAAA k", null,
                script, null);
        String json = mapper.writeValueAsString(r);
        assertTrue(json.contains("\"user_data\":\"#!/bin/sh\\r\\necho \\\"hi\\\" > /tmp/x\\n\""), json);
        assertEquals(script, mapper.readValue(json, CreateVmRequest.class).userData());
        assertFalse(mapper.writeValueAsString(CreateVmRequest.of("vm-one", null, "ssh-ed25519 AAAA k", null))
                .contains("user_data"));
    }
}
