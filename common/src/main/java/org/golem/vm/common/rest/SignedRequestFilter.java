package org.golem.vm.common.rest;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.auth.AuthError;
import org.golem.vm.common.auth.AuthException;
import org.golem.vm.common.auth.ReplayCache;
import org.golem.vm.common.auth.ReplayMemory;
import org.golem.vm.common.auth.RequestVerifier;

/**
 * Authenticates {@link Signed} requests (the steps of {@link RequestVerifier}): verifies {@code X-Golem-Address},
 * {@code X-Golem-Timestamp} and {@code X-Golem-Signature} over the method, the raw request path with query as
 * sent, the timestamp and the SHA-256 of the raw body, then sets the signer (EIP-55 address) as the
 * {@link SecurityContext}'s user principal. Refusals are {@link AuthException}s (401), rendered by
 * {@link AuthExceptionMapper}; nothing reaches the resource. Authorisation (step 5) is the resource's job:
 * compare {@link #signer(SecurityContext)} with the resource's owner.
 *
 * <p>The replay memory is the application's CDI bean of type {@link ReplayMemory} (discovery and the provider
 * produce a {@link org.golem.vm.common.auth.JdbcReplayMemory} on their database, so replays are caught across
 * restarts and instances), looked up on the first signed request. An application without one gets an in-JVM
 * {@link ReplayCache} and a warning in its log. A replay memory that cannot be consulted answers 503
 * {@code AUTH_UNAVAILABLE}. Bodies above {@link #MAX_BODY_BYTES} are refused before they are read whole.
 */
@Provider
@Signed
@Priority(Priorities.AUTHENTICATION)
public class SignedRequestFilter implements ContainerRequestFilter {

    /** Largest signed body read into memory for hashing: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOG = Logger.getLogger(SignedRequestFilter.class.getName());

    private volatile RequestVerifier verifier;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        byte[] body = readBody(request);
        URI uri = request.getUriInfo().getRequestUri();
        String pathWithQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String signer = verifier().verify(request.getMethod(), pathWithQuery, body, request::getHeaderString);
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new SignerContext(signer, original != null && original.isSecure()));
    }

    private RequestVerifier verifier() {
        RequestVerifier v = verifier;
        if (v == null) {
            synchronized (this) {
                if (verifier == null) {
                    verifier = new RequestVerifier(replayMemory());
                }
                v = verifier;
            }
        }
        return v;
    }

    /** The application's {@link ReplayMemory} bean, or an in-JVM cache (with a warning) when it has none. */
    private static ReplayMemory replayMemory() {
        try {
            Instance<ReplayMemory> bean = CDI.current().select(ReplayMemory.class);
            if (bean.isResolvable()) {
                return bean.get();
            }
        } catch (IllegalStateException noContainer) {
            LOG.log(Level.FINE, "no CDI container", noContainer);
        }
        LOG.warning("no replay memory bean in this application: signed requests are checked for replays in this "
                + "process only (a replay after a restart or on another instance is not caught)");
        return new ReplayCache(Clock.systemUTC());
    }

    /**
     * @return the authenticated signer of a {@link Signed} request, EIP-55 checksummed
     * @throws AuthException AUTH_MISSING when the request was not authenticated by this filter
     */
    public static String signer(SecurityContext context) {
        if (context == null || !(context.getUserPrincipal() instanceof SignerPrincipal p)) {
            throw new AuthException(AuthError.AUTH_MISSING, "request is not signed");
        }
        return p.getName();
    }

    private static byte[] readBody(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.getEntityStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "BODY_TOO_LARGE", "request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            request.setEntityStream(new ByteArrayInputStream(body));
            return body;
        }
    }

    /** The signer as a principal: its name is the EIP-55 address. */
    public record SignerPrincipal(String getName) implements Principal {
    }

    private record SignerContext(String signer, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return new SignerPrincipal(signer);
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "golem-vm:v1";
        }
    }
}
