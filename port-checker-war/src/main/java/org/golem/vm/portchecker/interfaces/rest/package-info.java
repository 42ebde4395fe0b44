/**
 * The port checker's HTTP interface: {@code POST /check-ports}
 * ({@link org.golem.vm.portchecker.interfaces.rest.CheckPortsResource}), the per-client rate limit
 * ({@link org.golem.vm.portchecker.interfaces.rest.PortCheckerRateLimitFilter} with
 * {@link org.golem.vm.portchecker.interfaces.rest.ClientLimits}), the statuses of the port checker's error codes
 * ({@link org.golem.vm.common.rest.DomainExceptionMapper}) and the original's
 * {@code GET /health} ({@link org.golem.vm.portchecker.interfaces.rest.LegacyHealthFilter}) next to MicroProfile
 * Health's {@code /health/live|ready|started}.
 */
package org.golem.vm.portchecker.interfaces.rest;
