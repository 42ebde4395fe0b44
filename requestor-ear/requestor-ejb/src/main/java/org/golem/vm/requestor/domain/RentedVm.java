package org.golem.vm.requestor.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.wire.PortForward;
import org.golem.vm.common.money.Resources;

/**
 * A VM this requestor rents (table {@code vms}): where it runs, how to reach it, which stream pays for it. One row
 * per name; it exists from the start of a creation until the VM is destroyed.
 */
@Entity
@Table(name = "vms")
public class RentedVm {
    /** Being created (stream opened or opening, provider booting). */
    public static final String CREATING = "creating";
    /** Running on the provider. */
    public static final String RUNNING = "running";
    /** Stopped on the provider (disk kept). */
    public static final String STOPPED = "stopped";

    @Id
    private String name;
    @Column(name = "provider_id")
    private String providerId;
    @Column(name = "provider_url")
    private String providerUrl;
    private String status;
    private int cpu;
    @Column(name = "memory_gib")
    private int memoryGib;
    @Column(name = "storage_gib")
    private int storageGib;
    private String image;
    @Column(name = "ssh_host")
    private String sshHost;
    @Column(name = "ssh_port")
    private Integer sshPort;
    @Column(name = "ssh_user")
    private String sshUser;
    @Column(name = "ssh_host_key")
    private String sshHostKey;
    /** Forwarded guest ports besides SSH as the provider reported them: {@code <guest>:<host>} comma-separated. */
    @Column(name = "ports")
    private String ports;
    @Column(name = "stream_id")
    private BigInteger streamId;
    @Column(name = "top_up_message")
    private String topUpMessage;
    private String error;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "updated_at")
    private long updatedAt;
    @Version
    @Column(name = "row_version")
    private long rowVersion;

    protected RentedVm() {
    }

    /**
     * A VM being created.
     *
     * @param name        the VM's name (also its id on the provider)
     * @param providerId  provider address (EIP-55)
     * @param providerUrl provider API base, e.g. {@code http://203.0.113.7:7466}
     * @param resources   cores, GiB RAM, GiB disk
     * @param image       image name or null for the provider's default
     * @param now         epoch ms
     */
    public RentedVm(String name, String providerId, String providerUrl, Resources resources, String image, long now) {
        this.name = name;
        this.providerId = providerId;
        this.providerUrl = providerUrl;
        this.status = CREATING;
        this.cpu = resources.cpu();
        this.memoryGib = resources.memoryGib();
        this.storageGib = resources.storageGib();
        this.image = image;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The stream paying for it is known. */
    public void paidBy(BigInteger stream, long now) {
        this.streamId = stream;
        this.updatedAt = now;
    }

    /** Reachable at host:port as user, with that host key fingerprint (null when the provider did not say). */
    public void reachable(String host, int port, String user, String hostKey, long now) {
        this.sshHost = host;
        this.sshPort = port;
        this.sshUser = user;
        this.sshHostKey = hostKey;
        this.status = RUNNING;
        this.error = null;
        this.updatedAt = now;
    }

    /**
     * @param forwards the VM's forwarded guest TCP ports besides SSH (on its SSH host) as the provider's access
     *                 answer gave them; empty for none
     */
    public void forwarding(List<PortForward> forwards) {
        this.ports = PortForward.join(forwards);
    }

    /** @return the VM's forwarded guest TCP ports besides SSH, in the order asked for; empty for none */
    public List<PortForward> ports() {
        return PortForward.split(ports);
    }

    /** New status as the provider reports it ({@code running}, {@code stopped}, ...). */
    public void status(String newStatus, String why, long now) {
        this.status = newStatus;
        this.error = why;
        this.updatedAt = now;
    }

    /** What the auto top-up last had to say (null: nothing to report). */
    public void topUpMessage(String message) {
        this.topUpMessage = message;
    }

    /** @return name */
    public String name() {
        return name;
    }

    /** @return provider address */
    public String providerId() {
        return providerId;
    }

    /** @return provider API base URL */
    public String providerUrl() {
        return providerUrl;
    }

    /** @return status */
    public String status() {
        return status;
    }

    /** @return resources */
    public Resources resources() {
        return new Resources(cpu, memoryGib, storageGib);
    }

    /** @return image or null */
    public String image() {
        return image;
    }

    /** @return SSH host or null */
    public String sshHost() {
        return sshHost;
    }

    /** @return SSH port or null */
    public Integer sshPort() {
        return sshPort;
    }

    /** @return login user or null */
    public String sshUser() {
        return sshUser;
    }

    /** @return host key fingerprint or null */
    public String sshHostKey() {
        return sshHostKey;
    }

    /** @return paying stream or null */
    public BigInteger streamId() {
        return streamId;
    }

    /** @return the auto top-up's last message or null */
    public String topUpMessage() {
        return topUpMessage;
    }

    /**
     * @return the host name the VM's SSH host key is pinned under in the requestor's known_hosts:
     *         {@code <vm-name>.<provider-id in lower case>.golem-vm} (one pin per VM, not per address: a provider
     *         hands a destroyed VM's SSH port to a later VM)
     */
    public String hostKeyAlias() {
        return hostKeyAlias(name, providerId);
    }

    /**
     * @param vmName     the VM's name ({@code [a-z0-9-]}, 3–64 characters)
     * @param providerId the provider's address ({@code 0x} + 40 hex digits, any case)
     * @return {@code <vm-name>.<provider-id in lower case>.golem-vm}, e.g.
     *         {@code web1.0x9d12f0af464a6b5efd4bbb8679cc205012326019.golem-vm} (lower case only: OpenSSH compares
     *         host names case-insensitively)
     */
    public static String hostKeyAlias(String vmName, String providerId) {
        return vmName + "." + providerId.toLowerCase(java.util.Locale.ROOT) + ".golem-vm";
    }

    /** @return last error or null */
    public String error() {
        return error;
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
