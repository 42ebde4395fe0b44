package org.golem.vm.common.wire.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PUT /api/v1/admin/settings/monitor}, any subset (null: unchanged); the answer is
 * {@link MonitorSettings}.
 *
 * <p>Written (by {@code golem-provider}) without its null fields, so a client sends only what it names.
 *
 * @param enabled                 whether the stream monitor runs
 * @param intervalSeconds         seconds between ticks, 1 to 365 days
 * @param stoppedRetentionSeconds seconds a VM stopped for lack of payment is kept, 0 to 3650 days
 * @param minRunwaySeconds        paid seconds a stream needs at create and start, 0 to 365 days
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorChange(Boolean enabled, Long intervalSeconds, Long stoppedRetentionSeconds,
                            Long minRunwaySeconds) {
}
