package org.golem.vm.requestor.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The web console's URL the requestor logs on start: one a browser on this machine can open. */
class ConsoleUrlTest {

    private static String url(String host, String port) {
        TestSettings s = new TestSettings();
        if (host != null) {
            s.values.put("host", host);
        }
        s.values.put("port", port);
        return s.consoleUrl();
    }

    @Test
    void theServiceAddressWithTheConsolePath() {
        assertEquals("http://127.0.0.1:8000/console/", url("127.0.0.1", "8000"));
        assertEquals("http://127.0.0.1:8000/console/", url(null, "8000"));
        assertEquals("http://192.0.2.7:18000/console/", url("192.0.2.7", "18000"));
        assertEquals("http://[::1]:8000/console/", url("::1", "8000"));
    }

    @Test
    void aWildcardAddressIsShownAsLoopback() {
        assertEquals("http://127.0.0.1:8000/console/", url("0.0.0.0", "8000"));
        assertEquals("http://127.0.0.1:8000/console/", url("::", "8000"));
    }
}
