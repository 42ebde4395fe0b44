package org.golem.vm.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.golem.vm.cli.provider.ProviderAdminClient;
import org.golem.vm.cli.requestor.RequestorClient;
import org.golem.vm.cli.support.ServiceClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI's package rules: the commands ({@code cli.requestor} for {@code golem}, {@code cli.provider} for
 * {@code golem-provider}) use {@code cli.support}, {@code cli.ssh} and {@code cli.proxy}; {@code cli.support} uses no
 * command package, {@code cli.ssh} only {@code cli.support}, {@code cli.proxy} no other package of the CLI; the two command packages do not use each other; commands reach a route
 * only through its method on the service's client; {@code golem} reads answers as wire records, never as JSON trees;
 * no package cycles.
 */
class ArchitectureTest {

    private static final String BASE = "org.golem.vm.cli";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(BASE);
    }

    @Test
    void supportUsesNoCommandPackage() {
        noClasses().that().resideInAPackage(BASE + ".support..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".requestor..", BASE + ".provider..",
                        BASE + ".ssh..")
                .because("support is the plumbing the commands share; it knows none of them")
                .check(classes);
    }

    @Test
    void sshUsesOnlySupport() {
        noClasses().that().resideInAPackage(BASE + ".ssh..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".requestor..", BASE + ".provider..")
                .because("the SSH client serves commands, it does not call them")
                .check(classes);
    }

    @Test
    void proxyUsesNoOtherCliPackage() {
        noClasses().that().resideInAPackage(BASE + ".proxy..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".requestor..", BASE + ".provider..",
                        BASE + ".support..", BASE + ".ssh..")
                .because("the proxy is a plain forwarder; the commands connect it to a VM")
                .check(classes);
    }

    @Test
    void theTwoCommandsDoNotUseEachOther() {
        noClasses().that().resideInAPackage(BASE + ".requestor..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".provider..")
                .check(classes);
        noClasses().that().resideInAPackage(BASE + ".provider..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".requestor..")
                .check(classes);
    }

    @Test
    void routesAreCalledOnlyThroughTheClientsRouteMethods() {
        DescribedPredicate<JavaMethodCall> rawRequest = new DescribedPredicate<>(
                "a raw request of ServiceClient (get, post, put, delete)") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTarget().getOwner().isAssignableTo(ServiceClient.class)
                        && Set.of("get", "post", "put", "delete").contains(call.getTarget().getName());
            }
        };
        noClasses().that().resideInAnyPackage(BASE + ".requestor..", BASE + ".provider..")
                .and().doNotBelongToAnyOf(RequestorClient.class, ProviderAdminClient.class)
                .should().callMethodWhere(rawRequest)
                .because("each route's path and answer are handled in one method of its client, where a typed wire "
                        + "record can take the place of the JSON tree")
                .check(classes);
    }

    @Test
    void golemReadsTheRequestorApiAsWireRecordsNotJsonTrees() {
        noClasses().that().resideInAnyPackage(BASE + ".requestor..", BASE + ".ssh..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind",
                        "com.fasterxml.jackson.databind.node")
                .because("the requestor API's answers are the typed records of common.wire.requestor, read by "
                        + "RequestorClient; no command walks a JSON tree of our own API")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyClassIsInAKnownPackage() {
        classes.forEach(c -> {
            String p = c.getPackageName();
            if (!(p.startsWith(BASE + ".requestor") || p.startsWith(BASE + ".provider")
                    || p.startsWith(BASE + ".support") || p.startsWith(BASE + ".ssh")
                    || p.startsWith(BASE + ".proxy"))) {
                throw new AssertionError(c.getName() + " is outside cli.requestor, cli.provider, cli.support, "
                        + "cli.ssh and cli.proxy");
            }
        });
    }
}
