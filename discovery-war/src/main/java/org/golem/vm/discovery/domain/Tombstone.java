package org.golem.vm.discovery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A deleted advertisement, kept for a while so other instances drop it from their snapshots incrementally. */
@Entity
@Table(name = "advertisement_tombstone")
public class Tombstone {
    @Id
    @Column(name = "provider_id", length = 42)
    private String providerId;
    @Column(name = "version", nullable = false)
    private long version;
    @Column(name = "deleted_at", nullable = false)
    private long deletedAt;

    protected Tombstone() {
    }

    /**
     * @param providerId the deleted advertisement's provider
     * @param version    registry version of the deletion
     * @param deletedAt  epoch milliseconds
     */
    public Tombstone(String providerId, long version, long deletedAt) {
        this.providerId = providerId;
        this.version = version;
        this.deletedAt = deletedAt;
    }

    public String getProviderId() { return providerId; }
    public long getVersion() { return version; }
    public void setVersion(long v) { version = v; }
    public void setDeletedAt(long v) { deletedAt = v; }
}
