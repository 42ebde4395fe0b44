package org.golem.vm.common.wire.requestor;

/**
 * The auto top-up's view of one VM ({@code top_up} of {@code GET /api/v1/vms/{name}}).
 *
 * @param targetRunwaySeconds the runway the auto top-up keeps, seconds
 * @param enabled             whether the auto top-up runs
 * @param affordable          false when the last check found the wallet could not pay the top-up
 * @param message             what the last check said (null when all was well)
 */
public record TopUpView(long targetRunwaySeconds, boolean enabled, boolean affordable, String message) {
}
