package org.golem.vm.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.golem.vm.common.wire.JobState;

/** An asynchronous VM creation ({@code POST /api/v1/vms?async=true}; table {@code creation_jobs}). */
@Entity
@Table(name = "creation_jobs")
public class CreationJob {
    @Id
    @Column(name = "job_id")
    private String jobId;
    @Column(name = "vm_name")
    private String vmName;
    private String owner;
    private String status;
    private String error;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "updated_at")
    private long updatedAt;

    protected CreationJob() {
    }

    /** A just-accepted job ({@code creating}). */
    public CreationJob(String jobId, String vmName, String owner, long now) {
        this.jobId = jobId;
        this.vmName = vmName;
        this.owner = owner;
        this.status = JobState.CREATING.wire();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The VM booted. */
    public void ready(long now) {
        status = JobState.READY.wire();
        updatedAt = now;
    }

    /** Creation failed; {@code why} is shown to the owner (no internal details). */
    public void failed(String why, long now) {
        status = JobState.FAILED.wire();
        error = why == null ? null : why.substring(0, Math.min(1024, why.length()));
        updatedAt = now;
    }

    /** @return job id (UUID) */
    public String jobId() {
        return jobId;
    }

    /** @return the VM's name */
    public String vmName() {
        return vmName;
    }

    /** @return who asked */
    public String owner() {
        return owner;
    }

    /** @return state */
    public JobState status() {
        return JobState.fromWire(status);
    }

    /** @return why it failed, or null */
    public String error() {
        return error;
    }

    /** @return accepted at, epoch ms */
    public long createdAt() {
        return createdAt;
    }

    /** @return last change, epoch ms */
    public long updatedAt() {
        return updatedAt;
    }
}
