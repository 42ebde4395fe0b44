package org.golem.vm.common.wire;

import java.util.Objects;

/**
 * Response of {@code GET /api/v1/vms/jobs/{job_id}} on the provider (docs/provider-api.md §3.2, §4.10):
 * {@code {"job_id","vm_id","status","error","created_at","updated_at"}}; {@code error} is written as null
 * unless the job failed.
 *
 * @param jobId     job id (a UUID string)
 * @param vmId      the VM's id (its name)
 * @param status    {@code creating|ready|failed}
 * @param error     why creation failed, else null
 * @param createdAt when the job was accepted, ISO-8601 UTC ({@link org.golem.vm.common.json.WireTime})
 * @param updatedAt when the state last changed, ISO-8601 UTC
 */
public record VmJob(String jobId, String vmId, JobState status, String error, String createdAt,
                    String updatedAt) {

    public VmJob {
        Objects.requireNonNull(status, "status");
    }
}
