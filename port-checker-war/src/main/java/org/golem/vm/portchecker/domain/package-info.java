/**
 * Port checker domain: value objects and rules, free of JAX-RS and of any I/O.
 *
 * <ul>
 *   <li>{@link org.golem.vm.portchecker.domain.CheckTarget} — a validated request (address + ports); addresses are
 *       parsed strictly by the shared {@link org.golem.vm.common.net.IpLiteral} (never DNS);</li>
 *   <li>{@link org.golem.vm.portchecker.domain.AddressCategory} and
 *       {@link org.golem.vm.portchecker.domain.TargetPolicy} — which targets may be probed (FLAW fixed: the
 *       original was an open TCP scanner);</li>
 *   <li>{@link org.golem.vm.portchecker.domain.PortProbe} and
 *       {@link org.golem.vm.portchecker.domain.PortCheckReport} — results;</li>
 *   <li>{@link org.golem.vm.portchecker.domain.PortCheckException} with
 *       {@link org.golem.vm.portchecker.domain.PortCheckErrorCode} — every refusal, with its kind of refusal (the
 *       REST layer picks the HTTP status).</li>
 * </ul>
 *
 * <p>The caller's address (socket peer, {@code X-Forwarded-For} only from trusted proxies) and the per-client rate
 * limit are resolved by the REST layer.
 */
package org.golem.vm.portchecker.domain;
