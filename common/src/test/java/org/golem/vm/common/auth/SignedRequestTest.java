package org.golem.vm.common.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedRequestTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void messageIsFiveLinesWithoutTrailingNewline() {
        String m = SignedRequest.message("post", "/api/v1/vms?async=true", 1700000000L,
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("golem-vm:v1\nPOST\n/api/v1/vms?async=true\n1700000000\n"
                + "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862", m);
    }

    @Test
    void noBodyAndEmptyBodyHashTheEmptyString() {
        assertEquals(EMPTY_SHA256, SignedRequest.bodySha256Hex(null));
        assertEquals(EMPTY_SHA256, SignedRequest.bodySha256Hex(new byte[0]));
        assertEquals(SignedRequest.message("GET", "/x", 1, null), SignedRequest.message("GET", "/x", 1, new byte[0]));
        assertEquals("golem-vm:v1\nGET\n/x\n1\n" + EMPTY_SHA256, SignedRequest.message("GET", "/x", 1, null));
    }

    @Test
    void pathAndQueryAreSignedExactlyAsGiven() {
        String m = SignedRequest.message("GET", "/api/v1/vms?b=2&a=%20x", 5, null);
        assertEquals("/api/v1/vms?b=2&a=%20x", m.split("\n")[2]);
    }

    @Test
    void messageBytesAreUtf8() {
        assertArrayEquals(SignedRequest.message("GET", "/ü", 1, null).getBytes(StandardCharsets.UTF_8),
                SignedRequest.messageBytes("GET", "/ü", 1, null));
    }

    @Test
    void refusesInputsThatWouldForgeExtraLines() {
        assertThrows(IllegalArgumentException.class, () -> SignedRequest.message("GET", "/a\n1\nabc", 1, null));
        assertThrows(IllegalArgumentException.class, () -> SignedRequest.message("GET", "/a\r", 1, null));
        assertThrows(IllegalArgumentException.class, () -> SignedRequest.message("GET", "", 1, null));
        assertThrows(IllegalArgumentException.class, () -> SignedRequest.message("GET\n/b", "/a", 1, null));
        assertThrows(IllegalArgumentException.class, () -> SignedRequest.message("G T", "/a", 1, null));
        assertThrows(IllegalArgumentException.class, () -> SignedRequest.message("GET", "/a", -1, null));
        assertThrows(NullPointerException.class, () -> SignedRequest.message(null, "/a", 1, null));
    }
}
