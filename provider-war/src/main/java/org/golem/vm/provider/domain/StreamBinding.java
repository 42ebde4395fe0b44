package org.golem.vm.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;

/**
 * The stream that pays for a VM (table {@code stream_bindings}). The stream id is the key: one stream pays for one
 * VM, ever (FLAW fixed: the original let one stream pay for any number of VMs). The row outlives its VM
 * ({@code released_at}) until nothing more can be collected from the stream ({@code settled}), so the final vested
 * amount is still withdrawn after the VM is gone (another FLAW of the original).
 */
@Entity
@Table(name = "stream_bindings")
public class StreamBinding {
    @Id
    @Column(name = "stream_id")
    private BigInteger streamId;
    @Column(name = "vm_name")
    private String vmName;
    private String sender;
    @Column(name = "rate_wei")
    private BigInteger rateWei;
    @Column(name = "bound_at")
    private long boundAt;
    @Column(name = "released_at")
    private Long releasedAt;
    @Column(name = "last_withdraw_at")
    private Long lastWithdrawAt;
    private boolean settled;

    protected StreamBinding() {
    }

    /**
     * @param streamId the stream
     * @param vmName   the VM it pays for
     * @param sender   the stream's sender (the VM's owner)
     * @param rateWei  the stream's rate when bound, wei per second
     * @param now      epoch ms
     */
    public StreamBinding(BigInteger streamId, String vmName, String sender, BigInteger rateWei, long now) {
        this.streamId = streamId;
        this.vmName = vmName;
        this.sender = sender;
        this.rateWei = rateWei;
        this.boundAt = now;
    }

    /** The VM is gone; keep collecting until settled. */
    public void release(long now) {
        if (releasedAt == null) {
            releasedAt = now;
        }
    }

    /** A withdrawal was made at {@code now} (epoch ms). */
    public void withdrew(long now) {
        lastWithdrawAt = now;
    }

    /** Nothing more will ever be collected from this stream. */
    public void settle() {
        settled = true;
    }

    /** @return the stream id */
    public BigInteger streamId() {
        return streamId;
    }

    /** @return the VM's name */
    public String vmName() {
        return vmName;
    }

    /** @return the stream's sender */
    public String sender() {
        return sender;
    }

    /** @return rate when bound, wei per second */
    public BigInteger rateWei() {
        return rateWei;
    }

    /** @return when bound, epoch ms */
    public long boundAt() {
        return boundAt;
    }

    /** @return when the VM was deleted, epoch ms, or null */
    public Long releasedAt() {
        return releasedAt;
    }

    /** @return last withdrawal, epoch ms, or null */
    public Long lastWithdrawAt() {
        return lastWithdrawAt;
    }

    /** @return true when nothing more can be collected */
    public boolean settled() {
        return settled;
    }
}
