/**
 * The {@code golem-provider} command (issue 8): the operator's tool for a provider on this machine. It starts the
 * provider WAR on Payara Micro (after checking that its SSH ports can be reached from outside), stops it, and talks to
 * the provider's admin REST API ({@code /api/v1/admin/...}, bearer token from {@code <data-dir>/admin.token}) for
 * status, prices, streams and earnings, the timers' settings and the wallet; {@link
 * org.golem.vm.cli.provider.ProviderAdminClient} takes every answer in as its wire record ({@code
 * org.golem.vm.common.wire.admin}, {@code org.golem.vm.common.wire}) and the commands format from those. Output
 * conventions are those of the {@code golem} command ({@link org.golem.vm.cli.requestor}): {@code --json} on every
 * read, wei as JSON integers, tables and token amounts for people, one {@code golem-provider: ...} line on stderr with
 * exit status 1 for failures, 2 for usage errors. The plumbing both commands share is in {@link
 * org.golem.vm.cli.support}.
 */
package org.golem.vm.cli.provider;
