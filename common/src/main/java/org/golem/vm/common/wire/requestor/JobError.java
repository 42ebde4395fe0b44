package org.golem.vm.common.wire.requestor;

/**
 * Why a creation job failed.
 *
 * @param code    machine-readable, e.g. {@code PROVIDER_REFUSED}, {@code TX_FAILED}, {@code CREATE_FAILED}
 * @param message for a human (names the refund when a stream was opened)
 */
public record JobError(String code, String message) {
}
