package org.golem.vm.requestor.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.golem.vm.common.rest.RestSupport;

/** The requestor REST API (docs/requestor-api.md) and the web console at the context root; classes listed explicitly. */
@ApplicationPath("/")
public class RequestorApplication extends Application {

    /** @return the shared providers, the token filter and the resources */
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(RestSupport.providers());
        classes.add(ApiTokenFilter.class);
        classes.add(RootResource.class);
        classes.add(InfoResource.class);
        classes.add(WalletResource.class);
        classes.add(ProvidersResource.class);
        classes.add(VmResource.class);
        classes.add(JobResource.class);
        classes.add(StreamResource.class);
        classes.add(ConsoleResource.class);
        return classes;
    }
}
