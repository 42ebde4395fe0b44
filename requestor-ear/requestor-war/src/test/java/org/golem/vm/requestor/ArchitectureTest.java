package org.golem.vm.requestor;

import org.golem.vm.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The requestor's classes in this module follow the layering every service follows (ArchitectureRules). */
class ArchitectureTest {

    @Test
    void layersHold() {
        ArchitectureRules.check("org.golem.vm.requestor");
    }
}
