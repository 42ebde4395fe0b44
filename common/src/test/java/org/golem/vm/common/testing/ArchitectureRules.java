package org.golem.vm.common.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.util.List;

/**
 * The layering every service follows (ARCHITECTURE.md), as ArchUnit rules. A service's base package (for example
 * {@code org.golem.vm.provider}) holds:
 * <ul>
 *   <li>{@code domain} — entities, value objects, policies, domain exceptions; depends on nothing of the service</li>
 *   <li>{@code application} — use cases and timers; talks to ports (interfaces it declares), never to an adapter</li>
 *   <li>{@code infrastructure} — adapters behind the ports: JPA repositories, the chain, hypervisors, HTTP clients</li>
 *   <li>{@code interfaces} — thin REST resources ({@code interfaces.rest}) and health checks
 *       ({@code interfaces.health})</li>
 *   <li>{@code config} — the service's settings (MicroProfile Config), readable from every layer</li>
 * </ul>
 * Each module's {@code ArchitectureTest} calls {@link #check(String)} with its base package.
 */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /**
     * Imports the main (non-test) classes under a base package, from directories and jars alike: in a reactor build
     * a module's sibling (the requestor's EJB module, seen from its web module) is on the class path as its packaged
     * jar, and its classes belong to the same service.
     *
     * @param basePackage e.g. {@code org.golem.vm.discovery}
     * @return the classes
     */
    public static JavaClasses mainClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /**
     * The rules for one service, in the order they are checked.
     *
     * @param base the service's base package
     * @return the rules
     */
    public static List<ArchRule> rules(String base) {
        return List.of(layers(base), noJaxRsOutsideInterfaces(base), outsideSystemsOnlyInInfrastructure(base),
                noClockReadsInUseCases(base), noCycles(base));
    }

    /**
     * Checks every rule of {@link #rules(String)} against the service's main classes.
     *
     * @param base the service's base package
     * @throws AssertionError listing every violation of the first rule that fails
     */
    public static void check(String base) {
        JavaClasses classes = mainClasses(base);
        for (ArchRule rule : rules(base)) {
            rule.check(classes);
        }
    }

    /**
     * Who may use whom: interfaces and infrastructure use application and domain; application uses domain; config
     * is readable by all; nothing uses interfaces or infrastructure (CDI wires adapters in behind ports).
     *
     * @param base the service's base package
     * @return the rule
     */
    public static ArchRule layers(String base) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("Domain").definedBy(base + ".domain..")
                .layer("Application").definedBy(base + ".application..")
                .layer("Infrastructure").definedBy(base + ".infrastructure..")
                .layer("Interfaces").definedBy(base + ".interfaces..")
                .layer("Config").definedBy(base + ".config..")
                .whereLayer("Interfaces").mayNotBeAccessedByAnyLayer()
                .whereLayer("Infrastructure").mayNotBeAccessedByAnyLayer()
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Interfaces", "Infrastructure")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Infrastructure", "Interfaces",
                        "Config");
    }

    /**
     * @param base the service's base package
     * @return the rule: JAX-RS ({@code jakarta.ws.rs}) only in {@code interfaces} and {@code infrastructure} (the
     *         latter for HTTP client adapters)
     */
    public static ArchRule noJaxRsOutsideInterfaces(String base) {
        return noClasses().that().resideInAnyPackage(base + ".domain..", base + ".application..",
                        base + ".config..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("HTTP is the interfaces layer's business (and the HTTP adapters')");
    }

    /**
     * @param base the service's base package
     * @return the rule: web3j, {@code java.net.http}, JSch, JDBC and the JPA entity manager only in
     *         {@code infrastructure}
     */
    public static ArchRule outsideSystemsOnlyInInfrastructure(String base) {
        return noClasses().that().resideOutsideOfPackage(base + ".infrastructure..")
                .should().dependOnClassesThat().resideInAnyPackage("org.web3j..", "java.net.http..",
                        "com.jcraft..", "java.sql..", "javax.sql..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.TypedQuery")
                .because("outside systems are reached through adapters in infrastructure");
    }

    /**
     * @param base the service's base package
     * @return the rule: the domain and the use cases read the time from an injected {@link java.time.Clock}
     */
    public static ArchRule noClockReadsInUseCases(String base) {
        return noClasses().that().resideInAnyPackage(base + ".domain..", base + ".application..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .because("use cases take the time from an injected Clock, so tests can move it");
    }

    /**
     * @param base the service's base package
     * @return the rule: no dependency cycles between the sub-packages of each layer
     */
    public static ArchRule noCycles(String base) {
        return slices().matching(base + ".(**)").should().beFreeOfCycles();
    }
}
