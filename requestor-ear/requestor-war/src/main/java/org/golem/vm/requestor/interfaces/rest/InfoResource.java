package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.requestor.application.WalletService;

/** {@code GET /api/v1/info}: service facts the CLI needs ({@link org.golem.vm.common.wire.requestor.RequestorInfo}). */
@Path("api/v1/info")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    WalletService wallet;

    /**
     * @return the service's facts
     * @throws IOException when the SSH key pair cannot be read or created
     */
    @GET
    public Response info() throws IOException {
        return RestSupport.ok(wallet.info());
    }
}
