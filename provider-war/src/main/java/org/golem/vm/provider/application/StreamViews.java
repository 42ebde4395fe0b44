package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.contracts.StreamPaymentClient;
import org.golem.vm.provider.application.port.PaymentsChain;
import org.golem.vm.provider.domain.StreamPolicy;
import org.golem.vm.provider.domain.VmRecord;

/**
 * Stream status as the API shows it ({@code GET /api/v1/vms/{name}/stream}, {@code GET /api/v1/payments/streams}):
 * the chain's fields, figures computed at the chain's time, and whether the stream still pays for its VM.
 */
@ApplicationScoped
public class StreamViews {

    @Inject
    PaymentsChain chain;

    @Inject
    VmService vms;

    /**
     * @param vms VMs with streams
     * @return one status per VM, read in one batch
     * @throws DomainException 400 PAYMENTS_DISABLED, 503 CHAIN_UNAVAILABLE
     */
    public List<StreamStatusResponse> of(List<VmRecord> vms) {
        requirePayments();
        List<VmRecord> paid = vms.stream().filter(v -> v.streamId() != null).toList();
        List<StreamStatusResponse> out = new ArrayList<>();
        if (paid.isEmpty()) {
            return out;
        }
        StreamPaymentClient.StreamBatch batch;
        try {
            batch = chain.read(paid.stream().map(VmRecord::streamId).toList());
        } catch (IOException e) {
            throw Refusals.chainUnavailable("stream lookup failed: the payments chain cannot be reached; try again");
        }
        StreamPolicy policy = this.vms.policy();
        for (VmRecord vm : paid) {
            StreamState s = batch.streams().get(vm.streamId());
            long now = batch.blockTimestamp();
            Optional<StreamPolicy.Rejection> r = policy.keepRunning(s, now);
            out.add(new StreamStatusResponse(vm.name(), vm.streamId(), s, StreamMath.view(s, now), r.isEmpty(),
                    r.map(StreamPolicy.Rejection::reason).orElse("ok")));
        }
        return out;
    }

    /**
     * @return the status of one VM's stream
     * @throws DomainException 404 NO_STREAM when the VM has none
     */
    public StreamStatusResponse of(VmRecord vm) {
        requirePayments();
        if (vm.streamId() == null) {
            throw new DomainException(Refusal.NOT_FOUND, "NO_STREAM", "no stream mapped for this VM");
        }
        return of(List.of(vm)).get(0);
    }

    private void requirePayments() {
        if (!chain.paymentsEnabled()) {
            throw new DomainException(Refusal.INVALID, "PAYMENTS_DISABLED",
                    "streaming payments not enabled on this provider");
        }
    }
}
