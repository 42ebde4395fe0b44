package org.golem.vm.provider.it;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link ProviderApiTests} on the embedded default database (H2). */
@RunAsClient
class ProviderApiIT extends ProviderApiTests {

    @Deployment
    static WebArchive deployment() throws Exception {
        return deployment(Map.of());
    }
}
