package org.golem.vm.requestor.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.golem.vm.common.error.DomainException;
import org.golem.vm.common.error.Refusal;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.VmInfo;
import org.golem.vm.common.wire.requestor.PurgeResult;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.common.wire.requestor.SshAccess;
import org.golem.vm.common.wire.requestor.StreamSummary;
import org.golem.vm.common.wire.requestor.StreamView;
import org.golem.vm.common.wire.requestor.TopUpView;
import org.golem.vm.common.wire.requestor.VmDeleted;
import org.golem.vm.common.wire.requestor.VmDetail;
import org.golem.vm.requestor.application.port.Payments;
import org.golem.vm.requestor.application.port.ProviderApi;
import org.golem.vm.requestor.application.port.ProviderRefusedException;
import org.golem.vm.requestor.application.port.RequestorStore;
import org.golem.vm.requestor.application.port.SshKeys;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.domain.RentedVm;

/**
 * Operations on the requestor's VMs: list and show them (with their streams), stop and start on the provider (the
 * stream keeps paying: a stopped VM keeps its disk and may be started again — the original Python requestor
 * terminated the stream on stop and then could not start), delete (provider, then stream terminate with refund,
 * then the record and the VM's pinned SSH host key), purge, and how to reach a VM over SSH.
 */
@ApplicationScoped
public class VmOperations {
    private static final Logger LOG = Logger.getLogger(VmOperations.class.getName());

    @Inject
    RequestorStore store;

    @Inject
    Payments payments;

    @Inject
    ProviderApi provider;

    @Inject
    SshKeys sshKeys;

    @Inject
    RequestorSettings settings;

    @Inject
    Clock clock;

    /**
     * @return the VM
     * @throws DomainException 404 VM_NOT_FOUND
     */
    public RentedVm get(String name) {
        return store.find(name).orElseThrow(() -> new DomainException(Refusal.NOT_FOUND, "VM_NOT_FOUND", "VM '"
                + name + "' not found in the local records"));
    }

    /** @return every VM, oldest first */
    public List<RentedVmView> list() {
        return store.all().stream().map(VmViews::of).toList();
    }

    /** A provider call whose failure is a refusal of the use case. */
    private interface ProviderCall<T> {
        T run() throws IOException;
    }

    private static <T> T refusing(ProviderCall<T> call) {
        try {
            return call.run();
        } catch (ProviderRefusedException e) {
            throw new DomainException(e.status() == 404 ? Refusal.NOT_FOUND : Refusal.UPSTREAM_FAILED,
                    e.status() == 404 ? "VM_NOT_FOUND" : "PROVIDER_REFUSED",
                    "the provider refused (" + e.status() + (e.code() == null ? "" : " " + e.code()) + "): "
                            + e.getMessage());
        } catch (IOException e) {
            throw new DomainException(Refusal.UNAVAILABLE, "PROVIDER_UNREACHABLE",
                    e.getMessage() + "; nothing changed, retry when it is back");
        }
    }

    /**
     * Stops the VM on its provider; the stream keeps running.
     *
     * @return the VM as now recorded
     * @throws DomainException 404, 409 VM_BUSY while creating, 502 PROVIDER_REFUSED, 503 PROVIDER_UNREACHABLE
     */
    public RentedVmView stop(String name) {
        RentedVm vm = get(name);
        requireCreated(vm);
        VmInfo r = refusing(() -> provider.stop(vm.providerUrl(), name));
        String status = r == null ? RentedVm.STOPPED : r.status().wire();
        return VmViews.of(store.update(name, v -> v.status(status, null, clock.millis())).orElseThrow());
    }

    /**
     * Starts the VM again on its provider (the provider checks the stream still pays).
     *
     * @return the VM as now recorded
     * @throws DomainException 404, 409 VM_BUSY while creating, 502 PROVIDER_REFUSED, 503 PROVIDER_UNREACHABLE
     */
    public RentedVmView start(String name) {
        RentedVm vm = get(name);
        requireCreated(vm);
        VmInfo r = refusing(() -> provider.start(vm.providerUrl(), name));
        String status = r == null ? RentedVm.RUNNING : r.status().wire();
        return VmViews.of(store.update(name, v -> v.status(status, null, clock.millis())).orElseThrow());
    }

    private static void requireCreated(RentedVm vm) {
        if (RentedVm.CREATING.equals(vm.status())) {
            throw new DomainException(Refusal.CONFLICT, "VM_BUSY", "VM '" + vm.name() + "' is still being created");
        }
    }

    /**
     * Deletes the VM on the provider (a provider that no longer knows it counts as done), terminates its stream
     * (refund), removes the record and the VM's pinned SSH host key (a later VM with the same name at the same
     * provider is a new machine with a new key).
     *
     * @param force true (purge): remove the record even when the provider cannot be reached
     * @return what was done
     * @throws DomainException 404, 409 while creating, 503 provider unreachable (without force), 502 refused
     */
    public VmDeleted delete(String name, boolean force) {
        RentedVm vm = get(name);
        requireCreated(vm);
        String note = "deleted on the provider";
        try {
            provider.delete(vm.providerUrl(), name);
        } catch (ProviderRefusedException e) {
            if (e.status() != 404) {
                throw new DomainException(Refusal.UPSTREAM_FAILED, "PROVIDER_REFUSED", "the provider refused the "
                        + "delete (" + e.status() + "): " + e.getMessage());
            }
            note = "the provider no longer knew the VM";
        } catch (IOException e) {
            if (!force) {
                throw new DomainException(Refusal.UNAVAILABLE, "PROVIDER_UNREACHABLE", e.getMessage()
                        + "; nothing changed: retry when it is back, or remove the record anyway with golem vm purge");
            }
            note = "the provider could not be reached: delete it there if it comes back";
        }
        BigInteger refund = null;
        String tx = null;
        if (vm.streamId() != null) {
            try {
                StreamState s = payments.read(vm.streamId()).state();
                if (!s.terminated() && !s.nonexistent()) {
                    Payments.Refund r = payments.terminate(vm.streamId());
                    refund = r.refundWei();
                    tx = r.txHash();
                    note += "; stream " + vm.streamId() + " terminated, " + refund + " wei refunded";
                } else {
                    note += "; stream " + vm.streamId() + " was already closed";
                }
            } catch (Exception e) {
                note += "; terminating stream " + vm.streamId() + " FAILED (" + e.getMessage()
                        + "): retry with golem vm stream terminate --stream-id " + vm.streamId();
            }
        }
        store.remove(name);
        note += unpin(vm);
        String message = note;
        LOG.info(() -> "VM " + name + ": " + message);
        return new VmDeleted(name, "deleted", vm.streamId(), refund, tx, message);
    }

    /** @return what happened to the VM's pinned SSH host key, for the delete's message ("" when it had none) */
    private String unpin(RentedVm vm) {
        String alias = vm.hostKeyAlias();
        try {
            return sshKeys.unpin(alias) ? "; its pinned SSH host key removed" : "";
        } catch (IOException e) {
            LOG.warning(() -> "VM " + vm.name() + ": " + e.getMessage());
            return "; removing its pinned SSH host key FAILED (" + e.getMessage() + "): remove it with ssh-keygen -R "
                    + alias + " -f " + sshKeys.knownHostsFile();
        }
    }

    /** @return per VM whether its delete worked (records are removed even when the provider is unreachable) */
    public PurgeResult purge() {
        List<PurgeResult.Entry> out = new ArrayList<>();
        for (RentedVm vm : store.all()) {
            try {
                VmDeleted d = delete(vm.name(), true);
                out.add(new PurgeResult.Entry(vm.name(), true, d.message()));
            } catch (DomainException e) {
                out.add(new PurgeResult.Entry(vm.name(), false, e.getMessage()));
            }
        }
        return new PurgeResult(out);
    }

    /**
     * One VM with its stream as the chain has it and the auto top-up's view.
     *
     * @throws DomainException 404 VM_NOT_FOUND
     */
    public VmDetail detail(String name) {
        RentedVm vm = get(name);
        StreamView stream = null;
        String streamError = null;
        try {
            stream = streamView(vm.streamId());
        } catch (DomainException e) {
            streamError = e.getMessage();
        }
        TopUpView topUp = new TopUpView(settings.targetRunwaySeconds(), settings.topUpEnabled(),
                vm.topUpMessage() == null || !vm.topUpMessage().contains("cannot afford"), vm.topUpMessage());
        return new VmDetail(VmViews.of(vm), streamError, stream, topUp);
    }

    /**
     * @return the VM's stream as the chain has it (null when it has none), with computed figures
     * @throws DomainException 503 CHAIN_UNAVAILABLE
     */
    public StreamView streamView(BigInteger streamId) {
        if (streamId == null) {
            return null;
        }
        try {
            Payments.Reading r = payments.read(streamId);
            return new StreamView(streamId, r.state(), StreamMath.view(r.state(), r.chainNow()));
        } catch (IOException e) {
            throw Refusals.chainUnavailable(payments.unreachable(e));
        }
    }

    /**
     * @return the provider's own stream status for the VM
     * @throws DomainException 404 VM_NOT_FOUND, 502 PROVIDER_REFUSED, 503 PROVIDER_UNREACHABLE
     */
    public StreamStatusResponse providerStream(String name) {
        RentedVm vm = get(name);
        return refusing(() -> provider.stream(vm.providerUrl(), name));
    }

    /**
     * One stream summary per VM, as each VM's provider reports it; a provider that cannot be asked gives a summary
     * with its {@code error} ({@code reason} {@code unmapped} when it does not know the VM).
     */
    public List<StreamSummary> streams() {
        List<StreamSummary> out = new ArrayList<>();
        for (RentedVm vm : store.all()) {
            try {
                StreamStatusResponse s = providerStream(vm.name());
                boolean figures = s != null && s.computed() != null;
                out.add(new StreamSummary(vm.name(), vm.streamId(),
                        figures && s.computed().status() != null ? s.computed().status().wire() : null,
                        figures ? s.computed().remainingSeconds() : 0L, s != null && s.verified(),
                        s == null ? null : s.reason(), null));
            } catch (DomainException e) {
                out.add(new StreamSummary(vm.name(), vm.streamId(), null, null, false,
                        e.code().equals("VM_NOT_FOUND") ? "unmapped" : null, e.getMessage()));
            }
        }
        return out;
    }

    /**
     * How the CLI connects over SSH to a running VM.
     *
     * @throws DomainException 404 VM_NOT_FOUND, 409 VM_NOT_RUNNING
     * @throws IOException     when the requestor's SSH key pair cannot be read or created
     */
    public SshAccess access(String name) throws IOException {
        RentedVm vm = get(name);
        if (vm.sshPort() == null || !RentedVm.RUNNING.equals(vm.status())) {
            throw new DomainException(Refusal.CONFLICT, "VM_NOT_RUNNING", "VM '" + name + "' is " + vm.status());
        }
        SshKeys.Identity key = sshKeys.identity();
        return new SshAccess(vm.sshHost(), vm.sshPort(), vm.sshUser(), vm.sshHostKey(), vm.hostKeyAlias(),
                key.privateKeyFile().toString(), sshKeys.knownHostsFile().toString());
    }
}
