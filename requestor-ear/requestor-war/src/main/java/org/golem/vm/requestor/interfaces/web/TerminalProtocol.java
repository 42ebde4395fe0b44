package org.golem.vm.requestor.interfaces.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.golem.vm.common.json.Json;

/**
 * The web console terminal's JSON text frames (requestor-ear/API.md, "Terminal"): parsing what the client sends
 * ({@code auth}, {@code input}, {@code resize}) and writing what the server sends ({@code ready}, {@code error},
 * {@code exit}). The shell's output is not JSON: binary frames of raw bytes.
 */
public final class TerminalProtocol {

    /** Smallest and largest terminal size, columns and rows each. */
    public static final int MIN_SIZE = 1;
    /** See {@link #MIN_SIZE}. */
    public static final int MAX_SIZE = 1000;
    /** Size when the auth frame gives none: 80 columns, 24 rows. */
    public static final int DEFAULT_COLS = 80;
    /** See {@link #DEFAULT_COLS}. */
    public static final int DEFAULT_ROWS = 24;

    /** Close codes of the error frames, per error code. */
    private static final Map<String, Integer> CLOSE_CODES = Map.of(
            "UNAUTHORIZED", 4401, "VM_NOT_FOUND", 4404, "VM_NOT_RUNNING", 4409, "TOO_MANY_TERMINALS", 4429,
            "HOST_KEY_MISMATCH", 4502, "SSH_FAILED", 4502, "INVALID_MESSAGE", 4400, "AUTH_TIMEOUT", 4408);

    private TerminalProtocol() {
    }

    /** A frame the client sent. */
    public sealed interface ClientMessage permits Auth, Input, Resize {
    }

    /** {@code {"type":"auth","token":"…","cols":80,"rows":24}}: first frame; cols and rows optional (80×24). */
    public record Auth(String token, int cols, int rows) implements ClientMessage {
        @Override
        public String toString() {
            return "Auth[token=<hidden>, cols=" + cols + ", rows=" + rows + "]"; // the token is never logged
        }
    }

    /** {@code {"type":"input","data":"…"}}: typed or pasted text, UTF-8 on the wire to the shell. */
    public record Input(String data) implements ClientMessage {
        /** @return the text as UTF-8 bytes */
        public byte[] bytes() {
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code {"type":"resize","cols":C,"rows":R}}, each 1..1000. */
    public record Resize(int cols, int rows) implements ClientMessage {
    }

    /** A frame that breaks the protocol; its message says how, in one line. */
    public static final class InvalidMessage extends Exception {
        InvalidMessage(String message) {
            super(message);
        }
    }

    /**
     * @param text a text frame from the client
     * @return what it says
     * @throws InvalidMessage when it is not a JSON object of a known type with valid fields
     */
    public static ClientMessage parse(String text) throws InvalidMessage {
        JsonNode n;
        try {
            n = Json.tree(text);
        } catch (RuntimeException e) {
            throw new InvalidMessage("the frame is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidMessage("the frame is not a JSON object");
        }
        JsonNode type = n.get("type");
        String t = type != null && type.isTextual() ? type.asText() : null;
        if ("auth".equals(t)) {
            JsonNode token = n.get("token");
            if (token == null || !token.isTextual()) {
                throw new InvalidMessage("auth: token must be a string");
            }
            return new Auth(token.asText(), size(n, "cols", DEFAULT_COLS), size(n, "rows", DEFAULT_ROWS));
        }
        if ("input".equals(t)) {
            JsonNode data = n.get("data");
            if (data == null || !data.isTextual()) {
                throw new InvalidMessage("input: data must be a string");
            }
            return new Input(data.asText());
        }
        if ("resize".equals(t)) {
            return new Resize(size(n, "cols", null), size(n, "rows", null));
        }
        throw new InvalidMessage("type must be auth, input or resize");
    }

    private static int size(JsonNode n, String field, Integer fallback) throws InvalidMessage {
        JsonNode v = n.get(field);
        if ((v == null || v.isNull()) && fallback != null) {
            return fallback;
        }
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < MIN_SIZE
                || v.asInt() > MAX_SIZE) {
            throw new InvalidMessage(field + " must be a whole number from " + MIN_SIZE + " to " + MAX_SIZE);
        }
        return v.asInt();
    }

    /** @return {@code {"type":"ready","host":…,"port":…,"user":…,"host_key_fingerprint":"SHA256:…"}} */
    public static String ready(String host, int port, String user, String fingerprint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "ready");
        m.put("host", host);
        m.put("port", port);
        m.put("user", user);
        m.put("host_key_fingerprint", fingerprint);
        return Json.toJson(m);
    }

    /** @return {@code {"type":"error","code":…,"message":…}}, the message on one line */
    public static String error(String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        m.put("code", code);
        m.put("message", message == null ? code : message.replaceAll("[\\r\\n]+", " "));
        return Json.toJson(m);
    }

    /** @return {@code {"type":"exit","status":N}} */
    public static String exit(int status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "exit");
        m.put("status", status);
        return Json.toJson(m);
    }

    /**
     * @param code an error frame's code
     * @return the WebSocket close code that follows it (4502 for an unknown code: the SSH side failed)
     */
    public static int closeCode(String code) {
        return CLOSE_CODES.getOrDefault(code, 4502);
    }
}
