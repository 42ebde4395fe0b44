package org.golem.vm.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.golem.vm.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The shared module stays usable by the CLI (a plain Java program) and by every service: JAX-RS only in
 * {@code common.rest}, the error model free of HTTP, and no cycles between its packages.
 */
class ArchitectureTest {
    private final JavaClasses classes = ArchitectureRules.mainClasses("org.golem.vm.common");

    @Test
    void jaxRsOnlyInTheRestPackage() {
        noClasses().that().resideOutsideOfPackage("org.golem.vm.common.rest..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("the CLI loads common without a JAX-RS runtime")
                .check(classes);
    }

    @Test
    void wireRecordsAndTheErrorModelKnowNothingOfTheServerSide() {
        noClasses().that().resideInAnyPackage("org.golem.vm.common.wire..", "org.golem.vm.common.error..")
                .should().dependOnClassesThat().resideInAnyPackage("org.golem.vm.common.rest..",
                        "org.golem.vm.common.auth..", "jakarta.persistence..", "java.sql..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.golem.vm.common.(**)").should().beFreeOfCycles().check(classes);
    }
}
