package org.golem.vm.requestor.application.port;

import java.io.IOException;

/** A provider's refusal, in its own error body: the HTTP status, its code (null when it gave none) and message. */
public class ProviderRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    /**
     * @param status  the HTTP status of the provider's answer
     * @param code    the provider's error code, or null
     * @param message the provider's message
     */
    public ProviderRefusedException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** @return HTTP status */
    public int status() {
        return status;
    }

    /** @return the provider's error code, or null */
    public String code() {
        return code;
    }
}
