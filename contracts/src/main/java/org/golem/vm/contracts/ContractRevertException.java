package org.golem.vm.contracts;

/**
 * A contract call was refused by the contract: its revert reason (e.g. {@code "no-stream"}, {@code "halted"}) is
 * known, either from the node's pre-flight gas estimate (no gas spent) or from a mined transaction that failed.
 */
public final class ContractRevertException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String transactionHash;

    /**
     * @param function        the contract function, e.g. {@code terminate}
     * @param reason          the revert string, or an empty string when the contract gave none
     * @param transactionHash the mined failed transaction, or null when refused before sending
     */
    public ContractRevertException(String function, String reason, String transactionHash) {
        super(function + " reverted: " + (reason.isEmpty() ? "(no reason)" : reason)
                + (transactionHash == null ? "" : " in transaction " + transactionHash));
        this.reason = reason;
        this.transactionHash = transactionHash;
    }

    /** @return the contract's revert string, e.g. {@code "not sender"}; empty when none was given */
    public String reason() {
        return reason;
    }

    /** @return the failed transaction's hash, or null when the call was refused before it was sent */
    public String transactionHash() {
        return transactionHash;
    }
}
