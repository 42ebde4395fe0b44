package org.golem.vm.provider.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;

/**
 * {@link ProviderApiTests} on the embedded default database (H2), plus the operator's dashboard in a real headless
 * Chromium (Debian's {@code chromium} package): its DOM after the page's script has loaded the admin API, and a
 * screenshot kept as a test artifact ({@code target/dashboard.png}).
 */
@RunAsClient
class ProviderApiIT extends ProviderApiTests {

    @Deployment
    static WebArchive deployment() throws Exception {
        return deployment(Map.of());
    }

    private static String chromium(List<String> args) throws Exception {
        Path binary = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("the dashboard test needs Debian's chromium package (bin/test installs it)");
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--virtual-time-budget=15000"));
        cmd.addAll(args);
        Path out = Files.createTempFile("chromium-", ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return dom;
    }

    @Test
    @Order(55)
    void theDashboardShowsTheProviderAtAGlance() throws Exception {
        ProviderStack.anvil.increaseTime(60); // a minute of vesting on alice's stream
        String page = api().base.resolve("admin/dashboard") + "#token=" + ProviderStack.Api.adminToken();
        String dom = chromium(List.of("--dump-dom", page));
        assertTrue(dom.contains(provider), "provider id shown:\n" + dom);
        assertTrue(dom.contains("id=\"accel\">TCG<"), "hypervisor TCG shown:\n" + dom);
        assertTrue(dom.contains("<td>" + ALICE_VM + "</td>"), "alice's VM listed:\n" + dom);
        assertTrue(dom.contains(Keys.toChecksumAddress(alice.getAddress())), "its owner shown:\n" + dom);
        assertTrue(dom.matches("(?s).*class=\"num runway\">\\d+[hm] .*"), "its runway shown:\n" + dom);
        assertTrue(dom.contains("class=\"num price\">5.00<"), "the core price shown:\n" + dom);
        assertTrue(dom.matches("(?s).*id=\"vested\">0\\.0000\\d*[1-9]\\d* ETH<.*"), "earnings vested so far shown:\n" + dom);
        assertTrue(dom.contains("id=\"vested-line\""), "the earnings chart drawn:\n" + dom);
        assertTrue(dom.contains("<div id=\"error\"></div>"), "no load error shown:\n" + dom);

        Path shot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium(List.of("--window-size=1280,1000", "--screenshot=" + shot, page));
        assertTrue(Files.size(shot) > 10_000, "screenshot kept at " + shot);

        var unauthorized = api().admin("GET", "api/v1/admin/status", null, null);
        assertEquals(401, unauthorized.statusCode(), "the data behind the page needs the token");
    }
}
