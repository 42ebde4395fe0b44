/**
 * Port checker use cases: {@link org.golem.vm.portchecker.application.PortChecker} (validate, authorise, then
 * probe through the {@link org.golem.vm.portchecker.application.port.PortProber} port) and
 * {@link org.golem.vm.portchecker.application.PortCheckService}, the application's one checker. No JAX-RS here:
 * the REST layer resolves the caller's address, applies the rate limit, calls the service, and its mapper renders
 * {@link org.golem.vm.portchecker.domain.PortCheckException}.
 */
package org.golem.vm.portchecker.application;
