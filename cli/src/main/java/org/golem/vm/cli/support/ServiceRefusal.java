package org.golem.vm.cli.support;

/**
 * An error answer of one of our services (the requestor, or a provider's admin API): HTTP status plus the envelope
 * {@code {"detail": {"code": "<CODE>", "message": "<text>"}}} (requestor-ear/API.md). Shown to the user as
 * {@code golem: <message> (<CODE>)}.
 */
public class ServiceRefusal extends CliException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String detailMessage;

    /**
     * @param status  HTTP status (4xx/5xx)
     * @param code    the envelope's code, e.g. {@code VM_NOT_FOUND}; null when the body had none
     * @param message the envelope's message (one line for a human)
     */
    public ServiceRefusal(int status, String code, String message) {
        super(code == null ? message : message + " (" + code + ")");
        this.status = status;
        this.code = code;
        this.detailMessage = message;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error code, or null */
    public String code() {
        return code;
    }

    /** @return the service's message without the code */
    public String detailMessage() {
        return detailMessage;
    }
}
