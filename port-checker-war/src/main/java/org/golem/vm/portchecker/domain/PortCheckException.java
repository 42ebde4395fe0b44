package org.golem.vm.portchecker.domain;

import java.util.Objects;
import org.golem.vm.common.error.DomainException;

/**
 * Every refusal or failure of a port check: a {@link PortCheckErrorCode} (its name is the {@link #code()}, its
 * {@link PortCheckErrorCode#refusal() refusal} the kind) and a human-readable message. The REST layer renders it as
 * {@code {"detail": {"code": "INVALID_IP", "message": "..."}}} with the status its mapper gives the code.
 */
public class PortCheckException extends DomainException {

    private static final long serialVersionUID = 1L;

    /** The machine-readable code. */
    private final PortCheckErrorCode errorCode;

    /**
     * @param code    the error code; not null
     * @param message human-readable text (goes to {@code detail.message})
     */
    public PortCheckException(PortCheckErrorCode code, String message) {
        super(Objects.requireNonNull(code, "code").refusal(), code.name(), message);
        this.errorCode = code;
    }

    /**
     * @param code    the error code; not null
     * @param message human-readable text
     * @param cause   the underlying failure (for logs only; never sent to the client)
     */
    public PortCheckException(PortCheckErrorCode code, String message, Throwable cause) {
        this(code, message);
        initCause(cause);
    }

    /** @return the machine-readable code ({@link #code()} is its name) */
    public PortCheckErrorCode errorCode() {
        return errorCode;
    }
}
