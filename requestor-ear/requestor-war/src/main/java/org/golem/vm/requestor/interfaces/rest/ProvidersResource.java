package org.golem.vm.requestor.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.common.wire.requestor.ProviderImages;
import org.golem.vm.common.wire.requestor.ProviderList;
import org.golem.vm.requestor.application.Providers;
import org.golem.vm.requestor.application.VmCreation;

/**
 * {@code GET /api/v1/providers}: live providers from the directory, priced for the queried resources; and
 * {@code GET /api/v1/providers/{provider_id}/images}: one provider's image catalogue.
 */
@Path("api/v1/providers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProvidersResource {

    @Inject
    Providers providers;

    @Inject
    VmCreation creation;

    /**
     * Providers with an estimate for a full spec ({@link ProviderList}).
     *
     * @throws ApiException 422 {@code VALIDATION_ERROR} when {@code cpu}, {@code memory} (GiB) or {@code storage}
     *                      (GiB) is not a whole number from 1 to 2147483647, or {@code egress} is not {@code open},
     *                      {@code none} or {@code allow-list} (the providers advertising that egress policy), or
     *                      {@code discovery} is not {@code chain}, {@code central} or {@code all}; 422
     *                      {@code DISCOVERY_NOT_CONFIGURED} when the source asked for is not configured; 503
     *                      {@code DISCOVERY_UNREACHABLE} when every source asked fails
     */
    @GET
    public Response providers(@QueryParam("cpu") String cpu, @QueryParam("memory") String memory,
                              @QueryParam("storage") String storage, @QueryParam("country") String country,
                              @QueryParam("platform") String platform,
                              @QueryParam("payments_network") String paymentsNetwork,
                              @QueryParam("all_payments") String allPayments,
                              @QueryParam("egress") String egress,
                              @QueryParam("discovery") String discovery) {
        return RestSupport.ok(new ProviderList(providers.list(count("cpu", cpu), count("memory", memory),
                count("storage", storage), country, platform, paymentsNetwork, "true".equalsIgnoreCase(allPayments),
                egress == null || egress.isEmpty() ? null : egress, discovery)));
    }

    /**
     * The images a provider offers now ({@link ProviderImages}), from its own {@code /provider/info}.
     *
     * @param providerId the provider's address
     * @throws ApiException 422 {@code VALIDATION_ERROR} when it is not a 0x address of 40 hex digits; 404
     *                      {@code PROVIDER_NOT_FOUND}; 503 {@code PROVIDER_UNREACHABLE} / {@code DISCOVERY_UNREACHABLE}
     */
    @GET
    @Path("{provider_id}/images")
    public Response images(@PathParam("provider_id") String providerId) {
        if (!WireValidation.isEthereumAddress(providerId)) {
            throw new ApiException(422, "VALIDATION_ERROR", "provider_id: must be a 0x address of 40 hex digits");
        }
        return RestSupport.ok(creation.images(providerId));
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
}
