/**
 * The provider's admin API ({@code /api/v1/admin/...}, bearer token; docs/provider-api.md): one record per request
 * body and per answer. The project's JSON mapper ({@link org.golem.vm.common.json.Json}) writes record components in
 * snake_case and in declaration order, nulls included unless a component says otherwise; wei amounts are JSON
 * integers of any size, times are epoch milliseconds unless named {@code *_seconds} or {@code chain_time} (Unix
 * seconds of the chain's latest block).
 */
package org.golem.vm.common.wire.admin;
