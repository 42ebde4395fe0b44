package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.requestor.application.VmCreation;

/** {@code GET /api/v1/jobs/{id}}: a VM creation's progress ({@link org.golem.vm.common.wire.requestor.JobView}). */
@Path("api/v1/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    VmCreation creation;

    /** @return the job; 404 {@code JOB_NOT_FOUND} */
    @GET
    @Path("{id}")
    public Response job(@PathParam("id") String id) {
        return RestSupport.ok(creation.progress(id));
    }
}
