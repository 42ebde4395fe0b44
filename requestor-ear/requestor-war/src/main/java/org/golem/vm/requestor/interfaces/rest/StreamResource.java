package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.requestor.OpenStreamRequest;
import org.golem.vm.common.wire.requestor.StreamList;
import org.golem.vm.common.wire.requestor.TopUpRequest;
import org.golem.vm.requestor.application.StreamOperations;
import org.golem.vm.requestor.application.VmOperations;

/**
 * The wallet's payment streams, {@code /api/v1/streams}: one summary per VM, open, inspect, top up, terminate.
 * Shapes are the records of {@code org.golem.vm.common.wire.requestor}.
 */
@Path("api/v1/streams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StreamResource {

    @Inject
    StreamOperations streams;

    @Inject
    VmOperations vms;

    /** @return {@link StreamList}: one summary per VM, as its provider reports it */
    @GET
    public Response list() {
        return RestSupport.ok(new StreamList(vms.streams()));
    }

    /** @return the new stream ({@link org.golem.vm.common.wire.requestor.StreamOpened}) */
    @POST
    public Response open(byte[] body) {
        return RestSupport.ok(streams.open(RestSupport.read(body, OpenStreamRequest.class)));
    }

    /** @return the stream from the chain ({@link org.golem.vm.common.wire.requestor.StreamView}) */
    @GET
    @Path("{id}")
    public Response inspect(@PathParam("id") String id) {
        return RestSupport.ok(streams.inspect(streamId(id)));
    }

    /** @return the top-up ({@link org.golem.vm.common.wire.requestor.StreamToppedUp}): hours of its rate or an amount */
    @POST
    @Path("{id}/topup")
    public Response topUp(@PathParam("id") String id, byte[] body) {
        BigInteger stream = streamId(id);
        return RestSupport.ok(streams.topUp(stream, RestSupport.read(body, TopUpRequest.class)));
    }

    /** @return the termination and refund ({@link org.golem.vm.common.wire.requestor.StreamTerminated}) */
    @POST
    @Path("{id}/terminate")
    public Response terminate(@PathParam("id") String id) {
        return RestSupport.ok(streams.terminate(streamId(id)));
    }

    /**
     * A stream id of a path: decimal digits only, 1 to 2^256-1 (78 digits at most; no sign, fraction or exponent).
     *
     * @throws ApiException 422 {@code VALIDATION_ERROR}
     */
    private static BigInteger streamId(String id) {
        BigInteger v = id.matches("[0-9]{1,78}") ? new BigInteger(id) : null;
        if (v == null || v.signum() <= 0 || v.bitLength() > 256) {
            throw new ApiException(422, "VALIDATION_ERROR", "stream id: must be a whole number from 1 to 2^256-1, "
                    + "written in decimal digits");
        }
        return v;
    }
}
