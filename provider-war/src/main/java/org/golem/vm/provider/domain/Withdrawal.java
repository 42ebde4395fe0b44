package org.golem.vm.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;

/** One withdrawal of vested wei from a stream to the provider (table {@code withdrawals}). */
@Entity
@Table(name = "withdrawals")
public class Withdrawal {
    /** Made by the auto-withdraw timer. */
    public static final String AUTO = "auto";
    /** Asked for by the operator. */
    public static final String MANUAL = "manual";

    @Id
    private String id;
    @Column(name = "stream_id")
    private BigInteger streamId;
    @Column(name = "vm_name")
    private String vmName;
    @Column(name = "amount_wei")
    private BigInteger amountWei;
    @Column(name = "tx_hash")
    private String txHash;
    private String origin;
    @Column(name = "created_at")
    private long createdAt;

    protected Withdrawal() {
    }

    /**
     * @param streamId  the stream
     * @param vmName    the VM it paid for
     * @param amountWei wei paid to the provider (from the contract's Withdraw event)
     * @param txHash    transaction hash
     * @param origin    {@link #AUTO} or {@link #MANUAL}
     * @param now       epoch ms
     */
    public Withdrawal(BigInteger streamId, String vmName, BigInteger amountWei, String txHash, String origin,
                      long now) {
        this.id = java.util.UUID.randomUUID().toString();
        this.streamId = streamId;
        this.vmName = vmName;
        this.amountWei = amountWei;
        this.txHash = txHash;
        this.origin = origin;
        this.createdAt = now;
    }

    /** @return the stream */
    public BigInteger streamId() {
        return streamId;
    }

    /** @return the VM's name */
    public String vmName() {
        return vmName;
    }

    /** @return wei withdrawn */
    public BigInteger amountWei() {
        return amountWei;
    }

    /** @return transaction hash */
    public String txHash() {
        return txHash;
    }

    /** @return {@code auto} or {@code manual} */
    public String origin() {
        return origin;
    }

    /** @return epoch ms */
    public long createdAt() {
        return createdAt;
    }
}
