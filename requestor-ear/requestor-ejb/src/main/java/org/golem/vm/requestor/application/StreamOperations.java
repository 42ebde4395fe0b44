package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.requestor.OpenStreamRequest;
import org.golem.vm.common.wire.requestor.StreamOpened;
import org.golem.vm.common.wire.requestor.StreamTerminated;
import org.golem.vm.common.wire.requestor.StreamToppedUp;
import org.golem.vm.common.wire.requestor.StreamView;
import org.golem.vm.common.wire.requestor.TopUpRequest;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.application.port.Payments;

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
     * Opens a stream for a provider: the body's rules ({@link OpenStreamRequest#violations()}) first, then the provider
     * checks of {@link VmCreation#quote} and the wallet's funds; only then the transaction.
     *
     * @param command provider, resources and hours
     * @return {@code stream_id, rate_per_second_wei, deposit_wei, recipient}
     * @throws DomainException 422 {@code VALIDATION_ERROR} naming the field, the provider checks of
     *                      {@link VmCreation#quote}, 402 {@code INSUFFICIENT_FUNDS}
     */
    public StreamOpened open(OpenStreamRequest command) {
        List<Violation> v = command.violations();
        if (!v.isEmpty()) {
            throw Refusals.validation(v);
        }
        long h = command.hoursOrDefault();
        VmCreation.Quote q = creation.quote(command.providerId(), command.resources());
        BigInteger deposit = q.rate().multiply(BigInteger.valueOf(h * 3600));
        creation.requireFunds(payments.contracts().token(), deposit);
        BigInteger id = transact(() -> payments.open(q.info().providerId(), deposit, q.rate()));
        return new StreamOpened(id, q.rate(), deposit, q.info().providerId());
    }

    /**
     * Tops up a stream of the chain: the body's rules ({@link TopUpRequest#violations()}) are checked before the
     * chain is read.
     *
     * @param streamId the stream, 1 to 2^256-1
     * @param command  hours or seconds of the stream's rate (amount = rate × seconds, wei), or wei, to add (exactly
     *                 one)
     * @return {@code stream_id, topped_up_wei, tx, stop_time}
     * @throws DomainException 422 {@code VALIDATION_ERROR} naming the field, 404 {@code STREAM_NOT_FOUND}, 402
     *                      {@code INSUFFICIENT_FUNDS}, 502 {@code TX_FAILED}, 503 {@code CHAIN_UNAVAILABLE}
     */
    public StreamToppedUp topUp(BigInteger streamId, TopUpRequest command) {
        List<Violation> v = command.violations();
        if (!v.isEmpty()) {
            throw Refusals.validation(v);
        }
        Long seconds = command.durationSeconds();
        BigInteger amountWei = command.amountWei();
        StreamState s = read(streamId).state();
        if (s.nonexistent()) {
            throw new DomainException(Refusal.NOT_FOUND, "STREAM_NOT_FOUND", "stream " + streamId + " does not exist");
        }
        BigInteger amount = amountWei != null ? amountWei
                : s.ratePerSecond().multiply(BigInteger.valueOf(seconds));
        if (amount.signum() <= 0) {
            throw Refusals.invalid("the top-up must be positive");
        }
        creation.requireFunds(s.token(), amount);
        String tx = transact(() -> payments.topUp(streamId, s.token(), amount));
        return new StreamToppedUp(streamId, amount, tx, read(streamId).state().stopTime());
    }

    /** @return {@code stream_id, tx, refunded_wei} */
    public StreamTerminated terminate(BigInteger streamId) {
        Payments.Refund r = transact(() -> payments.terminate(streamId));
        return new StreamTerminated(streamId, r.txHash(), r.refundWei());
    }

    /** @return the stream view: {@code stream_id, chain, computed} */
    public StreamView inspect(BigInteger streamId) {
        Payments.Reading r = read(streamId);
        return new StreamView(streamId, r.state(), StreamMath.view(r.state(), r.chainNow()));
    }

    private Payments.Reading read(BigInteger streamId) {
        try {
            return payments.read(streamId);
        } catch (IOException e) {
            throw Refusals.chainUnavailable(payments.unreachable(e));
        }
    }

    private interface Tx<T> {
        T run() throws ContractRevertException, IOException;
    }

    private static <T> T transact(Tx<T> tx) {
        try {
            return tx.run();
        } catch (ContractRevertException e) {
            throw new DomainException(Refusal.UPSTREAM_FAILED, "TX_FAILED", "the contract refused: " + e.getMessage());
        } catch (IOException e) {
            throw Refusals.chainUnavailable(e.getMessage());
        }
    }
}
