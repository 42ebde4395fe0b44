package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.WireValidation;
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
     * @return {@code stream_id, rate_per_second_wei, deposit_wei}
     * @throws ApiException 422 bad resources or hours, the provider checks of {@link VmCreation#quote}, 402 funds
     */
    public Map<String, Object> open(String providerId, Integer cpu, Integer memory, Integer storage, Long hours) {
        if (cpu == null || memory == null || storage == null) {
            throw new ApiException(422, "VALIDATION_ERROR", "cpu, memory and storage are required");
        }
        Resources r = new Resources(cpu, memory, storage);
        var v = WireValidation.vmResources("resources", r);
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        long h = hours == null ? 1 : hours;
        if (h < 1 || h > 8760) {
            throw new ApiException(422, "VALIDATION_ERROR", "hours: must be 1..8760");
        }
        VmCreation.Quote q = creation.quote(providerId, r);
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
     * @param hours     hours of the stream's rate to add, or null
     * @param amountWei wei to add, or null (exactly one of the two)
     * @return {@code stream_id, topped_up_wei, tx, stop_time}
     */
    public Map<String, Object> topUp(BigInteger streamId, Long hours, BigInteger amountWei) {
        if ((hours == null) == (amountWei == null)) {
            throw new ApiException(422, "VALIDATION_ERROR", "give either hours or amount_wei");
        }
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
