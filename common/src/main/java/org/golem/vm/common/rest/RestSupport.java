package org.golem.vm.common.rest;

import java.util.Map;
import java.util.Set;

/**
 * The providers every service registers in its {@code jakarta.ws.rs.core.Application#getClasses()}: JSON with the
 * project's mapper and the error mappers that keep every error in the {@code {"detail":{"code","message"}}}
 * envelope. Services list their classes explicitly (no scanning), so libraries' own {@code @Provider}s in
 * WEB-INF/lib cannot take over.
 */
public final class RestSupport {
    private RestSupport() {
    }

    /**
     * Application properties every service returns from {@code Application#getProperties()}: switch off Jersey's
     * JSON-B and MOXy features, which would otherwise compete with {@link GolemJsonProvider} for
     * {@code application/json} (seen on Payara Micro: which one won changed from one start to the next).
     *
     * @return the properties
     */
    public static Map<String, Object> properties() {
        return Map.of("jersey.config.disableJsonBinding", true, "jersey.config.disableMoxyJson", true);
    }

    /** @return the shared providers: JSON, error mappers and the signed-request filter */
    public static Set<Class<?>> providers() {
        return Set.of(GolemJsonProvider.class, ApiExceptionMapper.class, AuthExceptionMapper.class,
                JsonInputExceptionMapper.class, WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class,
                SignedRequestFilter.class);
    }
}
