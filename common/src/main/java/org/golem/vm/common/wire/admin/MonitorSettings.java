package org.golem.vm.common.wire.admin;

/**
 * Answer of {@code GET|PUT /api/v1/admin/settings/monitor}: the stream monitor's settings and counters.
 *
 * @param enabled                 whether the monitor runs
 * @param intervalSeconds         seconds between ticks
 * @param stoppedRetentionSeconds seconds a VM stopped for lack of payment is kept before it is deleted
 * @param minRunwaySeconds        paid seconds a stream needs at create and start
 * @param runs                    ticks run since the provider started
 * @param rpcFailures             ticks that failed (chain unreadable); they changed nothing
 * @param lastError               the last tick's error, null after a success
 */
public record MonitorSettings(boolean enabled, long intervalSeconds, long stoppedRetentionSeconds,
                              long minRunwaySeconds, long runs, long rpcFailures, String lastError) {
}
