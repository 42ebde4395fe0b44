package org.golem.vm.portchecker.it;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The packaged port checker WAR (system property {@code golem.war}, set by failsafe), named {@code ROOT.war} so that
 * Payara Micro deploys it at the context root as {@code bin/port-checker} does (that is where MicroProfile Health
 * shares {@code /health} with the original's answer), plus a small jar whose META-INF/microprofile-config.properties
 * overrides settings for one test class (config ordinal 500 beats the WAR's defaults and the environment).
 */
final class PortCheckerDeployments {
    private PortCheckerDeployments() {
    }

    static WebArchive war(Map<String, String> settings) {
        String props = "config_ordinal=500\n" + new TreeMap<>(settings).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n";
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
                .addAsManifestResource(new StringAsset(props), "microprofile-config.properties");
        WebArchive packaged = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("golem.war")));
        return ShrinkWrap.create(WebArchive.class, "ROOT.war").merge(packaged).addAsLibrary(config);
    }
}
