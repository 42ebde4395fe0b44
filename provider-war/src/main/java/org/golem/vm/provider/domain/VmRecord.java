package org.golem.vm.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.domain.vm.Hostfwd;

/**
 * A VM the provider rents out (table {@code vms}): who owns it, what it reserves, how to reach it, which stream pays
 * for it. The row exists from the moment its resources are reserved ({@link VmStatus#CREATING}) until it is
 * deleted; its resources count against capacity the whole time.
 *
 * <p>{@code unpaid} marks a VM the stream monitor stopped because its stream ran out, was halted or was
 * terminated; such a VM is deleted after the configured retention unless its stream becomes good again.
 */
@Entity
@Table(name = "vms")
public class VmRecord {
    @Id
    private String name;
    private String owner;
    @Column(name = "driver_id")
    private String driverId;
    private String status;
    private int cpu;
    @Column(name = "memory_gib")
    private int memoryGib;
    @Column(name = "storage_gib")
    private int storageGib;
    private String image;
    @Column(name = "ssh_key")
    private String sshKey;
    @Column(name = "ssh_port")
    private Integer sshPort;
    @Column(name = "ssh_user")
    private String sshUser;
    @Column(name = "ssh_host_key")
    private String sshHostKey;
    /** The forwards besides SSH, {@code <guest port>:<host port>} comma-separated ({@code 80:50812,443:50813}). */
    @Column(name = "ports")
    private String ports;
    @Column(name = "stream_id")
    private BigInteger streamId;
    private boolean unpaid;
    @Column(name = "status_reason")
    private String statusReason;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "updated_at")
    private long updatedAt;
    @Column(name = "stopped_at")
    private Long stoppedAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected VmRecord() {
    }

    /**
     * A reservation: status {@code creating}.
     *
     * @param name      requestor-chosen name (API id)
     * @param owner     the requestor's address (EIP-55), the stream's sender
     * @param driverId  the hypervisor-level id, {@code vm-<hex>}
     * @param resources cores, GiB RAM, GiB disk
     * @param image     image name from the catalog
     * @param sshKey    the requestor's OpenSSH public key line
     * @param streamId  paying stream, or null when payments are disabled
     * @param now       epoch milliseconds
     */
    public VmRecord(String name, String owner, String driverId, Resources resources, String image, String sshKey,
                    BigInteger streamId, long now) {
        this.name = name;
        this.owner = owner;
        this.driverId = driverId;
        this.status = VmStatus.CREATING.wire();
        this.cpu = resources.cpu();
        this.memoryGib = resources.memoryGib();
        this.storageGib = resources.storageGib();
        this.image = image;
        this.sshKey = sshKey;
        this.streamId = streamId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Booted: reachable over SSH at {@code sshPort}. */
    public void running(int port, String user, String hostKey, long now) {
        this.sshPort = port;
        this.sshUser = user;
        if (hostKey != null) {
            this.sshHostKey = hostKey;
        }
        this.status = VmStatus.RUNNING.wire();
        this.unpaid = false;
        this.statusReason = null;
        this.stoppedAt = null;
        this.updatedAt = now;
    }

    /**
     * Records the VM's forwarded guest TCP ports besides SSH (their host ports stay with the VM across stop/start
     * and provider restarts, until it is deleted).
     *
     * @param forwards guest port → host port, in the requestor's order; empty for none
     */
    public void forwarding(List<Hostfwd> forwards) {
        this.ports = PortForward.join(forwards.stream().map(f -> new PortForward(f.guestPort(), f.hostPort())).toList());
    }

    /**
     * Stopped (disk and port kept).
     *
     * @param reason why, shown to the owner
     * @param unpaid true when stopped for lack of payment (starts the retention clock)
     */
    public void stopped(String reason, boolean unpaid, long now) {
        this.status = VmStatus.STOPPED.wire();
        this.statusReason = reason;
        this.unpaid = unpaid;
        this.stoppedAt = now;
        this.updatedAt = now;
    }

    /** Marks a stopped VM as unpaid (its stream ran out while it was stopped); the retention clock starts now. */
    public void markUnpaid(String reason, long now) {
        this.unpaid = true;
        this.statusReason = reason;
        this.stoppedAt = now;
        this.updatedAt = now;
    }

    /** The hypervisor reports a failure. */
    public void failed(String reason, long now) {
        this.status = VmStatus.ERROR.wire();
        this.statusReason = reason;
        this.updatedAt = now;
    }

    /** @return the requestor-chosen name */
    public String name() {
        return name;
    }

    /** @return the owner's address (EIP-55) */
    public String owner() {
        return owner;
    }

    /** @return hypervisor-level id */
    public String driverId() {
        return driverId;
    }

    /** @return lifecycle state */
    public VmStatus status() {
        return VmStatus.fromWire(status);
    }

    /** @return reserved cores, GiB RAM, GiB disk */
    public Resources resources() {
        return new Resources(cpu, memoryGib, storageGib);
    }

    /** @return image name */
    public String image() {
        return image;
    }

    /** @return the owner's OpenSSH public key line */
    public String sshKey() {
        return sshKey;
    }

    /** @return host port forwarded to the VM's port 22, or null before the first boot */
    public Integer sshPort() {
        return sshPort;
    }

    /** @return the forwarded guest TCP ports besides SSH (guest → host port), in the requestor's order; empty for none */
    public List<Hostfwd> ports() {
        return PortForward.split(ports).stream().map(f -> new Hostfwd(f.guestPort(), f.hostPort())).toList();
    }

    /** @return login user, or null before the first boot */
    public String sshUser() {
        return sshUser;
    }

    /** @return SHA-256 fingerprint of the VM's SSH host key ({@code SHA256:...}), or null when unknown */
    public String sshHostKey() {
        return sshHostKey;
    }

    /** @return the paying stream, or null when payments are disabled */
    public BigInteger streamId() {
        return streamId;
    }

    /** @return true when stopped for lack of payment */
    public boolean unpaid() {
        return unpaid;
    }

    /** @return why the VM is stopped or failed, or null */
    public String statusReason() {
        return statusReason;
    }

    /** @return creation time, epoch ms */
    public long createdAt() {
        return createdAt;
    }

    /** @return last change, epoch ms */
    public long updatedAt() {
        return updatedAt;
    }

    /** @return when it was stopped (or marked unpaid), epoch ms, or null */
    public Long stoppedAt() {
        return stoppedAt;
    }
}
