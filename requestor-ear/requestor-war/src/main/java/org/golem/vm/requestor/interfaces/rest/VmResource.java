package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.requestor.PurgeResult;
import org.golem.vm.common.wire.requestor.RentVmRequest;
import org.golem.vm.common.wire.requestor.VmList;
import org.golem.vm.requestor.application.VmCreation;
import org.golem.vm.requestor.application.VmOperations;

/**
 * The rented VMs, {@code /api/v1/vms}: list, create (a background job), show, stop, start, delete, purge, SSH
 * access and the provider's view of the VM's stream. Shapes are the records of
 * {@code org.golem.vm.common.wire.requestor}; refusals come from the use cases.
 */
@Path("api/v1/vms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class VmResource {

    @Inject
    VmCreation creation;

    @Inject
    VmOperations vms;

    /** @return {@link VmList} */
    @GET
    public Response list() {
        return RestSupport.ok(new VmList(vms.list()));
    }

    /** @return 202 with the creation job ({@link org.golem.vm.common.wire.requestor.CreationStarted}) */
    @POST
    public Response create(byte[] body) {
        return RestSupport.json(202, creation.start(RestSupport.read(body, RentVmRequest.class)));
    }

    /** @return the VM with its stream and the auto top-up's view ({@link org.golem.vm.common.wire.requestor.VmDetail}) */
    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return RestSupport.ok(vms.detail(name));
    }

    /** Stop on the provider (the stream keeps paying). */
    @POST
    @Path("{name}/stop")
    public Response stop(@PathParam("name") String name) {
        return RestSupport.ok(vms.stop(name));
    }

    /** Start again on the provider. */
    @POST
    @Path("{name}/start")
    public Response start(@PathParam("name") String name) {
        return RestSupport.ok(vms.start(name));
    }

    /** Delete on the provider, terminate the stream (refund), forget. */
    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        return RestSupport.ok(vms.delete(name, false));
    }

    /** @return {@link PurgeResult}: every VM deleted */
    @POST
    @Path("purge")
    public Response purge() {
        return RestSupport.ok(vms.purge());
    }

    /**
     * @return how the CLI connects over SSH ({@link org.golem.vm.common.wire.requestor.SshAccess}); 409
     *         {@code VM_NOT_RUNNING}
     */
    @GET
    @Path("{name}/access")
    public Response access(@PathParam("name") String name) throws IOException {
        return RestSupport.ok(vms.access(name));
    }

    /** @return the provider's stream status of the VM ({@link org.golem.vm.common.wire.StreamStatusResponse}) */
    @GET
    @Path("{name}/stream")
    public Response stream(@PathParam("name") String name) {
        return RestSupport.ok(vms.providerStream(name));
    }
}
