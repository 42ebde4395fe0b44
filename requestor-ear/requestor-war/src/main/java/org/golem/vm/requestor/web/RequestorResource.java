package org.golem.vm.requestor.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.requestor.application.CreateVmCommand;
import org.golem.vm.requestor.application.OpenStreamCommand;
import org.golem.vm.requestor.application.Providers;
import org.golem.vm.requestor.application.RequestorStore;
import org.golem.vm.requestor.application.StreamOperations;
import org.golem.vm.requestor.application.TopUpCommand;
import org.golem.vm.requestor.application.VmCreation;
import org.golem.vm.requestor.application.VmOperations;
import org.golem.vm.requestor.application.WalletService;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.domain.CreationJob;
import org.golem.vm.requestor.domain.RentedVm;
import org.golem.vm.requestor.infrastructure.PinnedHostKeys;
import org.golem.vm.requestor.infrastructure.SshKeyPair;

/**
 * The requestor REST API, every route of requestor-ear/API.md: thin mapping of JSON to the application services.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RequestorResource {

    @Inject
    RequestorSettings settings;

    @Inject
    RequestorStore store;

    @Inject
    Providers providers;

    @Inject
    VmCreation creation;

    @Inject
    VmOperations vms;

    @Inject
    StreamOperations streams;

    @Inject
    WalletService wallet;

    /** The original's root route. */
    @GET
    public Response root() {
        return RestSupport.ok(Map.of("message", "Golem Requestor API"));
    }

    /** The original's VM list route: a bare array. */
    @GET
    @Path("vms")
    public Response legacyList() {
        return RestSupport.ok(store.all().stream().map(RequestorResource::vm).toList());
    }

    /** Service facts the CLI needs. */
    @GET
    @Path("api/v1/info")
    public Response info() throws IOException {
        return RestSupport.ok(wallet.info());
    }

    /** Wallet address and balance (wei). */
    @GET
    @Path("api/v1/wallet")
    public Response wallet() {
        return RestSupport.ok(wallet.wallet());
    }

    /** Dev-chain faucet: 100 ETH on anvil; 409 FAUCET_DISABLED elsewhere. */
    @POST
    @Path("api/v1/wallet/faucet")
    public Response faucet() {
        return RestSupport.ok(wallet.faucet());
    }

    /**
     * Providers from discovery, with an estimate for a full spec.
     *
     * @throws ApiException 422 {@code VALIDATION_ERROR} when {@code cpu}, {@code memory} (GiB) or {@code storage}
     *                      (GiB) is not a whole number from 1 to 2147483647
     */
    @GET
    @Path("api/v1/providers")
    public Response providers(@QueryParam("cpu") String cpuText, @QueryParam("memory") String memoryText,
                              @QueryParam("storage") String storageText, @QueryParam("country") String country,
                              @QueryParam("platform") String platform,
                              @QueryParam("payments_network") String paymentsNetwork,
                              @QueryParam("all_payments") String allPayments) {
        Integer cpu = count("cpu", cpuText);
        Integer memory = count("memory", memoryText);
        Integer storage = count("storage", storageText);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("cpu", cpu);
        q.put("memory", memory);
        q.put("storage", storage);
        q.put("country", country);
        q.put("platform", platform);
        if (!"true".equalsIgnoreCase(allPayments)) {
            q.put("payments_network", paymentsNetwork != null ? paymentsNetwork : settings.paymentsNetwork());
        }
        settings.network().ifPresent(n -> q.put("network", n));
        List<Advertisement> ads = providers.search(q);
        List<Object> out = ads.stream().map(a -> {
            com.fasterxml.jackson.databind.node.ObjectNode p = org.golem.vm.common.json.Json.mapper().valueToTree(a);
            if (cpu != null && memory != null && storage != null) {
                var e = Providers.estimate(a.pricing(), new Resources(cpu, memory, storage));
                if (e.ratePerSecondWei() != null || e.usdPerMonth() != null) {
                    Map<String, Object> est = new LinkedHashMap<>();
                    est.put("usd_per_month", e.usdPerMonth());
                    est.put("usd_per_hour", e.usdPerHour());
                    est.put("token_per_month", e.tokenPerMonth());
                    est.put("rate_per_second_wei", e.ratePerSecondWei());
                    est.put("deposit_wei_per_hour", e.depositWeiPerHour());
                    p.putPOJO("estimate", est);
                }
            }
            return (Object) p;
        }).toList();
        return RestSupport.ok(Map.of("providers", out));
    }

    /** The VMs. */
    @GET
    @Path("api/v1/vms")
    public Response list() {
        return RestSupport.ok(Map.of("vms", store.all().stream().map(RequestorResource::vm).toList()));
    }

    /** Start a creation: 202 with the job. */
    @POST
    @Path("api/v1/vms")
    public Response create(byte[] body) {
        CreateVmCommand c = RestSupport.read(body, CreateVmCommand.class);
        CreationJob job = creation.start(c);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", job.jobId());
        m.put("name", job.name());
        m.put("status", job.status());
        return RestSupport.json(202, m);
    }

    /** A creation's progress. */
    @GET
    @Path("api/v1/jobs/{id}")
    public Response job(@PathParam("id") String id) {
        CreationJob j = store.job(id).orElseThrow(() -> new ApiException(404, "JOB_NOT_FOUND", "job not found"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", j.jobId());
        m.put("name", j.name());
        m.put("status", j.status());
        m.put("step", j.step());
        m.put("message", j.message());
        m.put("stream_id", j.streamId());
        m.put("vm", "ready".equals(j.status()) ? store.find(j.name()).map(RequestorResource::vm).orElse(null) : null);
        m.put("error", j.errorCode() == null ? null : Map.of("code", j.errorCode(), "message",
                String.valueOf(j.errorMessage())));
        return RestSupport.ok(m);
    }

    /** One VM with its stream and the auto top-up's view. */
    @GET
    @Path("api/v1/vms/{name}")
    public Response get(@PathParam("name") String name) {
        RentedVm vm = vms.get(name);
        Map<String, Object> m = vm(vm);
        Map<String, Object> stream = null;
        try {
            stream = vms.streamView(vm.streamId());
        } catch (ApiException e) {
            m.put("stream_error", e.getMessage());
        }
        m.put("stream", stream);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target_runway_seconds", settings.targetRunwaySeconds());
        t.put("enabled", settings.topUpEnabled());
        t.put("affordable", vm.topUpMessage() == null || !vm.topUpMessage().contains("cannot afford"));
        t.put("message", vm.topUpMessage());
        m.put("top_up", t);
        return RestSupport.ok(m);
    }

    /** Stop on the provider (the stream keeps paying). */
    @POST
    @Path("api/v1/vms/{name}/stop")
    public Response stop(@PathParam("name") String name) {
        return RestSupport.ok(vm(vms.stop(name)));
    }

    /** Start again on the provider. */
    @POST
    @Path("api/v1/vms/{name}/start")
    public Response start(@PathParam("name") String name) {
        return RestSupport.ok(vm(vms.start(name)));
    }

    /** Delete on the provider, terminate the stream (refund), forget. */
    @DELETE
    @Path("api/v1/vms/{name}")
    public Response delete(@PathParam("name") String name) {
        return RestSupport.ok(vms.delete(name, false));
    }

    /** Delete every VM. */
    @POST
    @Path("api/v1/vms/purge")
    public Response purge() {
        return RestSupport.ok(Map.of("results", vms.purge()));
    }

    /**
     * How the CLI connects over SSH: {@code host, port, user, host_key_fingerprint} (the provider's, or null),
     * {@code host_key_alias} (the name the VM's key is pinned under in {@code known_hosts_file}),
     * {@code private_key_file, known_hosts_file}; 409 {@code VM_NOT_RUNNING}.
     */
    @GET
    @Path("api/v1/vms/{name}/access")
    public Response access(@PathParam("name") String name) throws IOException {
        RentedVm vm = vms.get(name);
        if (vm.sshPort() == null || !RentedVm.RUNNING.equals(vm.status())) {
            throw new ApiException(409, "VM_NOT_RUNNING", "VM '" + name + "' is " + vm.status());
        }
        SshKeyPair key = SshKeyPair.loadOrCreate(settings.sshDir());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", vm.sshHost());
        m.put("port", vm.sshPort());
        m.put("user", vm.sshUser());
        m.put("host_key_fingerprint", vm.sshHostKey());
        m.put("host_key_alias", PinnedHostKeys.alias(vm.name(), vm.providerId()));
        m.put("private_key_file", key.privateKeyFile().toString());
        m.put("known_hosts_file", wallet.knownHosts());
        return RestSupport.ok(m);
    }

    /** The provider's stream status of the VM, verbatim. */
    @GET
    @Path("api/v1/vms/{name}/stream")
    public Response vmStream(@PathParam("name") String name) {
        JsonNode n = vms.providerStream(name);
        return RestSupport.ok(n);
    }

    /** One stream summary per VM. */
    @GET
    @Path("api/v1/streams")
    public Response streamList() {
        List<Object> out = store.all().stream().map(vm -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", vm.name());
            m.put("stream_id", vm.streamId());
            try {
                JsonNode s = vms.providerStream(vm.name());
                m.put("status", s.path("computed").path("status").asText(null));
                m.put("remaining_seconds", s.path("computed").path("remaining_seconds").asLong());
                m.put("verified", s.path("verified").asBoolean());
                m.put("reason", s.path("reason").asText(null));
                m.put("error", null);
            } catch (ApiException e) {
                m.put("status", null);
                m.put("remaining_seconds", null);
                m.put("verified", false);
                m.put("reason", e.code().equals("VM_NOT_FOUND") ? "unmapped" : null);
                m.put("error", e.getMessage());
            }
            return (Object) m;
        }).toList();
        return RestSupport.ok(Map.of("streams", out));
    }

    /** Open a stream for a provider. */
    @POST
    @Path("api/v1/streams")
    public Response openStream(byte[] body) {
        return RestSupport.ok(streams.open(RestSupport.read(body, OpenStreamCommand.class)));
    }

    /** A stream from the chain. */
    @GET
    @Path("api/v1/streams/{id}")
    public Response inspect(@PathParam("id") String id) {
        return RestSupport.ok(streams.inspect(streamId(id)));
    }

    /** Top up a stream by hours of its rate or by an amount. */
    @POST
    @Path("api/v1/streams/{id}/topup")
    public Response topUpStream(@PathParam("id") String id, byte[] body) {
        BigInteger stream = streamId(id);
        return RestSupport.ok(streams.topUp(stream, RestSupport.read(body, TopUpCommand.class)));
    }

    /** Terminate a stream (refund). */
    @POST
    @Path("api/v1/streams/{id}/terminate")
    public Response terminate(@PathParam("id") String id) {
        return RestSupport.ok(streams.terminate(streamId(id)));
    }

    /** A stream id of a path: decimal digits only, 1 to 2^256-1 (78 digits at most; no sign, fraction or exponent). */
    private static BigInteger streamId(String id) {
        BigInteger v = id.matches("[0-9]{1,78}") ? new BigInteger(id) : null;
        if (v == null || v.signum() <= 0 || v.bitLength() > 256) {
            throw new ApiException(422, "VALIDATION_ERROR", "stream id: must be a whole number from 1 to 2^256-1, "
                    + "written in decimal digits");
        }
        return v;
    }

    /**
     * A resource minimum of the providers search: decimal digits only, 1 to 2147483647, or absent.
     *
     * @throws ApiException 422 {@code VALIDATION_ERROR} naming the parameter
     */
    private static Integer count(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        long n = value.matches("[0-9]{1,10}") ? Long.parseLong(value) : 0;
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new ApiException(422, "VALIDATION_ERROR", name + ": must be a whole number from 1 to "
                    + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    /** @return the API shape of a VM record */
    static Map<String, Object> vm(RentedVm v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("provider_id", v.providerId());
        m.put("provider_url", v.providerUrl());
        m.put("vm_id", v.name());
        m.put("status", v.status());
        m.put("resources", v.resources());
        m.put("ssh_host", v.sshHost());
        m.put("ssh_port", v.sshPort());
        m.put("ssh_user", v.sshUser());
        m.put("ssh_host_key_fingerprint", v.sshHostKey());
        m.put("stream_id", v.streamId());
        m.put("created_at", WireTime.format(Instant.ofEpochMilli(v.createdAt())));
        m.put("updated_at", WireTime.format(Instant.ofEpochMilli(v.updatedAt())));
        m.put("error", v.error());
        return m;
    }
}
