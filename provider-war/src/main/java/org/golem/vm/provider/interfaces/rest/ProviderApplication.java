package org.golem.vm.provider.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.golem.vm.common.rest.RestSupport;

/**
 * The provider REST API at the context root ({@code /api/v1/...}; MicroProfile Health at {@code /health}). Classes
 * are listed explicitly, so no library's {@code @Provider} takes part.
 */
@ApplicationPath("/")
public class ProviderApplication extends Application {

    /** @return the shared providers, the admin filter and the resources */
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RestSupport.providers());
        classes.add(AdminFilter.class);
        classes.add(VmResource.class);
        classes.add(ProviderInfoResource.class);
        classes.add(PaymentsResource.class);
        classes.add(SummaryResource.class);
        classes.add(AdminResource.class);
        classes.add(DashboardResource.class);
        return classes;
    }
}
