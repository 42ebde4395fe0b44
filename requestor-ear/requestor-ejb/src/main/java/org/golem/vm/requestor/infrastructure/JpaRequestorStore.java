package org.golem.vm.requestor.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.golem.vm.requestor.domain.CreationJob;
import org.golem.vm.requestor.domain.RentedVm;
import org.golem.vm.requestor.application.port.RequestorStore;

/** The requestor's records in its database (JPA): VMs and creation jobs. Each method is one transaction. */
@ApplicationScoped
@Transactional
public class JpaRequestorStore implements RequestorStore {

    @PersistenceContext(unitName = "requestor")
    EntityManager em;

    /** @return the VM or empty */
    @Override
    public Optional<RentedVm> find(String name) {
        return Optional.ofNullable(em.find(RentedVm.class, name));
    }

    /** @return every VM, oldest first */
    @Override
    public List<RentedVm> all() {
        return em.createQuery("SELECT v FROM RentedVm v ORDER BY v.createdAt", RentedVm.class).getResultList();
    }

    /** Inserts a new VM and its job together (the name's primary key refuses a second VM of that name). */
    @Override
    public void insert(RentedVm vm, CreationJob job) {
        em.persist(vm);
        em.persist(job);
        em.flush();
    }

    /** Applies a change to a VM (no-op when gone). */
    @Override
    public Optional<RentedVm> update(String name, Consumer<RentedVm> change) {
        RentedVm vm = em.find(RentedVm.class, name);
        if (vm == null) {
            return Optional.empty();
        }
        change.accept(vm);
        return Optional.of(vm);
    }

    /** Removes a VM record. */
    @Override
    public void remove(String name) {
        RentedVm vm = em.find(RentedVm.class, name);
        if (vm != null) {
            em.remove(vm);
        }
    }

    /** @return the job or empty */
    @Override
    public Optional<CreationJob> job(String id) {
        return Optional.ofNullable(em.find(CreationJob.class, id));
    }

    /** Applies a change to a job. */
    @Override
    public void updateJob(String id, Consumer<CreationJob> change) {
        CreationJob j = em.find(CreationJob.class, id);
        if (j != null) {
            change.accept(j);
        }
    }

    /** @return jobs still running (after a restart: interrupted) */
    @Override
    public List<CreationJob> unfinishedJobs() {
        return em.createQuery("SELECT j FROM CreationJob j WHERE j.status = 'creating'", CreationJob.class)
                .getResultList();
    }
}
