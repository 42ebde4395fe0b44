package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.requestor.application.WalletService;

/** The wallet: {@code GET /api/v1/wallet} and the development chain's {@code POST /api/v1/wallet/faucet}. */
@Path("api/v1/wallet")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WalletResource {

    @Inject
    WalletService wallet;

    /** @return address and balances ({@link org.golem.vm.common.wire.requestor.WalletBalance}); 503 CHAIN_UNAVAILABLE */
    @GET
    public Response wallet() {
        return RestSupport.ok(wallet.wallet());
    }

    /** @return 100 ETH on anvil ({@link org.golem.vm.common.wire.requestor.FaucetResult}); 409 FAUCET_DISABLED elsewhere */
    @POST
    @Path("faucet")
    public Response faucet() {
        return RestSupport.ok(wallet.faucet());
    }
}
