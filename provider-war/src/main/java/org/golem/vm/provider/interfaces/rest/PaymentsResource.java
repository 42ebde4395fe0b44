package org.golem.vm.provider.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.rest.Signed;
import org.golem.vm.common.rest.SignedRequestFilter;
import org.golem.vm.provider.application.StreamViews;
import org.golem.vm.provider.application.VmService;

/**
 * {@code GET /api/v1/payments/streams} (signed): the stream status of each of the signer's VMs, read in one batch.
 * (The original listed every requestor's streams to anyone.)
 */
@Path("api/v1/payments/streams")
@RequestScoped
@Signed
public class PaymentsResource {

    @Inject
    VmService vms;

    @Inject
    StreamViews streams;

    @Context
    SecurityContext security;

    /** @return a JSON array of stream statuses */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        return RestSupport.ok(streams.of(vms.list(SignedRequestFilter.signer(security))));
    }
}
