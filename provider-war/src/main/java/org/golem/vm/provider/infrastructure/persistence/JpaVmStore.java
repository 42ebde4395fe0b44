package org.golem.vm.provider.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.domain.CreationJob;
import org.golem.vm.provider.domain.StreamBinding;
import org.golem.vm.provider.domain.VmRecord;
import org.golem.vm.provider.domain.Withdrawal;

/**
 * The {@link VmRepository} port on JPA (persistence unit {@code provider}): VMs, stream bindings, creation jobs,
 * withdrawals. Every method is one transaction; entities returned are detached snapshots. Long operations (booting,
 * chain calls) never run inside these transactions.
 */
@ApplicationScoped
@Transactional
public class JpaVmStore implements VmRepository {

    @PersistenceContext(unitName = "provider")
    EntityManager em;

    /** This bean through its CDI proxy, so {@link #insert} runs in a transaction of its own. */
    @Inject
    JpaVmStore self;

    /** @return the VM or empty */
    @Override
    public Optional<VmRecord> find(String name) {
        return Optional.ofNullable(em.find(VmRecord.class, name));
    }

    /** @return every VM, oldest first */
    @Override
    public List<VmRecord> all() {
        return em.createQuery("SELECT v FROM VmRecord v ORDER BY v.createdAt", VmRecord.class).getResultList();
    }

    /** @return the owner's VMs, oldest first */
    @Override
    public List<VmRecord> ownedBy(String owner) {
        return em.createQuery("SELECT v FROM VmRecord v WHERE v.owner = :o ORDER BY v.createdAt", VmRecord.class)
                .setParameter("o", owner).getResultList();
    }

    /**
     * Inserts a reservation in a transaction of its own ({@link #insert}); a primary key that catches what slipped
     * through the caller's checks, at flush or at commit, is a {@link VmRepository.ReservationConflict}.
     */
    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void reserve(VmRecord vm, StreamBinding binding, CreationJob job) {
        try {
            self.insert(vm, binding, job);
        } catch (PersistenceException | TransactionalException e) {
            throw new VmRepository.ReservationConflict(e);
        }
    }

    /** The insert of {@link #reserve}, one transaction; not part of the port. */
    public void insert(VmRecord vm, StreamBinding binding, CreationJob job) {
        em.persist(vm);
        if (binding != null) {
            em.persist(binding);
        }
        if (job != null) {
            em.persist(job);
        }
        em.flush();
    }

    /** @return whether the stream already pays (or paid) for a VM */
    @Override
    public boolean streamBound(BigInteger streamId) {
        return em.find(StreamBinding.class, streamId) != null;
    }

    /** Applies a change to a VM row (no-op when it is gone); returns the updated row. */
    @Override
    public Optional<VmRecord> update(String name, Consumer<VmRecord> change) {
        VmRecord vm = em.find(VmRecord.class, name);
        if (vm == null) {
            return Optional.empty();
        }
        change.accept(vm);
        return Optional.of(vm);
    }

    /**
     * Removes a VM row after the hypervisor deleted the VM; its binding is released (kept for the last
     * withdrawal), or removed when {@code forgetBinding} (a creation that never delivered a VM: the stream may be
     * used again).
     */
    @Override
    public void remove(String name, boolean forgetBinding, long now) {
        VmRecord vm = em.find(VmRecord.class, name);
        if (vm == null) {
            return;
        }
        if (vm.streamId() != null) {
            StreamBinding b = em.find(StreamBinding.class, vm.streamId());
            if (b != null) {
                if (forgetBinding) {
                    em.remove(b);
                } else {
                    b.release(now);
                }
            }
        }
        em.remove(vm);
    }

    /** @return the job or empty */
    @Override
    public Optional<CreationJob> job(String jobId) {
        return Optional.ofNullable(em.find(CreationJob.class, jobId));
    }

    /** Applies a change to a job (no-op when it is gone). */
    @Override
    public void updateJob(String jobId, Consumer<CreationJob> change) {
        CreationJob job = em.find(CreationJob.class, jobId);
        if (job != null) {
            change.accept(job);
        }
    }

    /** @return jobs still {@code creating} (after a restart: interrupted) */
    @Override
    public List<CreationJob> unfinishedJobs() {
        return em.createQuery("SELECT j FROM CreationJob j WHERE j.status = :s", CreationJob.class)
                .setParameter("s", "creating").getResultList();
    }

    /** @return the binding or empty */
    @Override
    public Optional<StreamBinding> binding(BigInteger streamId) {
        return Optional.ofNullable(em.find(StreamBinding.class, streamId));
    }

    /** @return bindings with something still to collect */
    @Override
    public List<StreamBinding> unsettledBindings() {
        return em.createQuery("SELECT b FROM StreamBinding b WHERE b.settled = false ORDER BY b.boundAt",
                StreamBinding.class).getResultList();
    }

    /** @return every binding, newest first */
    @Override
    public List<StreamBinding> allBindings() {
        return em.createQuery("SELECT b FROM StreamBinding b ORDER BY b.boundAt DESC", StreamBinding.class)
                .getResultList();
    }

    /** Applies a change to a binding (no-op when it is gone). */
    @Override
    public void updateBinding(BigInteger streamId, Consumer<StreamBinding> change) {
        StreamBinding b = em.find(StreamBinding.class, streamId);
        if (b != null) {
            change.accept(b);
        }
    }

    /** Records a withdrawal and stamps its binding. */
    @Override
    public void recordWithdrawal(Withdrawal w) {
        em.persist(w);
        StreamBinding b = em.find(StreamBinding.class, w.streamId());
        if (b != null) {
            b.withdrew(w.createdAt());
        }
    }

    /** @return every withdrawal, oldest first */
    @Override
    public List<Withdrawal> withdrawals() {
        return em.createQuery("SELECT w FROM Withdrawal w ORDER BY w.createdAt", Withdrawal.class)
                .getResultList();
    }

    /** @return how many VMs are in a status */
    @Override
    public long count(VmStatus status) {
        return em.createQuery("SELECT COUNT(v) FROM VmRecord v WHERE v.status = :s", Long.class)
                .setParameter("s", status.wire()).getSingleResult();
    }
}
