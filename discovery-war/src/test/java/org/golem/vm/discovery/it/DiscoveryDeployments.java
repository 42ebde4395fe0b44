package org.golem.vm.discovery.it;

import java.io.File;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The packaged discovery WAR (system property {@code golem.war}, set by failsafe) plus a small jar whose
 * META-INF/microprofile-config.properties overrides settings for one test class (config ordinal 500 beats the
 * WAR's defaults), with its own in-memory H2 database.
 */
final class DiscoveryDeployments {
    private DiscoveryDeployments() {
    }

    static WebArchive war(Map<String, String> settings) {
        String db = "discovery-" + UUID.randomUUID();
        String props = "config_ordinal=500\n"
                + "golem.discovery.database.url=jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1\n"
                + settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")) + "\n";
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
                .addAsManifestResource(new StringAsset(props), "microprofile-config.properties");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("golem.war")))
                .addAsLibrary(config);
    }
}
