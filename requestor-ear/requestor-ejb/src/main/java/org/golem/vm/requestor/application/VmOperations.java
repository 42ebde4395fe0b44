package org.golem.vm.requestor.application;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.domain.RentedVm;
import org.golem.vm.requestor.infrastructure.Payments;
import org.golem.vm.requestor.infrastructure.PinnedHostKeys;
import org.golem.vm.requestor.infrastructure.ProviderClient;

/**
 * Operations on the requestor's VMs: stop and start on the provider (the stream keeps paying: a stopped VM keeps
 * its disk and may be started again — FLAW fixed: the original terminated the stream on stop and then could not
 * start), delete (provider, then stream terminate with refund, then the record and the VM's pinned SSH host key),
 * purge.
 */
@ApplicationScoped
public class VmOperations {
    private static final Logger LOG = Logger.getLogger(VmOperations.class.getName());

    @Inject
    RequestorStore store;

    @Inject
    Payments payments;

    @Inject
    RequestorSettings settings;

    /**
     * @return the VM
     * @throws ApiException 404 VM_NOT_FOUND
     */
    public RentedVm get(String name) {
        return store.find(name).orElseThrow(() -> new ApiException(404, "VM_NOT_FOUND", "VM '" + name
                + "' not found in the local records"));
    }

    private ProviderClient provider(RentedVm vm) {
        return new ProviderClient(vm.providerUrl(), payments.credentials());
    }

    private JsonNode providerCall(RentedVm vm, String method, String path) {
        try {
            return provider(vm).call(method, path, null);
        } catch (ProviderClient.ProviderException e) {
            throw new ApiException(e.status() == 404 ? 404 : 502, e.status() == 404 ? "VM_NOT_FOUND" : "PROVIDER_REFUSED",
                    "the provider refused (" + e.status() + (e.code() == null ? "" : " " + e.code()) + "): "
                            + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(503, "PROVIDER_UNREACHABLE", e.getMessage() + "; nothing changed, retry when it is back");
        }
    }

    /** Stops the VM on its provider; the stream keeps running. */
    public RentedVm stop(String name) {
        RentedVm vm = get(name);
        requireCreated(vm);
        JsonNode r = providerCall(vm, "POST", "vms/" + name + "/stop");
        return store.update(name, v -> v.status(r.path("status").asText("stopped"), null, System.currentTimeMillis()))
                .orElseThrow();
    }

    /** Starts the VM again on its provider (the provider checks the stream still pays). */
    public RentedVm start(String name) {
        RentedVm vm = get(name);
        requireCreated(vm);
        JsonNode r = providerCall(vm, "POST", "vms/" + name + "/start");
        return store.update(name, v -> v.status(r.path("status").asText("running"), null, System.currentTimeMillis()))
                .orElseThrow();
    }

    private static void requireCreated(RentedVm vm) {
        if (RentedVm.CREATING.equals(vm.status())) {
            throw new ApiException(409, "VM_BUSY", "VM '" + vm.name() + "' is still being created");
        }
    }

    /**
     * What a delete did.
     *
     * @param name       the VM
     * @param status     {@code deleted}
     * @param streamId   its stream or null
     * @param refundWei  wei refunded by the terminate, or null when none was needed
     * @param refundTx   the terminate transaction, or null
     * @param message    what happened, for a human
     */
    public record Deleted(String name, String status, BigInteger streamId, BigInteger refundWei, String refundTx,
                          String message) {
    }

    /**
     * Deletes the VM on the provider (a provider that no longer knows it counts as done), terminates its stream
     * (refund), removes the record and the VM's pinned SSH host key ({@link PinnedHostKeys}: a later VM with the same
     * name at the same provider is a new machine with a new key).
     *
     * @param force true (purge): remove the record even when the provider cannot be reached
     * @throws ApiException 404, 409 while creating, 503 provider unreachable (without force), 502 refused
     */
    public Deleted delete(String name, boolean force) {
        RentedVm vm = get(name);
        requireCreated(vm);
        String note = "deleted on the provider";
        try {
            provider(vm).call("DELETE", "vms/" + name, null);
        } catch (ProviderClient.ProviderException e) {
            if (e.status() != 404) {
                throw new ApiException(502, "PROVIDER_REFUSED", "the provider refused the delete (" + e.status() + "): "
                        + e.getMessage());
            }
            note = "the provider no longer knew the VM";
        } catch (IOException e) {
            if (!force) {
                throw new ApiException(503, "PROVIDER_UNREACHABLE", e.getMessage() + "; nothing changed: retry when it "
                        + "is back, or remove the record anyway with golem vm purge");
            }
            note = "the provider could not be reached: delete it there if it comes back";
        }
        BigInteger refund = null;
        String tx = null;
        if (vm.streamId() != null) {
            try {
                var batch = payments.read(vm.streamId());
                StreamState s = batch.streams().get(vm.streamId());
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
        return new Deleted(name, "deleted", vm.streamId(), refund, tx, message);
    }

    /** @return what happened to the VM's pinned SSH host key, for the delete's message ("" when it had none) */
    private String unpin(RentedVm vm) {
        String alias = PinnedHostKeys.alias(vm.name(), vm.providerId());
        try {
            return PinnedHostKeys.unpin(settings.knownHostsFile(), alias) ? "; its pinned SSH host key removed" : "";
        } catch (IOException e) {
            LOG.warning(() -> "VM " + vm.name() + ": " + e.getMessage());
            return "; removing its pinned SSH host key FAILED (" + e.getMessage() + "): remove it with ssh-keygen -R "
                    + alias + " -f " + settings.knownHostsFile();
        }
    }

    /** @return per VM whether its delete worked (records are removed even when the provider is unreachable) */
    public List<Map<String, Object>> purge() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RentedVm vm : store.all()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", vm.name());
            try {
                Deleted d = delete(vm.name(), true);
                r.put("ok", true);
                r.put("message", d.message());
            } catch (ApiException e) {
                r.put("ok", false);
                r.put("message", e.getMessage());
            }
            out.add(r);
        }
        return out;
    }

    /**
     * @return the VM's stream as the chain has it (null when it has none), with computed figures
     * @throws ApiException 503 CHAIN_UNAVAILABLE
     */
    public Map<String, Object> streamView(BigInteger streamId) {
        if (streamId == null) {
            return null;
        }
        try {
            var batch = payments.read(streamId);
            StreamState s = batch.streams().get(streamId);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stream_id", streamId);
            m.put("chain", s);
            m.put("computed", StreamMath.view(s, batch.blockTimestamp()));
            return m;
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", payments.unreachable(e));
        }
    }

    /** @return the provider's own stream status for the VM (its JSON) */
    public JsonNode providerStream(String name) {
        return providerCall(get(name), "GET", "vms/" + name + "/stream");
    }
}
