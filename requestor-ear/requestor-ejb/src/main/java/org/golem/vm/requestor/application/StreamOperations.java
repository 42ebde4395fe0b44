package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.infrastructure.Payments;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The wallet's streams by id: open one for a provider (the same checks as a VM creation: listed, reachable, our
 * contract and token), top up, terminate (refund), inspect. Every transaction's receipt is checked; a revert
 * becomes 502 {@code TX_FAILED} with the contract's reason.
 */
@ApplicationScoped
public class StreamOperations {

    @Inject
    Payments payments;

    @Inject
    VmCreation creation;

    /**
     * Opens a stream for a provider: the body's rules ({@link OpenStreamCommand#violations()}) first, then the provider
     * checks of {@link VmCreation#quote} and the wallet's funds; only then the transaction.
     *
     * @param command provider, resources and hours
     * @return {@code stream_id, rate_per_second_wei, deposit_wei, recipient}
     * @throws ApiException 422 {@code VALIDATION_ERROR} naming the field, the provider checks of
     *                      {@link VmCreation#quote}, 402 {@code INSUFFICIENT_FUNDS}
     */
    public Map<String, Object> open(OpenStreamCommand command) {
        List<Violation> v = command.violations();
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        long h = command.hoursOrDefault();
        VmCreation.Quote q = creation.quote(command.providerId(), command.resources());
        BigInteger deposit = q.rate().multiply(BigInteger.valueOf(h * 3600));
        creation.requireFunds(payments.contracts().token(), deposit);
        BigInteger id = transact(() -> payments.open(q.info().providerId(), deposit, q.rate()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stream_id", id);
        out.put("rate_per_second_wei", q.rate());
        out.put("deposit_wei", deposit);
        out.put("recipient", q.info().providerId());
        return out;
    }

    /**
     * Tops up a stream of the chain: the body's rules ({@link TopUpCommand#violations()}) are checked before the
     * chain is read.
     *
     * @param streamId the stream, 1 to 2^256-1
     * @param command  hours of the stream's rate or wei to add (exactly one)
     * @return {@code stream_id, topped_up_wei, tx, stop_time}
     * @throws ApiException 422 {@code VALIDATION_ERROR} naming the field, 404 {@code STREAM_NOT_FOUND}, 402
     *                      {@code INSUFFICIENT_FUNDS}, 502 {@code TX_FAILED}, 503 {@code CHAIN_UNAVAILABLE}
     */
    public Map<String, Object> topUp(BigInteger streamId, TopUpCommand command) {
        List<Violation> v = command.violations();
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        Long hours = command.hours();
        BigInteger amountWei = command.amountWei();
        StreamState s = read(streamId).state();
        if (s.nonexistent()) {
            throw new ApiException(404, "STREAM_NOT_FOUND", "stream " + streamId + " does not exist");
        }
        BigInteger amount = amountWei != null ? amountWei
                : s.ratePerSecond().multiply(BigInteger.valueOf(hours)).multiply(BigInteger.valueOf(3600));
        if (amount.signum() <= 0) {
            throw new ApiException(422, "VALIDATION_ERROR", "the top-up must be positive");
        }
        creation.requireFunds(s.token(), amount);
        TransactionReceipt r = transact(() -> payments.topUp(streamId, s.token(), amount));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stream_id", streamId);
        out.put("topped_up_wei", amount);
        out.put("tx", r.getTransactionHash());
        out.put("stop_time", read(streamId).state().stopTime());
        return out;
    }

    /** @return {@code stream_id, tx, refunded_wei} */
    public Map<String, Object> terminate(BigInteger streamId) {
        Payments.Refund r = transact(() -> payments.terminate(streamId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stream_id", streamId);
        out.put("tx", r.txHash());
        out.put("refunded_wei", r.refundWei());
        return out;
    }

    /** @return the stream view: {@code stream_id, chain, computed} */
    public Map<String, Object> inspect(BigInteger streamId) {
        Read r = read(streamId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stream_id", streamId);
        out.put("chain", r.state());
        out.put("computed", StreamMath.view(r.state(), r.now()));
        return out;
    }

    private record Read(StreamState state, long now) {
    }

    private Read read(BigInteger streamId) {
        try {
            var batch = payments.read(streamId);
            return new Read(batch.streams().get(streamId), batch.blockTimestamp());
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", payments.unreachable(e));
        }
    }

    private interface Tx<T> {
        T run() throws ContractRevertException, IOException;
    }

    private static <T> T transact(Tx<T> tx) {
        try {
            return tx.run();
        } catch (ContractRevertException e) {
            throw new ApiException(502, "TX_FAILED", "the contract refused: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", e.getMessage());
        }
    }
}
