package org.golem.vm.requestor.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;

/** A VM creation and its progress (table {@code creation_jobs}). */
@Entity
@Table(name = "creation_jobs")
public class CreationJob {
    /** Status of a job still running. */
    public static final String CREATING = "creating";
    /** Status of a job whose VM runs. */
    public static final String READY = "ready";
    /** Status of a job that ended without a VM. */
    public static final String FAILED = "failed";

    @Id
    @Column(name = "job_id")
    private String jobId;
    private String name;
    private String status;
    private String step;
    private String message;
    @Column(name = "stream_id")
    private BigInteger streamId;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "updated_at")
    private long updatedAt;

    protected CreationJob() {
    }

    /** A job just accepted: status {@code creating}, step {@code validating}. */
    public CreationJob(String jobId, String name, long now) {
        this.jobId = jobId;
        this.name = name;
        this.status = CREATING;
        this.step = "validating";
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Progress: a new step with a line for the user. */
    public void step(String newStep, String line, long now) {
        this.step = newStep;
        this.message = line;
        this.updatedAt = now;
    }

    /** The stream paying for the VM. */
    public void stream(BigInteger id) {
        this.streamId = id;
    }

    /** Finished: the VM runs. */
    public void ready(long now) {
        this.status = READY;
        this.step = "ready";
        this.message = "VM is running";
        this.updatedAt = now;
    }

    /** Finished without a VM. */
    public void failed(String code, String why, long now) {
        this.status = FAILED;
        this.step = "failed";
        this.errorCode = code;
        this.errorMessage = why == null ? null : why.substring(0, Math.min(1024, why.length()));
        this.updatedAt = now;
    }

    /** @return id */
    public String jobId() {
        return jobId;
    }

    /** @return VM name */
    public String name() {
        return name;
    }

    /** @return creating|ready|failed */
    public String status() {
        return status;
    }

    /** @return current step */
    public String step() {
        return step;
    }

    /** @return last progress line */
    public String message() {
        return message;
    }

    /** @return stream id or null */
    public BigInteger streamId() {
        return streamId;
    }

    /** @return error code or null */
    public String errorCode() {
        return errorCode;
    }

    /** @return error text or null */
    public String errorMessage() {
        return errorMessage;
    }

    /** @return epoch ms */
    public long createdAt() {
        return createdAt;
    }

    /** @return epoch ms */
    public long updatedAt() {
        return updatedAt;
    }
}
