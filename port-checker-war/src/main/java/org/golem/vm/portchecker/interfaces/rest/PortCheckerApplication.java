package org.golem.vm.portchecker.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.golem.vm.common.rest.RestSupport;

/**
 * The port checker REST API at the context root: {@code POST /check-ports}. Classes are listed explicitly
 * ({@link RestSupport#providers()} plus ours), so no library's {@code @Provider} takes part. {@code GET /health} is
 * {@link LegacyHealthFilter}, outside JAX-RS.
 */
@ApplicationPath("/")
public class PortCheckerApplication extends Application {

    /** @return the shared providers, the resource, the rate-limit filter and the port check error mapper */
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RestSupport.providers());
        classes.add(CheckPortsResource.class);
        classes.add(PortCheckerRateLimitFilter.class);
        return classes;
    }
}
