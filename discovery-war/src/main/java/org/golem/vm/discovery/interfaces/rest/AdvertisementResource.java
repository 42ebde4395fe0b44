package org.golem.vm.discovery.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.golem.vm.common.auth.AuthError;
import org.golem.vm.common.auth.AuthException;
import org.golem.vm.common.auth.RequestVerifier;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.rest.Signed;
import org.golem.vm.common.rest.SignedRequestFilter;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.wire.EthereumAddresses;
import org.golem.vm.common.wire.StatusResponse;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.discovery.application.AdvertisementService;
import org.golem.vm.discovery.application.SearchIndex;
import org.golem.vm.discovery.config.DiscoverySettings;
import org.golem.vm.discovery.domain.Listing;
import org.golem.vm.discovery.domain.ListingTable;
import org.golem.vm.discovery.domain.SearchQuery;

/**
 * {@code /api/v1/advertisements}: the original's interface (docs/discovery-api.md) with signed writes
 * (docs/auth.md), expiry on every read, filters, ordering and paging. Application-scoped (no per-request bean);
 * the {@code @Context} fields are the container's per-request proxies.
 */
@Path("api/v1/advertisements")
@ApplicationScoped
public class AdvertisementResource {

    @Inject
    AdvertisementService service;

    @Inject
    SearchIndex index;

    @Inject
    DiscoverySettings settings;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    /**
     * Create or replace the signer's advertisement: 200 with the stored advertisement.
     *
     * @param legacyProviderId the original's {@code X-Provider-ID}; if sent it must name the signer
     */
    @POST
    @Signed
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(byte[] body, @HeaderParam("X-Provider-ID") String legacyProviderId) {
        String signer = SignedRequestFilter.signer(security);
        if (legacyProviderId != null && !legacyProviderId.isBlank()) {
            RequestVerifier.requireSigner(signer, legacyProviderId.strip());
        }
        AdvertisementRequest request = RestSupport.read(body, AdvertisementRequest.class);
        return RestSupport.ok(service.publish(signer, request));
    }

    /** Search live advertisements; a JSON array (as the original), with {@code X-Total-Count} and a next link. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response search(@QueryParam("cpu") String cpu, @QueryParam("memory") String memory,
                           @QueryParam("storage") String storage, @QueryParam("country") String country,
                           @QueryParam("platform") String platform, @QueryParam("network") String network,
                           @QueryParam("payments_network") String paymentsNetwork,
                           @QueryParam("max_usd_per_month") String maxUsd, @QueryParam("sort") String sort,
                           @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        SearchQuery query = SearchParams.parse(cpu, memory, storage, country, platform, network, paymentsNetwork,
                maxUsd, sort, limit, offset, settings.defaultPageSize(), settings.maxPageSize());
        ListingTable.Page page = index.search(query);
        List<Listing> items = page.items();
        StreamingOutput json = out -> {
            out.write('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(items.get(i).json());
            }
            out.write(']');
        };
        Response.ResponseBuilder r = Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                .header("X-Total-Count", page.total());
        int next = query.offset() + items.size();
        if (next < page.total()) {
            r.link(uri.getRequestUriBuilder().replaceQueryParam("offset", next)
                    .replaceQueryParam("limit", query.limit()).build(), "next");
        }
        return r.build();
    }

    /** One live advertisement; 404 {@code ADV_004} if none or expired. */
    @GET
    @Path("{provider_id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("provider_id") String providerId) {
        return RestSupport.ok(service.get(normalise(providerId)));
    }

    /** Delete one's own advertisement: 200 {@code {"status":"success"}}; 403 for another's; 404 if none. */
    @DELETE
    @Path("{provider_id}")
    @Signed
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("provider_id") String providerId) {
        String signer = SignedRequestFilter.signer(security);
        String id = normalise(providerId);
        if (!signer.equals(id)) {
            throw new AuthException(AuthError.AUTH_FORBIDDEN, "only " + id + " may delete its advertisement");
        }
        service.withdraw(id);
        return RestSupport.ok(StatusResponse.SUCCESS);
    }

    /** Provider ids are addresses compared by their EIP-55 form (the original compared raw strings). */
    private static String normalise(String providerId) {
        if (!WireValidation.isEthereumAddress(providerId)) {
            throw AdvertisementService.notFound();
        }
        return EthereumAddresses.checksum(providerId);
    }
}
