package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.requestor.ApiGreeting;
import org.golem.vm.requestor.application.VmOperations;

/** The original Python requestor's routes, kept for its clients: {@code GET /} and {@code GET /vms}. */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RootResource {

    @Inject
    VmOperations vms;

    /** @return {@code {"message": "Golem Requestor API"}} */
    @GET
    public Response root() {
        return RestSupport.ok(ApiGreeting.requestor());
    }

    /** @return the VMs as a bare array (the original's shape) */
    @GET
    @Path("vms")
    public Response legacyList() {
        return RestSupport.ok(vms.list());
    }
}
