package org.golem.vm.cli.support;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.json.JsonException;
import org.golem.vm.common.wire.ErrorResponse;

/**
 * HTTP client of one of our services' REST APIs (the requestor service, the provider's operator API): JSON in and
 * out, a bearer token read once from a file in the service's data directory and sent on every request (never printed
 * or logged).
 *
 * <p>Each request method comes in two forms: with a target type it returns the answer read as that wire record
 * (unknown fields ignored, as the project's {@link Json} mapper reads); without one it returns the body as a JSON
 * tree. Failures become {@link CliException}s with one line for the user: an error envelope → {@link ServiceRefusal}
 * ({@code <message> (<CODE>)}, with the hints of {@link #explain}); no connection → {@link #unreachable}; a body that
 * is not JSON, or not the expected record, or empty where a record is expected → {@code unexpected response ...}.
 * Subclasses name the service and add their hints.
 */
public abstract class ServiceClient {

    private static final Logger LOG = Logger.getLogger(ServiceClient.class.getName());
    /** Reads answer quickly; writes may wait for a provider or a transaction receipt. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(300);

    private final URI base;
    /** The token file ({@code <data-dir>/api.token}, {@code <data-dir>/admin.token}). */
    protected final Path tokenFile;
    /** The HTTP client (HTTP/1.1, 5 s connect timeout, no redirects). */
    protected final HttpClient http;
    private String token;
    private boolean tokenRead;

    /**
     * @param base      service base URL, e.g. {@code http://127.0.0.1:8000} (a trailing slash is ignored)
     * @param tokenFile the service's token file; read once, on the first request
     */
    protected ServiceClient(URI base, Path tokenFile) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.tokenFile = tokenFile;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @return the base URL (without trailing slash) */
    public URI base() {
        return base;
    }

    /**
     * {@code GET path}.
     *
     * @param path absolute path, e.g. {@code /api/v1/vms}
     * @return the JSON body
     */
    public JsonNode get(String path) {
        return send("GET", path, null, READ_TIMEOUT);
    }

    /**
     * {@code GET path?query} with the non-null parameters, URL-encoded.
     *
     * @param path  absolute path
     * @param query parameters in order; null values are left out
     * @return the JSON body
     */
    public JsonNode get(String path, Map<String, ?> query) {
        return get(withQuery(path, query));
    }

    /**
     * {@code GET path}, the answer read as a wire record.
     *
     * @param path absolute path, e.g. {@code /api/v1/vms}
     * @param type the answer's record
     * @param <T>  the answer's record
     * @return the answer
     */
    public <T> T get(String path, Class<T> type) {
        return read(exchange("GET", path, null, READ_TIMEOUT), type, "GET", path);
    }

    /**
     * {@code GET path?query} with the non-null parameters, URL-encoded; the answer read as a wire record.
     *
     * @param path  absolute path
     * @param query parameters in order; null values are left out
     * @param type  the answer's record
     * @param <T>   the answer's record
     * @return the answer
     */
    public <T> T get(String path, Map<String, ?> query, Class<T> type) {
        return get(withQuery(path, query), type);
    }

    /**
     * {@code POST path} with a JSON body; the answer read as a wire record.
     *
     * @param path absolute path
     * @param body value serialised with the project's mapper (snake_case), or null for no body
     * @param type the answer's record
     * @param <T>  the answer's record
     * @return the answer
     */
    public <T> T post(String path, Object body, Class<T> type) {
        return read(exchange("POST", path, body == null ? null : Json.toJsonBytes(body), WRITE_TIMEOUT), type,
                "POST", path);
    }

    /**
     * {@code DELETE path}; the answer read as a wire record.
     *
     * @param path absolute path
     * @param type the answer's record
     * @param <T>  the answer's record
     * @return the answer
     */
    public <T> T delete(String path, Class<T> type) {
        return read(exchange("DELETE", path, null, WRITE_TIMEOUT), type, "DELETE", path);
    }

    private static String withQuery(String path, Map<String, ?> query) {
        StringJoiner q = new StringJoiner("&");
        for (Map.Entry<String, ?> e : query.entrySet()) {
            if (e.getValue() != null) {
                q.add(enc(e.getKey()) + "=" + enc(String.valueOf(e.getValue())));
            }
        }
        return q.length() == 0 ? path : path + "?" + q;
    }

    /**
     * {@code POST path} with a JSON body.
     *
     * @param path absolute path
     * @param body value serialised with the project's mapper (snake_case), or null for no body
     * @return the JSON body of the answer
     */
    public JsonNode post(String path, Object body) {
        return send("POST", path, body == null ? null : Json.toJsonBytes(body), WRITE_TIMEOUT);
    }

    /**
     * {@code PUT path} with a JSON body.
     *
     * @param path absolute path
     * @param body value serialised with the project's mapper (snake_case)
     * @return the JSON body of the answer
     */
    public JsonNode put(String path, Object body) {
        return send("PUT", path, Json.toJsonBytes(body), WRITE_TIMEOUT);
    }

    /** @return how messages name the service, e.g. {@code the requestor service} */
    protected abstract String serviceName();

    /** @return how messages name the token, e.g. {@code API token} */
    protected abstract String tokenName();

    /** @return how messages name the data directory holding the token, e.g. {@code the service's data directory} */
    protected abstract String dataDirName();

    /**
     * @param e the connection failure
     * @return what to throw when nothing answers at the base URL
     */
    protected CliException unreachable(Exception e) {
        return new CliException("cannot reach " + serviceName() + " at " + base + " (" + describe(e) + ")", e);
    }

    /**
     * @param status  HTTP status of an error
     * @param code    its code, or null
     * @param message its message (one line)
     * @return the message with a hint for the user (401: where the token is read from)
     */
    protected String explain(int status, String code, String message) {
        if (status == 401) {
            return message + "; the " + tokenName() + " is read from " + tokenFile
                    + (tokenFile != null && Files.isReadable(tokenFile) ? "" : " (not readable)")
                    + ", use --data-dir to pick " + dataDirName();
        }
        return message;
    }

    /**
     * {@code DELETE path}.
     *
     * @param path absolute path
     * @return the JSON body of the answer
     */
    public JsonNode delete(String path) {
        return send("DELETE", path, null, WRITE_TIMEOUT);
    }

    /**
     * Encodes a path segment (a VM name, a job id).
     *
     * @param segment raw text
     * @return the percent-encoded segment
     */
    public static String seg(String segment) {
        return enc(segment).replace("+", "%20");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** @return a map for {@link #get(String, Map)} keeping insertion order */
    public static Map<String, Object> query() {
        return new LinkedHashMap<>();
    }

    private JsonNode send(String method, String path, byte[] body, Duration timeout) {
        byte[] bytes = exchange(method, path, body, timeout);
        if (bytes.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException | JsonException e) {
            throw unexpected(method, path, "not JSON", e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type, String method, String path) {
        if (bytes.length == 0) {
            throw unexpected(method, path, "no body", null);
        }
        try {
            return Json.fromJson(bytes, type);
        } catch (JsonException e) {
            // a parse error: the body is not JSON at all; else it is JSON of another shape than the record's
            throw unexpected(method, path, e.getCause() instanceof StreamReadException ? "not JSON" : e.getMessage(),
                    e);
        }
    }

    private CliException unexpected(String method, String path, String what, Exception cause) {
        return new CliException("unexpected response from " + serviceName() + " to " + method + " " + path + ": "
                + what, cause);
    }

    /** @return the body of a 2xx answer (empty when there is none); other statuses are thrown as errors */
    private byte[] exchange(String method, String path, byte[] body, Duration timeout) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json");
        String t = token();
        if (t != null) {
            rb.header("Authorization", "Bearer " + t);
        }
        if (body != null) {
            rb.header("Content-Type", "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> resp;
        try {
            LOG.fine(() -> method + " " + uri);
            resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new CliException(serviceName() + " at " + base + " did not answer " + method + " " + path
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new CliException("request to " + serviceName() + " failed: " + method + " " + path + ": "
                    + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
        int status = resp.statusCode();
        byte[] bytes = resp.body();
        LOG.fine(() -> method + " " + uri + " -> " + status + " (" + bytes.length + " bytes)");
        if (status >= 200 && status < 300) {
            return bytes;
        }
        throw error(status, bytes, method, path);
    }

    private CliException error(int status, byte[] bytes, String method, String path) {
        String code = null;
        String message = null;
        try {
            ErrorResponse er = Json.fromJson(bytes, ErrorResponse.class);
            code = er.code();
            message = er.message();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "error body is not the envelope", e);
        }
        if (message == null || message.isBlank()) {
            message = "HTTP " + status + " from " + serviceName() + " for " + method + " " + path;
        }
        message = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return new ServiceRefusal(status, code, explain(status, code, message));
    }

    private synchronized String token() {
        if (!tokenRead) {
            tokenRead = true;
            if (tokenFile != null && Files.isReadable(tokenFile)) {
                try {
                    String t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                    token = t.isEmpty() ? null : t;
                } catch (IOException e) {
                    LOG.log(Level.FINE, "cannot read the API token file " + tokenFile, e);
                }
            }
        }
        return token;
    }

    /**
     * @param e a failure
     * @return the most telling words for it ({@link org.golem.vm.common.net.IoFailures#describe}: e.g.
     *         {@code connection refused} where the JDK gives no message)
     */
    public static String describe(Throwable e) {
        return IoFailures.describe(e);
    }
}
