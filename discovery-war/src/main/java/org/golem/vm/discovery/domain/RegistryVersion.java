package org.golem.vm.discovery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The registry's single version row: bumped (under a row lock) by every write, so readers on any instance know
 * whether their in-memory snapshot is current, and writers are serialised.
 */
@Entity
@Table(name = "registry_version")
public class RegistryVersion {
    /** The id of the only row. */
    public static final int ID = 1;

    @Id
    @Column(name = "id")
    private int id;
    @Column(name = "version", nullable = false)
    private long version;
    @Column(name = "tombstone_floor", nullable = false)
    private long tombstoneFloor;

    protected RegistryVersion() {
    }

    public long getVersion() { return version; }
    public void setVersion(long v) { version = v; }
    public long getTombstoneFloor() { return tombstoneFloor; }
    public void setTombstoneFloor(long v) { tombstoneFloor = v; }
}
