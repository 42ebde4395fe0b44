package org.golem.vm.common.wire;

import java.util.Objects;

/**
 * One broken rule found by {@link WireValidation}; a service answers 400 with
 * {@link ErrorResponse#validation(java.util.List)}.
 *
 * @param field   JSON path of the offending value, snake_case as on the wire, e.g. {@code name},
 *                {@code resources.cpu}, {@code ports[3]}
 * @param code    machine-readable code, one of the constants of this record
 * @param message human-readable explanation
 */
public record Violation(String field, String code, String message) {

    /** The value is missing, null or blank. */
    public static final String REQUIRED = "REQUIRED";
    /** The value is too short or too long. */
    public static final String LENGTH = "LENGTH";
    /** The value does not have the required form. */
    public static final String PATTERN = "PATTERN";
    /** The value is well formed but not one of the allowed values. */
    public static final String NOT_ALLOWED = "NOT_ALLOWED";
    /** The number is outside the allowed range. */
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    /** The list has more elements than allowed. */
    public static final String TOO_MANY = "TOO_MANY";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code "<field>: <message>"} */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
