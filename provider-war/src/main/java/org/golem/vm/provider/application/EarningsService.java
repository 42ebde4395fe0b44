package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.common.wire.admin.Earnings;
import org.golem.vm.common.wire.admin.FaucetResult;
import org.golem.vm.common.wire.admin.Wallet;
import org.golem.vm.common.wire.admin.WithdrawResults;
import org.golem.vm.common.wire.admin.WithdrawTarget;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.StreamBinding;
import org.golem.vm.provider.domain.VmRecord;

/**
 * The operator's money: what the provider's streams earned, withdrawing it now, and the provider's wallet (which
 * pays the gas of withdrawals). Every amount is in wei.
 */
@ApplicationScoped
public class EarningsService {

    /** What the development chain's faucet gives: 10 ETH, in wei. */
    static final BigInteger FAUCET_WEI = BigInteger.TEN.pow(19);

    @Inject
    VmRepository store;

    @Inject
    PaymentsChain chain;

    @Inject
    Payouts payouts;

    @Inject
    ProviderSettings settings;

    /**
     * @return earnings of every stream ever bound (none when payments are disabled), at the chain's time
     * @throws DomainException 503 CHAIN_UNAVAILABLE
     */
    public Earnings earnings() {
        List<StreamBinding> all = chain.paymentsEnabled() ? store.allBindings() : List.of();
        StreamPaymentClient.StreamBatch batch;
        try {
            batch = chain.read(all.stream().map(StreamBinding::streamId).toList());
        } catch (IOException e) {
            throw Refusals.chainUnavailable("the payments chain cannot be reached: " + e.getMessage());
        }
        long now = batch.blockTimestamp();
        List<Earnings.Stream> rows = new ArrayList<>();
        BigInteger vested = BigInteger.ZERO;
        BigInteger withdrawn = BigInteger.ZERO;
        BigInteger withdrawable = BigInteger.ZERO;
        for (StreamBinding b : all) {
            StreamState s = batch.streams().get(b.streamId());
            BigInteger v = StreamMath.vested(s, now);
            BigInteger w = StreamMath.withdrawable(s, now);
            rows.add(new Earnings.Stream(b.vmName(), b.streamId(), s.token(), v, s.withdrawn(), w,
                    StreamMath.status(s, now).wire(), b.settled()));
            vested = vested.add(v);
            withdrawn = withdrawn.add(s.withdrawn());
            withdrawable = withdrawable.add(w);
        }
        List<Earnings.WithdrawalRecord> history = store.withdrawals().stream().map(w -> new Earnings.WithdrawalRecord(
                w.streamId(), w.vmName(), w.amountWei(), w.txHash(), w.origin(), w.createdAt())).toList();
        return new Earnings(rows, new Earnings.Totals(vested, withdrawn, withdrawable), history, now);
    }

    /**
     * Withdraws now, regardless of interval and minimum: every unsettled stream ({@code all}), one stream, or the
     * stream of one VM (a VM that exists, else the binding of a deleted VM of that name).
     *
     * @param target which streams
     * @return what happened per stream
     * @throws DomainException 422 VALIDATION_ERROR (a field out of range, or none of the three given), 404 NO_STREAM
     *                         (the VM has no stream), 503 CHAIN_UNAVAILABLE
     */
    public WithdrawResults withdraw(WithdrawTarget target) {
        List<Violation> v = new ArrayList<>(WireValidation.streamId(target.streamId()));
        v.addAll(WireValidation.text("vm_id", target.vmId()));
        if (!v.isEmpty()) {
            throw Refusals.validation(v);
        }
        List<BigInteger> ids;
        if (Boolean.TRUE.equals(target.all())) {
            ids = null;
        } else if (target.streamId() != null) {
            ids = List.of(target.streamId());
        } else if (target.vmId() != null) {
            ids = List.of(streamOf(target.vmId()));
        } else {
            throw new DomainException(Refusal.UNPROCESSABLE, "VALIDATION_ERROR",
                    "give stream_id, vm_id or \"all\": true");
        }
        List<Payouts.Result> results;
        try {
            results = payouts.collect(ids, true);
        } catch (IOException e) {
            throw Refusals.chainUnavailable("the payments chain cannot be reached: " + e.getMessage());
        }
        return new WithdrawResults(results.stream().map(r -> new WithdrawResults.Result(r.streamId(), r.vmName(),
                r.amountWei(), r.txHash(), r.error())).toList());
    }

    private BigInteger streamOf(String vmName) {
        VmRecord vm = store.find(vmName).orElse(null);
        BigInteger id = vm != null ? vm.streamId() : store.allBindings().stream()
                .filter(b -> b.vmName().equals(vmName)).map(StreamBinding::streamId).findFirst().orElse(null);
        if (id == null) {
            throw new DomainException(Refusal.NOT_FOUND, "NO_STREAM", "no stream mapped for this VM");
        }
        return id;
    }

    /**
     * @return the provider's address and balance (wei)
     * @throws DomainException 503 CHAIN_UNAVAILABLE
     */
    public Wallet wallet() {
        BigInteger balance;
        try {
            balance = chain.balance();
        } catch (IOException e) {
            throw Refusals.chainUnavailable("the payments chain cannot be read: " + e.getMessage());
        }
        return new Wallet(chain.providerId(), balance, settings.tokenSymbol());
    }

    /**
     * Funds the provider's wallet on a development chain with 10 ETH ({@link #FAUCET_WEI} wei).
     *
     * @return the address and the amount
     * @throws DomainException 409 FAUCET_DISABLED on other chains, 503 CHAIN_UNAVAILABLE
     */
    public FaucetResult faucet() {
        try {
            if (!chain.devFaucet(FAUCET_WEI)) {
                throw new DomainException(Refusal.CONFLICT, "FAUCET_DISABLED", "no faucet on payments network "
                        + settings.paymentsNetwork() + " (only the local development chain has one)");
            }
        } catch (IOException e) {
            throw Refusals.chainUnavailable("the payments chain cannot be reached: " + e.getMessage());
        }
        return new FaucetResult(chain.providerId(), FAUCET_WEI);
    }
}
