package org.golem.vm.portchecker.interfaces.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.golem.vm.common.net.IpLiteral;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.rest.RestSupport;
import org.golem.vm.common.wire.CheckPortsRequest;
import org.golem.vm.portchecker.application.PortCheckService;
import org.golem.vm.portchecker.domain.PortCheckErrorCode;
import org.golem.vm.portchecker.domain.PortCheckException;

/**
 * {@code POST /check-ports}: the seed's interface. Body {@code {"provider_ip": "203.0.113.7", "ports": [50800]}}
 * (any content type; JSON is read by the project's mapper), answer 200
 * {@code {"success": true, "results": {"50800": {"accessible": true, "error": null}}, "message": "Successfully
 * verified 1 out of 1 ports"}}. Refusals are {@code {"detail": {"code", "message"}}}: 400 {@code INVALID_IP},
 * {@code INVALID_PORT}, {@code TOO_MANY_PORTS}, {@code INVALID_JSON}; 422 {@code INVALID_BODY} (not an object) and
 * {@code VALIDATION_ERROR} (empty body); 413 {@code BODY_TOO_LARGE}; 403 {@code TARGET_NOT_ALLOWED}; 429
 * {@code RATE_LIMITED} (by {@link PortCheckerRateLimitFilter}); 500 {@code CHECK_FAILED} (statuses of the port
 * checker's own codes by {@link org.golem.vm.common.rest.DomainExceptionMapper}).
 *
 * <p>The caller, for the own-address rule, is the socket peer ({@code HttpServletRequest#getRemoteAddr}), or what
 * {@code X-Forwarded-For} says when the peer is a configured trusted proxy. The answer is produced asynchronously:
 * a request waiting for timeouts holds no HTTP worker thread.
 */
@Path("check-ports")
@RequestScoped
public class CheckPortsResource {

    /** Largest body read: 64 KiB (100 ports take under 1 KiB). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Inject
    PortCheckService service;

    @Inject
    ClientLimits limits;

    @Context
    HttpServletRequest servletRequest;

    @Context
    HttpHeaders headers;

    /**
     * Checks the ports.
     *
     * @param body the raw request body
     * @return the check's answer, once every port has one
     * @throws IOException when the body cannot be read from the connection
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> check(InputStream body) throws IOException {
        CheckPortsRequest request = CheckPortsBody.toRequest(RestSupport.read(readBounded(body), JsonNode.class));
        InetAddress caller = caller();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        service.checkAsync(request, caller).whenComplete((report, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(RestSupport.ok(report.toResponse()));
            }
        });
        return answer;
    }

    private InetAddress caller() {
        InetAddress peer = IpLiteral.tryParse(servletRequest.getRemoteAddr()).orElseThrow(() ->
                new PortCheckException(PortCheckErrorCode.CHECK_FAILED, "the caller's address cannot be determined"));
        return limits.clientAddresses().resolve(peer, headers.getHeaderString("X-Forwarded-For"));
    }

    private static byte[] readBounded(InputStream body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "BODY_TOO_LARGE", "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return bytes;
    }
}
