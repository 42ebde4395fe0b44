package org.golem.vm.provider.application.port;

/** A driver operation failed; {@link #code()} says how (machine-readable, for the API's error codes). */
public class VmDriverException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Failure kinds. */
    public enum Code {
        /** No VM with that id. */
        VM_NOT_FOUND,
        /** A VM with that id exists. */
        VM_EXISTS,
        /** The image name is not in the catalog or its files are missing or damaged. */
        IMAGE_NOT_FOUND,
        /** The guest's SSH server did not answer within the boot timeout. */
        BOOT_TIMEOUT,
        /** The hypervisor or a host resource failed (qemu/multipass error, disk full, port taken). */
        HYPERVISOR_ERROR
    }

    private final Code code;

    /**
     * @param code    the failure kind
     * @param message what happened, for logs and operators (no secrets)
     */
    public VmDriverException(Code code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * @param code    the failure kind
     * @param message what happened
     * @param cause   the underlying error
     */
    public VmDriverException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return the failure kind */
    public Code code() {
        return code;
    }
}
