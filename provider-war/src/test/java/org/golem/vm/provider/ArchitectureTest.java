package org.golem.vm.provider;

import org.golem.vm.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The provider follows the one layering of every service ({@link ArchitectureRules}): domain, application (with its
 * ports), infrastructure adapters, interfaces, config; no JAX-RS, web3j, JDBC or clock reads where they do not
 * belong; no package cycles.
 */
class ArchitectureTest {

    @Test
    void providerFollowsTheLayering() {
        ArchitectureRules.check("org.golem.vm.provider");
    }
}
