package org.golem.vm.provider.application.port;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.StreamPaymentClient;

/**
 * The payments chain as the provider's use cases see it: the provider's identity, where streams for it are opened
 * (the StreamPayment contract, an EIP-1620 style money stream, and its token), the streams' state at the chain's
 * time, and withdrawals. Every failed read throws {@link IOException}: callers treat it as "unknown" and change
 * nothing.
 */
public interface PaymentsChain {

    /** The zero address: native ETH as a token, "not configured" as a contract. */
    String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    /**
     * Where payments go.
     *
     * @param contract the StreamPayment contract address (EIP-55), null when not configured
     * @param token    the accepted token address (EIP-55), {@link #ZERO_ADDRESS} for native ETH
     */
    record Contracts(String contract, String token) {
        /** @return the contract address, or {@link #ZERO_ADDRESS} when none is configured (as advertised) */
        public String contractOrZero() {
            return contract == null ? ZERO_ADDRESS : contract;
        }
    }

    /**
     * One withdrawal.
     *
     * @param amountWei wei paid to the provider (from the contract's Withdraw events)
     * @param txHash    the transaction hash
     */
    record Paid(BigInteger amountWei, String txHash) {
    }

    /** @return the provider id: its address, EIP-55 */
    String providerId();

    /** @return whether VMs must be paid for (payments enabled by the operator) */
    boolean paymentsEnabled();

    /** @return the contract and token; contract null when not configured */
    Contracts contracts();

    /**
     * One JSON-RPC batch: the latest block's timestamp and every stream.
     *
     * @param streamIds streams to read
     * @return the streams (a stream that does not exist reads as nonexistent) and the chain time, Unix seconds
     * @throws IOException when the node fails (nothing partial is returned)
     */
    StreamPaymentClient.StreamBatch read(Collection<BigInteger> streamIds) throws IOException;

    /**
     * @param streamId one stream
     * @return the stream and the chain time
     * @throws IOException when the node fails
     */
    default StreamPaymentClient.StreamBatch read(BigInteger streamId) throws IOException {
        return read(List.of(streamId));
    }

    /**
     * @return the chain's latest block timestamp, Unix seconds
     * @throws IOException when the node fails
     */
    default long now() throws IOException {
        return read(List.of()).blockTimestamp();
    }

    /**
     * Withdraws what vested on a stream to the provider (the provider pays the gas).
     *
     * @param streamId the stream
     * @return wei paid and the transaction hash
     * @throws ContractRevertException when the contract refuses (e.g. nothing to withdraw)
     * @throws IOException             when the node fails or the transaction is not mined in time
     */
    Paid withdraw(BigInteger streamId) throws ContractRevertException, IOException;

    /**
     * @return the provider's balance on the chain, wei
     * @throws IOException when the node fails
     */
    BigInteger balance() throws IOException;

    /**
     * Funds the provider's own address on a development chain (gas for withdrawals).
     *
     * @param wei the balance to set, wei
     * @return true when funded, false when the chain is not a development chain
     * @throws IOException when the node fails
     */
    boolean devFaucet(BigInteger wei) throws IOException;
}
