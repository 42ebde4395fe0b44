/**
 * The {@code golem} command (issue 7): the renter's client of the local requestor service's REST API
 * (requestor-ear/API.md). {@link org.golem.vm.cli.requestor.GolemCli} is the root and the jar's main class; one
 * class per command group ({@code vm}, {@code vm stream}, {@code wallet}, {@code server}), each leaf command reading
 * the service's answer once and printing it as text for people or, with {@code --json}, as JSON. The plumbing shared
 * with {@code golem-provider} (HTTP, output, environment, errors) is in {@link org.golem.vm.cli.support}; the SSH
 * client of {@code vm ssh|exec|stats} in {@link org.golem.vm.cli.ssh}.
 */
package org.golem.vm.cli.requestor;
