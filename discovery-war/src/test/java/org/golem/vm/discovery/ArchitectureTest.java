package org.golem.vm.discovery;

import org.golem.vm.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The layering of the service (domain, application with its ports, infrastructure adapters, interfaces.rest and
 * interfaces.health, config), checked by the rules every service shares.
 */
class ArchitectureTest {

    @Test
    void followsTheLayeringEveryServiceShares() {
        ArchitectureRules.check("org.golem.vm.discovery");
    }
}
