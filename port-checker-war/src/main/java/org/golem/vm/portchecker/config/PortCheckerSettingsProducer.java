package org.golem.vm.portchecker.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * Makes the application's one {@link PortCheckerSettings} injectable: read from MicroProfile Config by
 * {@link PortCheckerConfig} the first time they are injected (the application service is created when the
 * application starts, so a bad value stops the deployment with a message naming the variable).
 */
@ApplicationScoped
public class PortCheckerSettingsProducer {

    @Inject
    Config config;

    /**
     * @return the settings from MicroProfile Config
     * @throws IllegalArgumentException naming the variable whose value is malformed or out of range
     */
    @Produces
    @Singleton
    PortCheckerSettings settings() {
        return PortCheckerConfig.read(name -> config.getOptionalValue(name, String.class));
    }
}
