package org.golem.vm.common.wire.requestor;

import java.math.BigInteger;

/**
 * Answer of {@code GET /api/v1/jobs/{id}}: a creation's progress. Every field is present.
 *
 * @param jobId    the job id
 * @param name     the VM name
 * @param status   {@code creating}, {@code ready} or {@code failed}
 * @param step     the current step, e.g. {@code opening_stream}, {@code booting}
 * @param message  the step's line for a human
 * @param streamId the paying stream once known, else null
 * @param vm       the VM when {@code ready}, else null
 * @param error    the failure, or null
 */
public record JobView(String jobId, String name, String status, String step, String message, BigInteger streamId,
                      RentedVmView vm, JobError error) {
}
