package org.golem.vm.portchecker.it;

import static org.golem.vm.portchecker.it.PortCheckerApi.code;
import static org.golem.vm.portchecker.it.PortCheckerApi.json;
import static org.golem.vm.portchecker.it.PortCheckerApi.message;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.testing.BadJson;
import org.golem.vm.common.testing.WireRecording;
import org.golem.vm.portchecker.interfaces.health.ProbePoolReadiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /check-ports} and {@code GET /health} on a real Payara Micro: open and closed loopback ports, every
 * kind of bad input, the own-address rule and health. Private targets are allowed here (to probe loopback) and the
 * own-address rule is on, so loopback listeners are checked through {@code 127.0.0.1} (the server then sees the
 * caller as 127.0.0.1); requests through the machine's interface address (the Arquillian URL's host) come from that
 * address. A refusal is retried 0 times even with 3 attempts and 1 s between them: 100 closed ports answer in well
 * under the 2 s a retry would cost. The success and each refusal are also compared with their recorded shape
 * ({@link WireRecording}, files in {@code src/test/resources/wire/port-checker-*.json}).
 */
@ExtendWith(ArquillianExtension.class)
class PortCheckerApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortCheckerDeployments.war(Map.of(
                "PORT_CHECKER_ALLOW_PRIVATE_TARGETS", "true",
                "PORT_CHECK_RETRIES", "3",
                "PORT_CHECK_RETRY_DELAY", "1.0",
                "PORT_CHECK_TIMEOUT", "1.0",
                "PORT_CHECKER_RATE_LIMIT_PER_MINUTE", "0",
                "PORT_CHECKER_DEBUG", "true"));
    }

    @ArquillianResource
    URL url;

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final WireRecording wire = WireRecording.fromSystemProperties().prefixed("port-checker-");

    private static final String CHECK = "POST /check-ports";


    @AfterEach
    void closeListeners() throws IOException {
        for (ServerSocket s : listeners) {
            s.close();
        }
    }

    private int listen(InetAddress address) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(address, 0), 50);
        listeners.add(s);
        return s.getLocalPort();
    }

    /** Ports that were free a moment ago on loopback: bound, then closed, so a connect is refused. */
    private static List<Integer> closedPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).collect(Collectors.toList());
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static JsonNode expect(int status, GolemHttpClient.Reply r) {
        assertEquals(status, r.status(), r.body());
        assertTrue(String.valueOf(r.header("Content-Type")).startsWith("application/json"), r.header("Content-Type"));
        return json(r);
    }

    @Test
    void openLoopbackListenerIsAccessibleInTheOriginalsShape() throws Exception {
        int port = listen(InetAddress.getLoopbackAddress());
        JsonNode body = expect(200, wire.check("check-ports", CHECK,
                PortCheckerApi.viaLoopback(url).check("127.0.0.1", List.of(port))));
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("success", "results", "message"), fields);
        assertTrue(body.get("success").asBoolean());
        JsonNode result = body.get("results").get(String.valueOf(port));
        assertTrue(result.get("accessible").asBoolean());
        assertTrue(result.has("error") && result.get("error").isNull(), "error is always written: " + result);
        assertEquals("Successfully verified 1 out of 1 ports", body.get("message").asText());
    }

    @Test
    void hundredClosedPortsAreRefusedOnceEachAndQuickly() throws Exception {
        List<Integer> ports = closedPorts(100);
        PortCheckerApi api = PortCheckerApi.viaLoopback(url);
        api.check("127.0.0.1", List.of(closedPorts(1).get(0))); // warm up the request path
        long start = System.nanoTime();
        JsonNode body = expect(200, api.check("127.0.0.1", ports));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "3 attempts with 1 s between them: a retried refusal would take >= 2 s; took "
                + millis + " ms");
        assertFalse(body.get("success").asBoolean());
        assertEquals("Successfully verified 0 out of 100 ports", body.get("message").asText());
        List<Integer> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.get("results").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            keys.add(Integer.valueOf(e.getKey()));
            assertFalse(e.getValue().get("accessible").asBoolean(), e.getKey());
            assertEquals("Connection refused", e.getValue().get("error").asText(), e.getKey());
        }
        assertEquals(ports, keys, "one result per port, in request order");
    }

    @Test
    void mixedRequestWithDuplicates() throws Exception {
        int open = listen(InetAddress.getLoopbackAddress());
        int closed = closedPorts(1).get(0);
        JsonNode body = expect(200, wire.check("check-ports-mixed", CHECK,
                PortCheckerApi.viaLoopback(url).check("127.0.0.1", List.of(open, closed, open))));
        assertTrue(body.get("success").asBoolean(), "success = at least one port accessible");
        assertEquals(2, body.get("results").size(), "duplicates collapse");
        assertTrue(body.at("/results/" + open + "/accessible").asBoolean());
        assertEquals("Connection refused", body.at("/results/" + closed + "/error").asText());
        assertEquals("Successfully verified 1 out of 3 ports", body.get("message").asText(), "counts ports as sent");
    }

    @Test
    void everyKindOfBadInputGetsItsCodeAndNever500() throws Exception {
        String tooMany = IntStream.rangeClosed(50800, 50900).mapToObj(String::valueOf)
                .collect(Collectors.joining(",", "[", "]"));
        String[][] cases = {
            // body, status, code
            {"{\"provider_ip\":\"not-an-ip\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"localhost\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"example.com\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"127.1\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"010.0.0.1\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"fe80::1%eth0\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"[::1]\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"\",\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":42,\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":[\"127.0.0.1\"],\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":null,\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"ports\":[80]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"bad\",\"ports\":[\"abc\"]}", "400", "INVALID_IP"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[0]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[65536]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[-1]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[99999999999]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[\"abc\"]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[\"80\"]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[80.5]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[true]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[null]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[[80]]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[{\"port\":80}]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[]}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":80}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":\"80\"}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\"}", "400", "INVALID_PORT"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":" + tooMany + "}", "400", "TOO_MANY_PORTS"},
            {"{bad json", "400", "INVALID_JSON"},
            {"{\"provider_ip\":\"127.0.0.1\",\"ports\":[80]", "400", "INVALID_JSON"},
            {"[\"127.0.0.1\",[80]]", "422", "INVALID_BODY"},
            {"\"127.0.0.1\"", "422", "INVALID_BODY"},
            {"42", "422", "INVALID_BODY"},
            {"null", "422", "INVALID_BODY"},
            {"", "422", "VALIDATION_ERROR"},
        };
        PortCheckerApi api = PortCheckerApi.viaLoopback(url);
        List<Executable> checks = new ArrayList<>();
        Set<String> recorded = new java.util.HashSet<>();
        for (String[] c : cases) {
            GolemHttpClient.Reply r = api.checkRaw(c[0]);
            if (recorded.add(c[2])) { // the first case of each code
                wire.check("check-ports-" + c[2].toLowerCase().replace('_', '-'), CHECK, r);
            }
            checks.add(() -> {
                assertEquals(Integer.parseInt(c[1]), r.status(), c[0] + " -> " + r.body());
                assertEquals(c[2], code(r), c[0] + " -> " + r.body());
                assertFalse(message(r).isBlank(), c[0]);
            });
        }
        assertAll(checks);
    }

    /**
     * Fuzz: bodies naming an open loopback listener next to one invalid port (the extreme numbers of issue 15,
     * fractions, exponents, out of range, wrong types) or with an invalid {@code provider_ip} (NUL, control
     * characters, lone surrogates) are all 4xx with the service's codes, and no port is probed for any of them.
     */
    @Test
    void generatedBadBodiesAreRefusedWith4xxAndProbeNothing() throws Exception {
        BadJson bad = BadJson.seeded();
        PortCheckerApi api = PortCheckerApi.viaLoopback(url);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            int open = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            java.util.function.Function<String, String> port = raw ->
                    "{\"provider_ip\":\"127.0.0.1\",\"ports\":[" + open + "," + raw + "]}";
            java.util.function.Function<String, String> ip = raw ->
                    "{\"provider_ip\":" + raw + ",\"ports\":[" + open + "]}";
            Set<String> bodies = new LinkedHashSet<>();
            BadJson.EXTREME_NUMBERS.forEach(n -> bodies.add(port.apply(n)));
            bodies.add(port.apply("1.5"));
            bodies.add(port.apply("1e99999999999")); // no BigDecimal holds it: Jackson threw it bare, a 500
            bodies.add(ip.apply("\"127.0.0.1\\u0000\""));
            bodies.add(ip.apply("\"127.0.0.1\\ud800\""));
            for (int i = 0; i < 60; i++) {
                bodies.add(bad.random().nextBoolean() ? port.apply(bad.integer(1, 65535))
                        : ip.apply(bad.text("127.0.0.1")));
            }
            for (String body : bodies) {
                GolemHttpClient.Reply r = api.checkRaw(body);
                String what = bad + ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body) + " -> "
                        + r.status() + " " + r.body();
                assertTrue(r.status() >= 400 && r.status() < 500, what);
                assertTrue(List.of("INVALID_PORT", "INVALID_IP", "INVALID_BODY").contains(code(r)), what);
            }
            assertNull(listener.accept(), bad + ": no port was probed for a refused request");
        }
    }

    @Test
    void tooLargeBodiesAndOtherMethodsAndPathsAreRefusedInTheEnvelope() throws Exception {
        PortCheckerApi api = PortCheckerApi.viaLoopback(url);
        String huge = "{\"provider_ip\":\"127.0.0.1\",\"ports\":[80],\"pad\":\"" + "x".repeat(70_000) + "\"}";
        GolemHttpClient.Reply tooLarge = wire.check("check-ports-body-too-large", CHECK, api.checkRaw(huge));
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals("BODY_TOO_LARGE", code(tooLarge));
        assertEquals("METHOD_NOT_ALLOWED", code(expectStatus(405, wire.check("check-ports-get", "GET /check-ports",
                api.get("check-ports")))));
        assertEquals("NOT_FOUND", code(expectStatus(404, wire.check("unknown-route", "GET /scan", api.get("scan")))));
    }

    private static GolemHttpClient.Reply expectStatus(int status, GolemHttpClient.Reply r) {
        assertEquals(status, r.status(), r.body());
        return r;
    }

    @Test
    void addressesThatAreNeverATcpDestinationAreRefusedEvenWithPrivateTargetsAllowed() throws Exception {
        PortCheckerApi api = PortCheckerApi.viaLoopback(url);
        String[][] cases = {{"0.0.0.0", "unspecified"}, {"::", "unspecified"}, {"224.0.0.1", "multicast"},
            {"ff02::1", "multicast"}, {"255.255.255.255", "broadcast"}};
        for (String[] c : cases) {
            GolemHttpClient.Reply r = api.check(c[0], List.of(80));
            if (c[0].equals("0.0.0.0")) {
                wire.check("check-ports-unspecified-target", CHECK, r);
            }
            assertEquals(403, r.status(), c[0] + " -> " + r.body());
            assertEquals("TARGET_NOT_ALLOWED", code(r));
            assertTrue(message(r).contains(c[1] + " address"), message(r));
        }
    }

    @Test
    void aCallerMayOnlyCheckItsOwnAddress() throws Exception {
        PortCheckerApi loopback = PortCheckerApi.viaLoopback(url);
        GolemHttpClient.Reply other = wire.check("check-ports-not-own-address", CHECK,
                loopback.check("127.0.0.2", List.of(80)));
        assertEquals(403, other.status(), other.body());
        assertEquals("TARGET_NOT_ALLOWED", code(other));
        assertTrue(message(other).contains("only the caller's own address (127.0.0.1)"), message(other));

        // Through the machine's interface address the caller is that address: it may check itself, not loopback.
        PortCheckerApi external = PortCheckerApi.via(url);
        InetAddress own = external.callerAddress();
        assumeFalse(own.isLoopbackAddress(), "the deployment URL is a loopback address: no second address here");
        int port = listen(own);
        JsonNode body = expect(200, external.check(own.getHostAddress(), List.of(port)));
        assertTrue(body.at("/results/" + port + "/accessible").asBoolean(), body.toString());
        GolemHttpClient.Reply loopbackFromOutside = external.check("127.0.0.1", List.of(port));
        assertEquals(403, loopbackFromOutside.status(), loopbackFromOutside.body());
        assertTrue(message(loopbackFromOutside).contains("only the caller's own address (" + own.getHostAddress()
                + ")"), message(loopbackFromOutside));
        // X-Forwarded-For from a peer that is not a trusted proxy changes nothing
        GolemHttpClient.Reply spoofed = external.check("127.0.0.1", List.of(port), "X-Forwarded-For", "127.0.0.1");
        assertEquals(403, spoofed.status(), spoofed.body());
    }

    @Test
    void healthAnswersTheOriginalsClientsAndMicroProfile() throws Exception {
        PortCheckerApi api = PortCheckerApi.via(url);
        GolemHttpClient.Reply legacy = wire.check("health", "GET /health", api.get("health"));
        assertEquals(Json.tree("{\"status\":\"ok\"}"), expect(200, legacy), "the original's exact answer");

        JsonNode ready = expect(200, wire.check("health-ready", "GET /health/ready", api.get("health/ready")));
        assertEquals("UP", ready.get("status").asText());
        assertEquals(ProbePoolReadiness.NAME, ready.at("/checks/0/name").asText(), ready.toString());
        assertEquals("true", ready.at("/checks/0/data/accepting").asText(), ready.toString());
        assertEquals("UP", expect(200, api.get("health/live")).get("status").asText());
        assertEquals("UP", expect(200, api.get("health/started")).get("status").asText());
        JsonNode all = expect(200, api.get("health/"));
        assertEquals("UP", all.get("status").asText(), "MicroProfile's combined document: " + all);
    }
}
