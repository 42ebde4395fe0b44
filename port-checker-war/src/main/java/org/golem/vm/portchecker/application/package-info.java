/**
 * Port checker use cases: {@link org.golem.vm.portchecker.application.PortChecker} (validate, authorise and probe
 * ports concurrently under a global bound) with its {@link org.golem.vm.portchecker.application.PortCheckerSettings},
 * read from MicroProfile Config by {@link org.golem.vm.portchecker.application.PortCheckerConfig};
 * {@link org.golem.vm.portchecker.application.PortCheckService}, the application's one checker (with the shared
 * per-client rate limiter and caller-address resolver); and the readiness check
 * {@link org.golem.vm.portchecker.application.ProbePoolReadiness}. No JAX-RS here: the REST layer resolves the
 * caller's address, calls the service, and the shared mapper renders
 * {@link org.golem.vm.portchecker.domain.PortCheckException}.
 */
package org.golem.vm.portchecker.application;
