package org.golem.vm.discovery.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.golem.vm.common.rest.RestSupport;

/** The discovery REST API: {@code /api/v1/advertisements}, {@code /health}; providers listed explicitly. */
@ApplicationPath("/")
public class DiscoveryApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RestSupport.providers());
        classes.add(AdvertisementResource.class);
        classes.add(LegacyHealthResource.class);
        classes.add(DiscoveryRateLimitFilter.class);
        return classes;
    }

}
