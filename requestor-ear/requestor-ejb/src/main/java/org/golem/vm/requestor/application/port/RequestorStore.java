package org.golem.vm.requestor.application.port;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.golem.vm.requestor.domain.CreationJob;
import org.golem.vm.requestor.domain.RentedVm;

/**
 * The requestor's records: rented VMs and creation jobs. Each method is one transaction; results are detached
 * copies (changes go through {@link #update} and {@link #updateJob}).
 */
public interface RequestorStore {

    /** @return the VM or empty */
    Optional<RentedVm> find(String name);

    /** @return every VM, oldest first */
    List<RentedVm> all();

    /**
     * Inserts a new VM and its job together.
     *
     * @throws RuntimeException (a persistence or transaction failure) when a VM of that name exists
     */
    void insert(RentedVm vm, CreationJob job);

    /** Applies a change to a VM; empty (no-op) when it is gone. */
    Optional<RentedVm> update(String name, Consumer<RentedVm> change);

    /** Removes a VM record (no-op when gone). */
    void remove(String name);

    /** @return the job or empty */
    Optional<CreationJob> job(String id);

    /** Applies a change to a job (no-op when gone). */
    void updateJob(String id, Consumer<CreationJob> change);

    /** @return jobs still {@code creating} (after a restart: interrupted) */
    List<CreationJob> unfinishedJobs();
}
