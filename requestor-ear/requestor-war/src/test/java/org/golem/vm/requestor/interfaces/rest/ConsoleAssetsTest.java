package org.golem.vm.requestor.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The console serves its built files with their content types and nothing else of the classpath. */
class ConsoleAssetsTest {

    @Test
    void consoleFilesAreServedWithTheirContentTypes() {
        assertEquals(new ConsoleAssets.Asset("console/index.html", "text/html; charset=utf-8"),
                ConsoleAssets.resolve("index.html").orElseThrow());
        assertEquals("text/javascript; charset=utf-8",
                ConsoleAssets.resolve("pages/rent.js").orElseThrow().contentType());
        assertEquals("console/vendor/xterm.js", ConsoleAssets.resolve("vendor/xterm.js").orElseThrow().resource());
        assertEquals("text/css; charset=utf-8", ConsoleAssets.resolve("style.css").orElseThrow().contentType());
        assertEquals("image/svg+xml", ConsoleAssets.resolve("icon.svg").orElseThrow().contentType());
        assertEquals("image/png", ConsoleAssets.resolve("img/logo.PNG").orElseThrow().contentType());
        assertEquals("font/woff2", ConsoleAssets.resolve("fonts/mono.woff2").orElseThrow().contentType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../index.html", "pages/../../x.js", "..", "./app.js", "pages//rent.js", "/app.js",
        "app.js/", ".hidden.js", "pages/.x/a.js", "a\\b.js", "a%2fb.js", "a..b.js",
        "../org/golem/vm/requestor/interfaces/rest/ConsoleResource.class", "META-INF/microprofile-config.properties",
        "vendor/xterm-LICENSE.txt", "index", "app.js.map", "pages", "x.mjs", "a b.js", "a;b.js", "é.js"})
    void anythingElseIsNotFound(String path) {
        assertTrue(ConsoleAssets.resolve(path).isEmpty(), path);
    }

    @Test
    void nullAndOverlongPathsAreNotFound() {
        assertTrue(ConsoleAssets.resolve(null).isEmpty());
        assertTrue(ConsoleAssets.resolve("a/".repeat(300) + "x.js").isEmpty());
        assertTrue(ConsoleAssets.resolve("a/b/c/d/e/f/g/h/i.js").isEmpty());
    }
}
