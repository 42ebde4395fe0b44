package org.golem.vm.common.error;

import jakarta.ejb.ApplicationException;
import java.util.Objects;

/**
 * A refusal a client can act on, raised by a use case (domain or application layer): a {@link Refusal} kind, a
 * machine-readable code such as {@code VM_NOT_FOUND} or {@code INVALID_IP}, and a human-readable message. It knows
 * nothing of HTTP; the REST layer renders it as {@code {"detail": {"code": …, "message": …}}} with the status of its
 * kind (the envelope of the original Python services, kept so their clients keep working).
 *
 * <p>An EJB application exception: thrown through an EJB it reaches the caller as itself (not wrapped in an
 * {@code EJBException}) and rolls the transaction back.
 */
@ApplicationException(rollback = true, inherited = true)
public class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Refusal refusal;
    private final String code;

    /**
     * @param refusal the kind of refusal; not null
     * @param code    the machine-readable code; not null
     * @param message human-readable text; must not contain secrets or internal exception text
     */
    public DomainException(Refusal refusal, String code, String message) {
        super(message);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * @param refusal the kind of refusal; not null
     * @param code    the machine-readable code; not null
     * @param message human-readable text
     * @param cause   the underlying failure, for logs only (never sent to a client)
     */
    public DomainException(Refusal refusal, String code, String message, Throwable cause) {
        this(refusal, code, message);
        initCause(cause);
    }

    /** @return the kind of refusal */
    public Refusal refusal() {
        return refusal;
    }

    /** @return the machine-readable code */
    public String code() {
        return code;
    }
}
