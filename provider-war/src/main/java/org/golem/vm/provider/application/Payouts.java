package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.stream.StreamStatus;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.StreamBinding;
import org.golem.vm.provider.domain.Withdrawal;

/**
 * Collects what vested on the provider's streams: automatically (per stream, at most once per
 * {@code withdraw.interval-seconds} and only from {@code withdraw.min-wei} up; FLAW fixed: the original had one
 * global timer for all streams) and on the operator's request. A stream whose VM is gone is collected once more
 * after it stops vesting, whatever the interval and minimum, and then marked settled (FLAW fixed: the original
 * dropped the mapping and never collected the final amount). A terminated stream is settled at once: terminate
 * itself pays the provider what vested.
 */
@ApplicationScoped
public class Payouts {
    private static final Logger LOG = Logger.getLogger(Payouts.class.getName());

    @Inject
    VmRepository store;

    @Inject
    PaymentsChain chain;

    @Inject
    Clock clock;

    @Inject
    ProviderSettings settings;

    /**
     * What happened to one stream.
     *
     * @param streamId  stream
     * @param vmName    VM it pays (paid) for
     * @param amountWei wei withdrawn, 0 when nothing was
     * @param txHash    transaction, or null
     * @param error     why it failed, or null
     */
    public record Result(BigInteger streamId, String vmName, BigInteger amountWei, String txHash, String error) {
    }

    /**
     * @param only   streams to consider, or null for every unsettled one
     * @param manual true: the operator asked (no interval, no minimum)
     * @return one result per withdrawal attempted
     * @throws IOException when the streams cannot be read (nothing is attempted then)
     */
    public List<Result> collect(Collection<BigInteger> only, boolean manual) throws IOException {
        List<StreamBinding> bindings = store.unsettledBindings().stream()
                .filter(b -> only == null || only.contains(b.streamId())).toList();
        List<Result> out = new ArrayList<>();
        if (bindings.isEmpty()) {
            return out;
        }
        StreamPaymentClient.StreamBatch batch = chain.read(bindings.stream().map(StreamBinding::streamId).toList());
        long chainNow = batch.blockTimestamp();
        long wallNow = clock.millis();
        for (StreamBinding b : bindings) {
            StreamState s = batch.streams().get(b.streamId());
            StreamStatus status = StreamMath.status(s, chainNow);
            if (status == StreamStatus.NONEXISTENT) {
                continue;
            }
            if (status == StreamStatus.TERMINATED || !s.recipient().equalsIgnoreCase(chain.providerId())) {
                store.updateBinding(b.streamId(), StreamBinding::settle);
                continue;
            }
            BigInteger due = StreamMath.withdrawable(s, chainNow);
            boolean finished = b.releasedAt() != null && status != StreamStatus.ACTIVE;
            if (due.signum() == 0) {
                if (finished) {
                    store.updateBinding(b.streamId(), StreamBinding::settle);
                }
                continue;
            }
            if (!manual && !finished) {
                if (due.compareTo(settings.withdrawMinWei()) < 0) {
                    continue;
                }
                Long last = b.lastWithdrawAt();
                if (last != null && wallNow - last < settings.withdrawIntervalSeconds() * 1000) {
                    continue;
                }
            }
            out.add(withdraw(b, finished, manual));
        }
        return out;
    }

    private Result withdraw(StreamBinding b, boolean finished, boolean manual) {
        try {
            PaymentsChain.Paid paid = chain.withdraw(b.streamId());
            store.recordWithdrawal(new Withdrawal(b.streamId(), b.vmName(), paid.amountWei(), paid.txHash(),
                    manual ? Withdrawal.MANUAL : Withdrawal.AUTO, clock.millis()));
            if (finished) {
                store.updateBinding(b.streamId(), StreamBinding::settle);
            }
            LOG.info(() -> "withdrew " + paid.amountWei() + " wei from stream " + b.streamId() + " (VM " + b.vmName()
                    + "), tx " + paid.txHash());
            return new Result(b.streamId(), b.vmName(), paid.amountWei(), paid.txHash(), null);
        } catch (ContractRevertException e) {
            LOG.warning(() -> "withdraw from stream " + b.streamId() + " refused: " + e.getMessage());
            return new Result(b.streamId(), b.vmName(), BigInteger.ZERO, null, "refused by the contract: "
                    + e.getMessage());
        } catch (IOException e) {
            LOG.warning(() -> "withdraw from stream " + b.streamId() + " failed: " + e.getMessage());
            return new Result(b.streamId(), b.vmName(), BigInteger.ZERO, null, "chain error: " + e.getMessage());
        }
    }
}
