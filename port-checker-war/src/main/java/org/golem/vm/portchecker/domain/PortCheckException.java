package org.golem.vm.portchecker.domain;

import java.util.Objects;
import org.golem.vm.common.rest.ApiException;

/**
 * Every refusal or failure of a port check: a {@link PortCheckErrorCode} (which fixes the HTTP status) and a
 * human-readable message. An {@link ApiException}, so the shared mapper renders it as
 * {@code {"detail": {"code": "INVALID_IP", "message": "..."}}} with {@link #status()}.
 */
public class PortCheckException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** The machine-readable code. */
    private final PortCheckErrorCode errorCode;

    /**
     * @param code    the error code; not null
     * @param message human-readable text (goes to {@code detail.message})
     */
    public PortCheckException(PortCheckErrorCode code, String message) {
        super(Objects.requireNonNull(code, "code").httpStatus(), code.name(), message);
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
