package org.golem.vm.requestor.application.port;

import java.io.IOException;
import java.math.BigInteger;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.domain.Funds;

/**
 * The requestor's wallet on the payments chain and its StreamPayment contract (an EIP-1620-style stream escrow): the
 * wallet's address, OUR deployment's contract and token (a provider's own claims are only compared with them, never
 * used), and every chain call. Reads fail with {@link IOException} when the node cannot be reached; transactions
 * also with {@link ContractRevertException} when the contract or token refuses (with its reason).
 */
public interface Payments {

    /** The zero address (native ETH as a token). */
    String ZERO = StreamState.ZERO_ADDRESS;

    /**
     * Contract and token of our deployment, EIP-55.
     *
     * @param contract the StreamPayment contract, null when none is configured
     * @param token    the stream token, the zero address for native ETH
     */
    record Contracts(String contract, String token) {
    }

    /**
     * A stream read together with the chain's time.
     *
     * @param state    the contract's record (its {@code nonexistent()} when there is none)
     * @param chainNow the latest block's timestamp, Unix seconds
     */
    record Reading(StreamState state, long chainNow) {
    }

    /**
     * A termination.
     *
     * @param refundWei what came back to the wallet, wei
     * @param txHash    the transaction hash
     */
    record Refund(BigInteger refundWei, String txHash) {
    }

    /** @return the wallet address, EIP-55 (the key is created on first use) */
    String address();

    /** @return our contract and token */
    Contracts contracts();

    /** @return the chain id (connects) */
    long chainId() throws IOException;

    /** @return the wallet's funds for streams in our deployment's token */
    Funds funds() throws IOException;

    /** @return the wallet's funds for streams in {@code token} (the zero address: native ETH) */
    Funds funds(String token) throws IOException;

    /** @return the stream and the chain's time */
    Reading read(BigInteger streamId) throws IOException;

    /**
     * Opens a stream from the wallet in our deployment's token.
     *
     * @return the new stream id
     */
    BigInteger open(String recipient, BigInteger depositWei, BigInteger ratePerSecondWei)
            throws ContractRevertException, IOException;

    /**
     * Tops up a stream with {@code amount} (wei, or base units of its token).
     *
     * @return the transaction hash
     */
    String topUp(BigInteger streamId, String token, BigInteger amount) throws ContractRevertException, IOException;

    /** Terminates a stream: the unvested rest comes back to the wallet. */
    Refund terminate(BigInteger streamId) throws ContractRevertException, IOException;

    /**
     * Sets the wallet's balance on a local development chain (chain id 31337).
     *
     * @return true when done, false when the chain is not a development chain
     */
    boolean devFaucet(BigInteger balanceWei) throws IOException;

    /**
     * Mints {@code amount} of our test token to the wallet on the development chain.
     *
     * @return true when minted; false on other chains or when streams pay in native ETH
     */
    boolean devTokenFaucet(BigInteger amount) throws ContractRevertException, IOException;

    /**
     * Words for a failed chain read, naming the node, the cause and the remedy once (the CLI prints them as they
     * are), e.g. {@code the payments chain at http://127.0.0.1:8545 cannot be read (connection refused); check that
     * its node runs and GOLEM_REQUESTOR_RPC_URL names it, then retry}.
     *
     * @param failure what the read threw
     * @return the message for a 503 {@code CHAIN_UNAVAILABLE}
     */
    String unreachable(Exception failure);
}
