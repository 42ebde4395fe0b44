package org.golem.vm.requestor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.requestor.stack.LocalStack;
import org.golem.vm.requestor.stack.RequestorApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The web console in a real browser (Debian's {@code chromium}, headless, driven through Debian's
 * {@code chromedriver}; Selenium Manager never runs) on the whole marketplace ({@link LocalStack}: anvil, discovery,
 * one provider with the micro image, the requestor): a wrong token is refused, the wallet and the provider with its
 * estimate are shown, a micro VM is rented through the wizard (rate and deposit shown before confirming, its
 * progress followed), runs with a runway counting down, answers {@code uname -a} in the terminal, is topped up by
 * {@code 1h} (the chain's stopTime grows by 3600 s) and destroyed with the refund shown equal to the chain's; an
 * unknown image and a poor wallet show their errors with what to do. Every page is photographed into
 * {@code target/console-screenshots/<page>.png} (1280×800).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/console-screenshots").toAbsolutePath();
    private static final String VM = "console-1";

    private static LocalStack stack;
    private static LocalStack.Service requestor;
    private static RequestorApi api;
    private static StreamPaymentClient streams;
    private static String provider;
    private static String wallet;
    private static ChromeDriverService driverService;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                fail(p + " is missing: ConsoleIT drives Debian's Chromium through Debian's driver "
                        + "(apt-get install chromium chromium-driver); it never downloads a browser or a driver");
            }
        }
        stack = LocalStack.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "console-stack-"));
        LocalStack.Service discovery = stack.discovery();
        LocalStack.Service p = stack.provider("provider-c", discovery, 51860, Map.of());
        // the console's top-up is the only one: the chain's stopTime then grows by exactly what the page asked for
        requestor = stack.requestor(discovery, Map.of("GOLEM_REQUESTOR_TOPUP_ENABLED", "false"));
        api = new RequestorApi(requestor.url(), requestor.dataDir);
        provider = p.providerId();
        stack.anvil.setBalance(provider, BigInteger.TEN.pow(19)); // gas for its ProviderRegistry entry
        wallet = api.get("api/v1/info").get("address").asText();
        stack.anvil.setBalance(wallet, BigInteger.TEN.pow(20));
        streams = new StreamPaymentClient(stack.anvil.chain(), stack.anvil.streamPaymentAddress());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (api.get("api/v1/providers").get("providers").size() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
        Files.createDirectories(SHOTS);
        try (var old = Files.newDirectoryStream(SHOTS, "*.png")) {
            for (Path png : old) {
                Files.delete(png);
            }
        }
        // the driver's path is given, so Selenium's DriverFinder skips Selenium Manager (no lookup, no download)
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(stack.work.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-US", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + stack.work.resolve("chromium-profile"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        browser = new ChromeDriver(driverService, options);
        viewport(1280);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Sets the page's viewport (so screenshots are exactly {@code width}×800). */
    private static void viewport(int width) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    private static String console() {
        return requestor.url() + "/console/";
    }

    private static <T> T await(String what, Duration limit, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, limit, Duration.ofMillis(250)).withMessage(what).until(condition);
        } catch (RuntimeException e) {
            shot("failure-" + what.replaceAll("[^a-zA-Z0-9]+", "-"));
            throw e;
        }
    }

    private static <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, Duration.ofSeconds(30), condition);
    }

    /** @return the visible element of that CSS selector, once there */
    private static WebElement shown(String css) {
        return await(css + " shown", d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
    }

    /** Opens a page of the console afresh (reloading when it is the one shown) and waits for it. */
    private static void go(String hash) {
        String url = console() + "#/" + hash;
        boolean same = url.equals(browser.getCurrentUrl());
        browser.get(url);
        if (same) {
            browser.navigate().refresh();
        }
        String page = "#page-" + hash.replaceFirst("[/?].*", "");
        await("page " + hash, d -> d.findElements(By.cssSelector(page)).isEmpty() ? null : true);
    }

    private static void type(String css, String text) {
        WebElement e = shown(css);
        e.clear();
        e.sendKeys(text);
    }

    private static void shot(String page) {
        try {
            Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            throw new AssertionError("screenshot of the " + page + " page not written", e);
        }
    }

    /** The code of the error box in that area, once one is shown. */
    private static String errorCode(String area) {
        return shown(area + " .error .code").getText();
    }

    /** @return the id of the stream paying for the wizard's VM */
    private static BigInteger vmStream() throws Exception {
        return api.get("api/v1/vms/" + VM).get("stream_id").bigIntegerValue();
    }

    private static String token() throws Exception {
        return Files.readString(requestor.dataDir.resolve("api.token")).strip();
    }

    /** Walks the wizard to its review step: name, provider, image (offered or typed), hours. */
    private static void wizardToReview(String name, String image) {
        go("rent");
        type("#rent-name", name);
        await("the provider offered", d -> new Select(d.findElement(By.id("rent-provider"))).getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equalsIgnoreCase(provider)) ? true : null);
        Select providers = new Select(browser.findElement(By.id("rent-provider")));
        providers.getOptions().stream().filter(o -> o.getAttribute("value").equalsIgnoreCase(provider)).findFirst()
                .orElseThrow().click();
        shown("#rent-next").click();
        await("the provider's images", d -> new Select(d.findElement(By.id("rent-image"))).getOptions().size() > 1
                ? true : null);
        Select images = new Select(browser.findElement(By.id("rent-image")));
        if (image.equals("micro")) {
            images.selectByValue("micro");
        } else {
            images.selectByValue("__other__");
            type("#rent-image-other", image);
        }
        shown("#rent-next").click();
        shown("#rent-ports");
        shown("#rent-next").click();
        type("#rent-hours", "1");
        shown("#rent-next").click();
        shown("#rent-review");
    }

    @Test
    @Order(0)
    void theConsoleIsServedWithItsHeaders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(requestor.url().resolve("/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, redirect.statusCode());
        assertEquals("/console/", redirect.headers().firstValue("Location").orElseThrow()
                .replaceFirst("^http://[^/]+", ""));
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(requestor.url().resolve("/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(index.body().contains("<script type=\"module\" src=\"app.js\"></script>"), index.body());
        assertTrue(index.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self';"));
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", index.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
        HttpResponse<String> xterm = http.send(HttpRequest.newBuilder(
                requestor.url().resolve("/console/vendor/xterm.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, xterm.statusCode());
        assertTrue(xterm.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        for (String missing : List.of("/console/nothing.js", "/console/%2e%2e/WEB-INF/web.xml",
                "/console/..%2fMETA-INF/MANIFEST.MF", "/console/vendor/xterm-LICENSE.txt")) {
            assertEquals(404, http.send(HttpRequest.newBuilder(requestor.url().resolve(missing)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), missing);
        }
        assertTrue(Files.readString(requestor.log).contains("web console at " + requestor.url() + "/console/"),
                "the requestor logs the console's URL");
    }

    @Test
    @Order(1)
    void aWrongTokenIsRefusedAndTheRightOneShowsTheWallet() throws Exception {
        browser.get(requestor.url() + "/console");
        assertEquals(console(), browser.getCurrentUrl().replaceFirst("#.*", ""), "redirected to /console/");
        type("#token-input", "not-the-token");
        shown("#token-submit").click();
        assertEquals("UNAUTHORIZED", errorCode("#login-error"));
        assertTrue(shown("#login-error .hint").getText().contains("token"));
        shot("token");

        type("#token-input", token());
        shown("#token-submit").click();
        await("the wallet's address", d -> d.findElement(By.id("wallet-address")).getText().startsWith("0x")
                ? true : null);
        assertTrue(wallet.equalsIgnoreCase(shown("#wallet-address").getText()));
        WebElement balance = shown("#wallet-balance");
        BigInteger chain = stack.anvil.balance(wallet);
        assertEquals(chain + " wei", balance.getAttribute("title"), "exact wei on hover");
        assertEquals("100 ETH", balance.getText(), "as the CLI prints it");
        assertFalse(browser.getPageSource().contains(token()), "the token is not in the page");
        shot("wallet");
    }

    @Test
    @Order(2)
    void theProviderIsListedWithItsEstimate() throws Exception {
        go("providers");
        WebElement row = shown("tr[data-key='" + provider.toLowerCase() + "']");
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals("~$8.00", cells.get(10).getText(), "estimated $/month for 1 CPU, 1 GB, 10 GB");
        assertTrue(cells.get(12).getText().matches("~[0-9.]+ ETH"), cells.get(12).getText());
        assertTrue(cells.get(7).getText().contains("micro"));
        shot("providers");
    }

    @Test
    @Order(3)
    void anUnknownImageShowsItsError() throws Exception {
        BigInteger before = stack.anvil.balance(wallet);
        wizardToReview("console-x", "no-such-image");
        shown("#rent-confirm").click();
        assertEquals("UNKNOWN_IMAGE", errorCode("#rent-message"));
        assertTrue(shown("#rent-message .hint").getText().contains("images the provider offers"));
        shot("rent-unknown-image");
        assertEquals(before, stack.anvil.balance(wallet), "nothing spent");
    }

    @Test
    @Order(4)
    void aMicroVmIsRentedThroughTheWizard() throws Exception {
        wizardToReview(VM, "micro");
        JsonNode estimate = api.get("api/v1/providers?cpu=1&memory=1&storage=10").get("providers").get(0)
                .get("estimate");
        BigInteger rate = estimate.get("rate_per_second_wei").bigIntegerValue();
        assertEquals(rate + " wei/s", shown("#rent-rate").getAttribute("title"));
        assertTrue(shown("#rent-rate").getText().contains("ETH/h"), shown("#rent-rate").getText());
        assertTrue(shown("#rent-rate").getText().contains("$"), shown("#rent-rate").getText());
        WebElement deposit = shown("#rent-deposit");
        assertEquals(rate.multiply(BigInteger.valueOf(3600)) + " wei", deposit.getAttribute("title"));
        assertTrue(deposit.getText().contains("ETH") && deposit.getText().contains("$"), deposit.getText());
        shot("rent-review");

        shown("#rent-confirm").click();
        shown("#rent-progress");
        Set<String> current = new LinkedHashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (browser.findElements(By.id("rent-ready")).isEmpty() && System.nanoTime() < deadline) {
            assertTrue(browser.findElements(By.cssSelector("#rent-done .error")).isEmpty(),
                    () -> browser.findElement(By.id("rent-done")).getText());
            browser.findElements(By.cssSelector("#rent-progress li[data-state='current']"))
                    .forEach(li -> current.add(li.getAttribute("data-step")));
            if (!current.isEmpty() && !Files.exists(SHOTS.resolve("rent-progress.png"))) {
                shot("rent-progress");
            }
            Thread.sleep(200);
        }
        assertFalse(browser.findElements(By.id("rent-ready")).isEmpty(), "ready within 240 s; steps seen " + current);
        assertFalse(current.isEmpty(), "a step was seen in progress");
        for (WebElement li : browser.findElements(By.cssSelector("#rent-progress li"))) {
            assertEquals("done", li.getAttribute("data-state"), li.getAttribute("data-step"));
        }
        shot("rent-ready");
    }

    @Test
    @Order(5)
    void rentalsShowTheVmRunningWithItsRunwayCountingDown() throws Exception {
        go("rentals");
        await("running", d -> "running".equals(d.findElement(By.id("vm-" + VM + "-status")).getText()) ? true : null);
        WebElement runway = shown("#vm-" + VM + "-runway");
        long first = await("a runway", d -> {
            String s = runway.getAttribute("data-seconds");
            return s == null || s.isEmpty() ? null : Long.parseLong(s);
        });
        assertTrue(first > 3000 && first <= 3600, "about an hour paid: " + first);
        await("the countdown ticking", Duration.ofSeconds(10),
                d -> Long.parseLong(runway.getAttribute("data-seconds")) < first ? true : null);
        assertTrue(runway.getText().matches("\\d+m \\d\\ds|\\dh \\d\\dm"), runway.getText());
        assertTrue(shown("#vm-" + VM + "-ssh").getText().startsWith("ssh -i "), "the SSH command");
        shot("rentals");
        viewport(400);
        shot("rentals-narrow");
        viewport(1280);
    }

    @Test
    @Order(6)
    void theTerminalRunsACommand() throws Exception {
        go("terminal/" + VM);
        await("connected", Duration.ofSeconds(60), d -> {
            if (!d.findElements(By.cssSelector("#terminal-error .error")).isEmpty()) {
                fail(d.findElement(By.id("terminal-error")).getText());
            }
            return "true".equals(d.findElement(By.id("terminal-screen")).getAttribute("data-connected")) ? true : null;
        });
        WebElement input = browser.findElement(By.cssSelector("#terminal-screen .xterm-helper-textarea"));
        input.sendKeys("uname -a\n");
        await("uname's answer", Duration.ofSeconds(30),
                d -> d.findElement(By.cssSelector("#terminal-screen .xterm-rows")).getText().contains("Linux")
                        ? true : null);
        assertTrue(shown("#terminal-status").getText().contains("host key SHA256:"));
        shot("terminal");
    }

    @Test
    @Order(7)
    void topUpByAnHourGrowsTheStopTimeOnChain() throws Exception {
        BigInteger stream = vmStream();
        long stopBefore = streams.stream(stream).stopTime();
        go("rentals");
        type("#vm-" + VM + "-topup-duration", "1h");
        shown("#vm-" + VM + " form[data-action='topup'] button").click();
        WebElement result = shown("#rentals-topup-result");
        assertEquals(stopBefore + 3600, streams.stream(stream).stopTime(), "one hour more on chain");
        assertEquals(String.valueOf(stopBefore + 3600), result.getAttribute("data-stop-time"));
        await("the runway over an hour", d -> Long.parseLong(d.findElement(By.id("vm-" + VM + "-runway"))
                .getAttribute("data-seconds")) > 3600 ? true : null);
        shot("rentals-topped-up");
    }

    @Test
    @Order(8)
    void theStreamIsChartedFromItsChainTerms() throws Exception {
        BigInteger stream = vmStream();
        go("streams");
        WebElement card = shown("#stream-" + stream);
        await("the chart", d -> card.findElements(By.cssSelector("svg.chart polyline")).isEmpty() ? null : true);
        StreamState chain = streams.stream(stream);
        assertEquals(chain.deposit() + " wei",
                card.findElement(By.cssSelector("[data-field='deposit']")).getAttribute("title"));
        assertEquals(VM, card.findElement(By.cssSelector("[data-field='vm']")).getText());
        shot("streams");
    }

    @Test
    @Order(9)
    void destroyShowsTheRefundTheChainPaid() throws Exception {
        BigInteger stream = vmStream();
        go("rentals");
        shown("#vm-" + VM + " [data-action='destroy']").click();
        shown("#confirm-ok");
        shot("rentals-destroy-confirm");
        BigInteger before = stack.anvil.balance(wallet);
        shown("#confirm-ok").click();
        WebElement result = shown("#rentals-destroy-result");
        BigInteger refunded = new BigInteger(result.getAttribute("data-refunded-wei"));
        assertEquals(refunded + " wei", shown("#rentals-refund").getAttribute("title"));
        assertTrue(streams.stream(stream).terminated(), "the stream is terminated");
        String tx = result.getText().replaceFirst("(?s).*transaction (0x[0-9a-fA-F]{64}).*", "$1");
        TransactionReceipt r = stack.anvil.chain().web3j().ethGetTransactionReceipt(tx).send()
                .getTransactionReceipt().orElseThrow();
        BigInteger gas = r.getGasUsed().multiply(new BigInteger(r.getEffectiveGasPrice().substring(2), 16));
        assertEquals(before.add(refunded).subtract(gas), stack.anvil.balance(wallet),
                "the refund shown is what the wallet got back on chain");
        assertTrue(refunded.signum() > 0);
        shot("rentals-destroyed");
        await("the VM gone from the list", d -> d.findElements(By.id("vm-" + VM)).isEmpty() ? true : null);
    }

    @Test
    @Order(10)
    void aPoorWalletShowsInsufficientFundsAndTheFaucetFundsIt() throws Exception {
        stack.anvil.setBalance(wallet, BigInteger.valueOf(1000));
        wizardToReview("console-2", "micro");
        shown("#rent-confirm").click();
        assertEquals("INSUFFICIENT_FUNDS", errorCode("#rent-message"));
        assertTrue(shown("#rent-message .hint").getText().contains("faucet"));
        shot("rent-insufficient-funds");

        go("wallet");
        shown("#faucet").click();
        shown("#wallet-message .ok");
        await("the balance refreshed", d -> d.findElement(By.id("wallet-balance")).getText().equals("100 ETH")
                ? true : null);
        assertEquals(BigInteger.TEN.pow(20), stack.anvil.balance(wallet));
    }

    @Test
    @Order(11)
    void thePagesRanWithoutScriptErrorsOrPolicyViolations() {
        // the error answers the tests provoked (401, 402, 422) are logged by the browser as failed loads; anything
        // else severe is a script error or a Content-Security-Policy violation (an inline script, a foreign URL)
        List<String> logged = browser.manage().logs().get("browser").getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).toList();
        assertTrue(logged.stream().anyMatch(m -> m.contains("status of 401")),
                "the browser's log was read (the wrong token's 401 is in it): " + logged);
        List<String> severe = logged.stream()
                .filter(m -> !m.matches("(?s).*Failed to load resource: the server responded with a status of 4\\d\\d.*"))
                .toList();
        assertTrue(severe.isEmpty(), String.join("\n", severe));
    }

    static {
        // Selenium's DriverFinder skips Selenium Manager for a driver given by path (the service's executable, and
        // this property too): it never looks for, nor downloads, a browser or a driver
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    }
}
