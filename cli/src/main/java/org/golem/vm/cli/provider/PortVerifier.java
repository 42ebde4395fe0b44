package org.golem.vm.cli.provider;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.common.wire.CheckPortsResponse;
import org.golem.vm.common.wire.ErrorResponse;
import org.golem.vm.common.wire.PortCheckResult;

/**
 * Checks, before the provider starts, that its SSH port range can be reached from outside: it listens on every port
 * of the range (temporarily, on the provider's SSH bind address), asks the port checker ({@code POST /check-ports
 * {"provider_ip", "ports"}}, README "Port checker") which of them it can connect to, then closes the listeners.
 *
 * <p>The address checked ({@code provider_ip}) is {@code GOLEM_PROVIDER_PUBLIC_HOST} (resolved locally when it is a
 * name: the checker takes only IP literals), else the local address of a connection to the checker; the checker
 * only checks its caller's own address, so when that guess is refused because the checker sees this machine under
 * another address (NAT), the check is repeated once with the address the checker names. Ports that cannot be bound
 * (in use) are reported as busy and not checked. Unlike the original, the result is never ignored: the caller
 * refuses to start when no port is reachable.
 */
final class PortVerifier {

    private static final Logger LOG = Logger.getLogger(PortVerifier.class.getName());
    /** The checker's default {@code PORT_CHECKER_MAX_PORTS}. */
    static final int MAX_PORTS_PER_REQUEST = 100;
    /** 100 silent ports take one port's worst case on the checker (17 s by default). */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern OWN_ADDRESS = Pattern.compile("only the caller's own address \\(\\[?([0-9A-Fa-f.:]+)\\]?\\)");

    /**
     * What to check.
     *
     * @param bindAddress where the provider listens for SSH ({@code GOLEM_PROVIDER_SSH_BIND_ADDRESS})
     * @param start       first port of the range
     * @param end         last port of the range (inclusive)
     * @param checker     the port checker's base URL
     * @param publicHost  {@code GOLEM_PROVIDER_PUBLIC_HOST}, or null
     */
    record Request(InetAddress bindAddress, int start, int end, URI checker, String publicHost) {
    }

    /**
     * What the check found.
     *
     * @param request     what was checked
     * @param checkedAs   the address the checker probed (null when no port could be bound)
     * @param reachable   ports the checker could connect to
     * @param unreachable ports it could not connect to → its reason
     * @param busy        ports that could not be bound here → why
     */
    record Outcome(Request request, String checkedAs, List<Integer> reachable, Map<Integer, String> unreachable,
                   Map<Integer, String> busy) {
        int total() {
            return request.end() - request.start() + 1;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * Runs the check.
     *
     * @param req what to check
     * @return the outcome
     * @throws CliException when the checker cannot be reached or refuses to check (the message says how to fix it
     *                      or to skip the check with {@code --no-verify-port})
     */
    Outcome verify(Request req) {
        List<ServerSocket> listeners = new ArrayList<>();
        Map<Integer, String> busy = new TreeMap<>();
        List<Integer> bound = new ArrayList<>();
        try {
            for (int port = req.start(); port <= req.end(); port++) {
                ServerSocket s = new ServerSocket();
                try {
                    s.bind(new InetSocketAddress(req.bindAddress(), port), 50);
                    listeners.add(s);
                    bound.add(port);
                } catch (IOException e) {
                    s.close();
                    busy.put(port, ProviderAdminClient.describe(e));
                }
            }
            List<Integer> reachable = new ArrayList<>();
            Map<Integer, String> unreachable = new TreeMap<>();
            if (bound.isEmpty()) {
                return new Outcome(req, null, reachable, unreachable, busy);
            }
            String ip = req.publicHost() != null ? publicAddress(req.publicHost()) : localAddressTowards(req.checker());
            boolean guessed = req.publicHost() == null;
            for (int i = 0; i < bound.size(); i += MAX_PORTS_PER_REQUEST) {
                List<Integer> chunk = bound.subList(i, Math.min(bound.size(), i + MAX_PORTS_PER_REQUEST));
                Map<Integer, PortCheckResult> results;
                try {
                    results = check(req.checker(), ip, chunk);
                } catch (OtherAddressException e) {
                    if (!guessed) {
                        throw new CliException("the port checker at " + req.checker() + " sees this machine as "
                                + e.seenAs + ", not GOLEM_PROVIDER_PUBLIC_HOST=" + req.publicHost() + " (" + ip
                                + "); correct GOLEM_PROVIDER_PUBLIC_HOST, or skip the check with --no-verify-port");
                    }
                    LOG.fine("the checker sees us as " + e.seenAs + ", not " + ip);
                    ip = e.seenAs;
                    guessed = false;
                    try {
                        results = check(req.checker(), ip, chunk);
                    } catch (OtherAddressException again) {
                        throw new CliException("the port checker at " + req.checker() + " refuses to check the "
                                + "address it names as this machine's (" + ip + ", then " + again.seenAs + "); set "
                                + "GOLEM_PROVIDER_PUBLIC_HOST, or skip the check with --no-verify-port");
                    }
                }
                for (int port : chunk) {
                    PortCheckResult r = results.get(port);
                    if (r != null && r.accessible()) {
                        reachable.add(port);
                    } else {
                        String why = r == null ? "no answer from the checker" : r.error();
                        unreachable.put(port, why == null || why.isBlank() ? "not accessible" : why);
                    }
                }
            }
            return new Outcome(req, ip, reachable, unreachable, busy);
        } catch (IOException e) {
            throw new CliException("cannot listen on the SSH ports to check them: " + ProviderAdminClient.describe(e), e);
        } finally {
            for (ServerSocket s : listeners) {
                try {
                    s.close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "closing a listener", e);
                }
            }
        }
    }

    /** The checker refused because it sees its caller under another address. */
    private static final class OtherAddressException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String seenAs;

        OtherAddressException(String seenAs) {
            super(seenAs, null, false, false);
            this.seenAs = seenAs;
        }
    }

    /**
     * @return the checker's result per port it checked (its {@link CheckPortsResponse#results()})
     * @throws OtherAddressException when it refuses because it sees its caller under another address
     */
    private Map<Integer, PortCheckResult> check(URI checker, String ip, List<Integer> ports) {
        CheckPortsRequest body = new CheckPortsRequest(ip, ports);
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(HttpRequest.newBuilder(URI.create(stripSlash(checker) + "/check-ports"))
                    .timeout(CHECK_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toJsonBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachableChecker(checker, e instanceof ConnectException ? "connection refused" : "connect timed out",
                    e);
        } catch (HttpTimeoutException e) {
            throw new CliException("the port checker at " + checker + " did not answer within "
                    + CHECK_TIMEOUT.toSeconds() + " s; try again, or skip the check with --no-verify-port", e);
        } catch (IOException e) {
            throw unreachableChecker(checker, ProviderAdminClient.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
        if (resp.statusCode() == 200) {
            try {
                CheckPortsResponse answer = Json.fromJson(resp.body(), CheckPortsResponse.class);
                // a checker answers every port asked: no results at all is not a checker's answer
                if (answer != null && !answer.results().isEmpty()) {
                    return answer.results();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "checker answer is not the port checker's JSON", e);
            }
            throw new CliException("the port checker at " + checker + " gave an unexpected answer (no \"results\"); "
                    + "is it a port checker? Skip the check with --no-verify-port");
        }
        String code = null;
        String message = null;
        try {
            ErrorResponse er = Json.fromJson(resp.body(), ErrorResponse.class);
            code = er.code();
            message = er.message();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "checker error is not the envelope", e);
        }
        if ("TARGET_NOT_ALLOWED".equals(code) && message != null) {
            Matcher m = OWN_ADDRESS.matcher(message);
            if (m.find() && !m.group(1).equals(ip)) {
                throw new OtherAddressException(m.group(1));
            }
        }
        String retry = resp.headers().firstValue("Retry-After").map(s -> " (retry after " + s + " s)").orElse("");
        throw new CliException("the port checker at " + checker + " refused to check " + ip + ": "
                + (message == null ? "HTTP " + resp.statusCode() : message) + (code == null ? "" : " (" + code + ")")
                + retry + "; " + ("TARGET_NOT_ALLOWED".equals(code)
                ? "set GOLEM_PROVIDER_PUBLIC_HOST to this machine's public address, use another checker with "
                + "--port-checker, or skip the check with --no-verify-port"
                : "skip the check with --no-verify-port"));
    }

    private static CliException unreachableChecker(URI checker, String why, Throwable e) {
        return new CliException("cannot verify the SSH ports: the port checker at " + checker + " cannot be reached ("
                + why + "); start one (bin/port-checker), point --port-checker or GOLEM_PROVIDER_PORT_CHECKER_URL at "
                + "one, or skip the check with --no-verify-port", e);
    }

    /** @return GOLEM_PROVIDER_PUBLIC_HOST as an IP literal (a name is resolved here, IPv4 preferred) */
    private static String publicAddress(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(h);
            InetAddress pick = all[0];
            for (InetAddress a : all) {
                if (a instanceof Inet4Address) {
                    pick = a;
                    break;
                }
            }
            return literal(pick);
        } catch (UnknownHostException e) {
            throw new CliException("GOLEM_PROVIDER_PUBLIC_HOST=" + host + " cannot be resolved; set it to this "
                    + "machine's public address, or skip the check with --no-verify-port", e);
        }
    }

    /** @return the local address of a TCP connection to the checker (what it sees when there is no NAT) */
    private static String localAddressTowards(URI checker) {
        int port = checker.getPort() > 0 ? checker.getPort() : "https".equalsIgnoreCase(checker.getScheme()) ? 443 : 80;
        String host = checker.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5000);
            return literal(s.getLocalAddress());
        } catch (UnknownHostException e) {
            throw unreachableChecker(checker, "unknown host " + host, e);
        } catch (IOException e) {
            throw unreachableChecker(checker, e instanceof ConnectException ? "connection refused"
                    : ProviderAdminClient.describe(e), e);
        }
    }

    private static String literal(InetAddress a) {
        String s = a.getHostAddress();
        int zone = s.indexOf('%');
        return zone < 0 ? s : s.substring(0, zone);
    }

    private static String stripSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Prints the outcome for the operator: how many ports are reachable, and which are not and why (ports grouped
     * into ranges by reason).
     *
     * @param out where to print
     * @param o   the outcome
     */
    static void report(PrintWriter out, Outcome o) {
        Request r = o.request();
        int total = o.total();
        int reachable = o.reachable().size();
        String range = r.start() == r.end() ? String.valueOf(r.start()) : r.start() + "-" + r.end();
        if (reachable == total) {
            out.println("SSH ports: all " + total + " reachable from outside (" + range + ", checked as "
                    + o.checkedAs() + ").");
        } else {
            out.println("SSH ports: " + reachable + " of " + total + " reachable from outside (" + range
                    + (o.checkedAs() == null ? "" : ", checked as " + o.checkedAs()) + ").");
            for (Map.Entry<String, List<Integer>> e : byReason(o.unreachable()).entrySet()) {
                out.println("  not reachable (" + e.getKey() + "): " + ranges(e.getValue()));
            }
            for (Map.Entry<String, List<Integer>> e : byReason(o.busy()).entrySet()) {
                out.println("  busy, cannot listen (" + e.getKey() + "): " + ranges(e.getValue()));
            }
        }
        out.flush();
    }

    private static Map<String, List<Integer>> byReason(Map<Integer, String> ports) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        ports.forEach((port, why) -> out.computeIfAbsent(why, k -> new ArrayList<>()).add(port));
        return out;
    }

    /**
     * @param ports ascending port numbers
     * @return them with runs collapsed, e.g. {@code 50800-50803, 50810}
     */
    static String ranges(List<Integer> ports) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < ports.size()) {
            int j = i;
            while (j + 1 < ports.size() && ports.get(j + 1) == ports.get(j) + 1) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(ports.get(i));
            if (j > i) {
                sb.append('-').append(ports.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }
}
