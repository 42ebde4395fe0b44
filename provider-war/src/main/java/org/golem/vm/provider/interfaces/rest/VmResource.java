package org.golem.vm.provider.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.golem.vm.common.json.WireTime;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.rest.Signed;
import org.golem.vm.common.rest.SignedRequestFilter;
import org.golem.vm.common.wire.CreateVmJob;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.VmAccessInfo;
import org.golem.vm.common.wire.VmInfo;
import org.golem.vm.common.wire.VmJob;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.application.StreamViews;
import org.golem.vm.provider.application.VmService;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.CreationJob;
import org.golem.vm.provider.domain.VmRecord;

/**
 * {@code /api/v1/vms}: the original's VM API (docs/provider-api.md) with signed requests (docs/auth.md): the
 * creator must be the stream's sender and only the owner sees or controls a VM. Added: {@code POST
 * /{name}/start}. Status codes: 422 invalid input, 404 unknown VM (DELETE included), 403 another's VM, 409 name
 * or stream taken / VM busy, 402 unacceptable stream, 503 capacity, ports, chain or hypervisor unavailable.
 */
@Path("api/v1/vms")
@RequestScoped
@Signed
@Produces(MediaType.APPLICATION_JSON)
public class VmResource {

    @Inject
    VmService vms;

    @Inject
    StreamViews streams;

    @Inject
    ProviderSettings settings;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    private String signer() {
        return SignedRequestFilter.signer(security);
    }

    /** Create a VM: 200 VMInfo once it runs, or with {@code ?async=true} 202 {@code {job_id, vm_id, status}}. */
    @POST
    public Response create(byte[] body, @QueryParam("async") String async) {
        boolean background = async != null && (async.equalsIgnoreCase("true") || async.equals("1"));
        CreateVmRequest request = RestSupport.read(body, CreateVmRequest.class);
        VmService.Created created = vms.create(signer(), request, background);
        if (created.job() != null) {
            return RestSupport.json(202, CreateVmJob.accepted(created.job().jobId(), created.vm().name()));
        }
        return RestSupport.ok(VmService.info(created.vm()));
    }

    /** One of the signer's creation jobs. */
    @GET
    @Path("jobs/{job_id}")
    public Response job(@PathParam("job_id") String jobId) {
        CreationJob job = vms.ownedJob(signer(), jobId);
        return RestSupport.ok(new VmJob(job.jobId(), job.vmName(), job.status(), job.error(),
                WireTime.format(java.time.Instant.ofEpochMilli(job.createdAt())),
                WireTime.format(java.time.Instant.ofEpochMilli(job.updatedAt()))));
    }

    /** The signer's VMs. */
    @GET
    public Response list() {
        return RestSupport.ok(vms.list(signer()).stream().map(VmService::info).toList());
    }

    /** One of the signer's VMs. */
    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return RestSupport.ok(VmService.info(vms.owned(signer(), name)));
    }

    /**
     * How to reach the VM over SSH: 200 with host, port, user and host key fingerprint, and the forwarded guest
     * ports besides SSH ({@code ports: [{guest_port, host_port}]} on the same host, omitted when none); 202 while it
     * is being created; 409 VM_NOT_RUNNING when stopped.
     */
    @GET
    @Path("{name}/access")
    public Response access(@PathParam("name") String name) {
        VmRecord vm = vms.forAccess(signer(), name);
        if (vm.status() == VmStatus.CREATING) {
            return RestSupport.json(202, VmAccessInfo.pending(vm.name(), vm.driverId()));
        }
        String host = settings.publicHost().orElse(uri.getBaseUri().getHost());
        return RestSupport.ok(VmAccessInfo.ready(host, vm.sshPort(), vm.name(), vm.driverId(), vm.sshUser())
                .withHostKey(vm.sshHostKey()).withPorts(VmService.forwards(vm)));
    }

    /** Stop: 200 VMInfo with status {@code stopped}. */
    @POST
    @Path("{name}/stop")
    public Response stop(@PathParam("name") String name) {
        return RestSupport.ok(VmService.info(vms.stop(signer(), name)));
    }

    /** Start a stopped VM again (its stream must still pay): 200 VMInfo with status {@code running}. */
    @POST
    @Path("{name}/start")
    public Response start(@PathParam("name") String name) {
        return RestSupport.ok(VmService.info(vms.start(signer(), name)));
    }

    /** Delete: 200 VMInfo with status {@code deleted}; 404 when unknown. */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        VmRecord vm = vms.delete(signer(), name);
        var info = VmService.info(vm);
        return RestSupport.ok(new VmInfo(info.id(), info.name(), VmStatus.DELETED,
                info.resources(), null, null, info.createdAt(), WireTime.now(), null));
    }

    /** The VM's stream: chain fields, computed figures, whether it still pays. */
    @GET
    @Path("{name}/stream")
    public Response stream(@PathParam("name") String name) {
        return RestSupport.ok(streams.of(vms.owned(signer(), name)));
    }
}
