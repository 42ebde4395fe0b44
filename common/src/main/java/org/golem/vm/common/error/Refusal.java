package org.golem.vm.common.error;

/**
 * Why a use case refused or failed, in terms of the domain rather than a protocol. Each service's REST layer maps
 * a kind to one HTTP status, in one place ({@code org.golem.vm.common.rest.DomainExceptionMapper}); the code and
 * message of the {@link DomainException} go to the client unchanged.
 */
public enum Refusal {
    /** The request breaks a rule about its own content (HTTP 400). */
    INVALID,
    /** The caller is not who it must be, or proved nothing (HTTP 401). */
    UNAUTHENTICATED,
    /** The request is valid but the money for it is missing: deposit too small, runway too short (HTTP 402). */
    PAYMENT_REQUIRED,
    /** The caller is known but may not do this (HTTP 403). */
    FORBIDDEN,
    /** The named thing (VM, stream, job, advertisement) does not exist for this caller (HTTP 404). */
    NOT_FOUND,
    /** The request conflicts with the current state: a VM already running, a stream already bound (HTTP 409). */
    CONFLICT,
    /** The request is larger than allowed (HTTP 413). */
    TOO_LARGE,
    /** The request is well-formed but cannot be processed as asked (HTTP 422). */
    UNPROCESSABLE,
    /** A system this service depends on (a provider, the chain, a hypervisor) refused or failed (HTTP 502). */
    UPSTREAM_FAILED,
    /** The caller sent too many requests; retrying after a pause works (HTTP 429). */
    RATE_LIMITED,
    /** This service failed while doing it, through no fault of the request (HTTP 500). */
    FAILED,
    /** This service cannot do it now; retrying later may work (HTTP 503). */
    UNAVAILABLE
}
