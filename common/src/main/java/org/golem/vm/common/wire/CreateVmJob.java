package org.golem.vm.common.wire;

import java.util.Objects;

/**
 * The 202 response of {@code POST /api/v1/vms?async=true} on the provider (docs/provider-api.md §3.2):
 * {@code {"job_id": "<uuid>", "vm_id": "<name>", "status": "creating"}}. Poll
 * {@code GET /api/v1/vms/jobs/{job_id}} ({@link VmJob}) or {@code GET /api/v1/vms/{vm_id}}.
 *
 * @param jobId  job id (a UUID string)
 * @param vmId   the VM's id (its name)
 * @param status job state, {@link JobState#CREATING} when just accepted
 */
public record CreateVmJob(String jobId, String vmId, JobState status) {

    public CreateVmJob {
        Objects.requireNonNull(status, "status");
    }

    /**
     * @param jobId job id
     * @param vmId  VM id
     * @return a just-accepted job ({@code creating})
     */
    public static CreateVmJob accepted(String jobId, String vmId) {
        return new CreateVmJob(jobId, vmId, JobState.CREATING);
    }
}
