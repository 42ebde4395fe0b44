package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The error body of every service (docs/auth.md, docs/discovery-api.md §4):
 * {@code {"detail": {"code": "ADV_004", "message": "Advertisement not found"}}}.
 *
 * <p>Used by the provider API, the discovery API and the port checker for every 4xx/5xx that the
 * application produces (auth failures {@code AUTH_*}, discovery's {@code ADV_*}, validation failures
 * {@link #VALIDATION_ERROR}, ...). Keep the original's human text in {@code message} (e.g.
 * {@code "no stream mapped for this VM"}, {@code "invalid stream: recipient mismatch"}): the original
 * requestor matches substrings of the raw body.
 *
 * <p>Reading is lenient so our CLI can also talk to the original services: a plain-string detail
 * ({@code {"detail": "VM not found"}}) becomes code {@code null} with that message, and FastAPI's 422 list
 * ({@code {"detail": [{"loc": [...], "msg": "..."}]}}) becomes {@link #VALIDATION_ERROR} with the
 * entries joined.
 *
 * @param detail the code and message; never null
 */
public record ErrorResponse(Detail detail) {

    /** Code of a request body or parameter that breaks the rules in {@link WireValidation} (HTTP 400). */
    public static final String VALIDATION_ERROR = "VALIDATION_ERROR";

    public ErrorResponse {
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @param code    machine-readable code, e.g. {@code AUTH_EXPIRED}
     * @param message human-readable text
     * @return the error body
     */
    public static ErrorResponse of(String code, String message) {
        return new ErrorResponse(new Detail(code, message));
    }

    /**
     * A 400 body for failed validation: code {@link #VALIDATION_ERROR}, message
     * {@code "<field>: <message>; <field>: <message>"}.
     *
     * @param violations what {@link WireValidation} found (must not be empty)
     * @return the error body
     */
    public static ErrorResponse validation(List<Violation> violations) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        List<String> parts = new ArrayList<>();
        for (Violation v : violations) {
            parts.add(v.toString());
        }
        return of(VALIDATION_ERROR, String.join("; ", parts));
    }

    /** @return {@code detail().code()} (may be null for an original service's plain-string detail) */
    public String code() {
        return detail.code();
    }

    /** @return {@code detail().message()} */
    public String message() {
        return detail.message();
    }

    /**
     * The {@code detail} object.
     *
     * @param code    machine-readable error code ({@code AUTH_MISSING}, {@code ADV_004}, ...); null only when
     *                read from an original service that sent a plain string
     * @param message human-readable text
     */
    public record Detail(String code, String message) {

        /**
         * Lenient reader for the three shapes a {@code detail} can have (object, string, FastAPI list).
         *
         * @param node the JSON value of {@code detail}
         * @return the detail
         */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Detail fromJson(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return new Detail(null, null);
            }
            if (node.isObject()) {
                return new Detail(text(node.get("code")), text(node.get("message")));
            }
            if (node.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode item : node) {
                    if (item.isObject()) {
                        String loc = "";
                        if (item.path("loc").isArray()) {
                            List<String> segments = new ArrayList<>();
                            item.get("loc").forEach(s -> segments.add(s.asText()));
                            loc = String.join(".", segments) + ": ";
                        }
                        parts.add(loc + item.path("msg").asText(""));
                    } else {
                        parts.add(item.asText());
                    }
                }
                return new Detail(VALIDATION_ERROR, String.join("; ", parts));
            }
            return new Detail(null, node.asText());
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }
    }
}
