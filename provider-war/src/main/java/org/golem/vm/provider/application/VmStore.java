package org.golem.vm.provider.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.domain.CreationJob;
import org.golem.vm.provider.domain.StreamBinding;
import org.golem.vm.provider.domain.VmRecord;
import org.golem.vm.provider.domain.Withdrawal;

/**
 * The provider's records (JPA): VMs, stream bindings, creation jobs, withdrawals. Every method is one transaction;
 * entities returned are detached snapshots. Long operations (booting, chain calls) never run inside these
 * transactions.
 */
@ApplicationScoped
@Transactional
public class VmStore {

    @PersistenceContext(unitName = "provider")
    EntityManager em;

    /** @return the VM or empty */
    public Optional<VmRecord> find(String name) {
        return Optional.ofNullable(em.find(VmRecord.class, name));
    }

    /** @return every VM, oldest first */
    public List<VmRecord> all() {
        return em.createQuery("SELECT v FROM VmRecord v ORDER BY v.createdAt", VmRecord.class).getResultList();
    }

    /** @return the owner's VMs, oldest first */
    public List<VmRecord> ownedBy(String owner) {
        return em.createQuery("SELECT v FROM VmRecord v WHERE v.owner = :o ORDER BY v.createdAt", VmRecord.class)
                .setParameter("o", owner).getResultList();
    }

    /** @return resources reserved by every existing VM */
    public List<Resources> reserved() {
        return all().stream().map(VmRecord::resources).toList();
    }

    /**
     * Inserts a reservation with its binding and (for async creation) its job. The caller checked capacity and
     * uniqueness under the provider's reservation lock; the primary keys catch anything that slipped through.
     */
    public void reserve(VmRecord vm, StreamBinding binding, CreationJob job) {
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
    public boolean streamBound(BigInteger streamId) {
        return em.find(StreamBinding.class, streamId) != null;
    }

    /** Applies a change to a VM row (no-op when it is gone); returns the updated row. */
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
    public Optional<CreationJob> job(String jobId) {
        return Optional.ofNullable(em.find(CreationJob.class, jobId));
    }

    /** Applies a change to a job (no-op when it is gone). */
    public void updateJob(String jobId, Consumer<CreationJob> change) {
        CreationJob job = em.find(CreationJob.class, jobId);
        if (job != null) {
            change.accept(job);
        }
    }

    /** @return jobs still {@code creating} (after a restart: interrupted) */
    public List<CreationJob> unfinishedJobs() {
        return em.createQuery("SELECT j FROM CreationJob j WHERE j.status = :s", CreationJob.class)
                .setParameter("s", "creating").getResultList();
    }

    /** @return the binding or empty */
    public Optional<StreamBinding> binding(BigInteger streamId) {
        return Optional.ofNullable(em.find(StreamBinding.class, streamId));
    }

    /** @return bindings with something still to collect */
    public List<StreamBinding> unsettledBindings() {
        return em.createQuery("SELECT b FROM StreamBinding b WHERE b.settled = false ORDER BY b.boundAt",
                StreamBinding.class).getResultList();
    }

    /** @return every binding, newest first */
    public List<StreamBinding> allBindings() {
        return em.createQuery("SELECT b FROM StreamBinding b ORDER BY b.boundAt DESC", StreamBinding.class)
                .getResultList();
    }

    /** Applies a change to a binding (no-op when it is gone). */
    public void updateBinding(BigInteger streamId, Consumer<StreamBinding> change) {
        StreamBinding b = em.find(StreamBinding.class, streamId);
        if (b != null) {
            change.accept(b);
        }
    }

    /** Records a withdrawal and stamps its binding. */
    public void recordWithdrawal(Withdrawal w) {
        em.persist(w);
        StreamBinding b = em.find(StreamBinding.class, w.streamId());
        if (b != null) {
            b.withdrew(w.createdAt());
        }
    }

    /** @return every withdrawal, oldest first */
    public List<Withdrawal> withdrawals() {
        return em.createQuery("SELECT w FROM Withdrawal w ORDER BY w.createdAt", Withdrawal.class)
                .getResultList();
    }

    /** @return how many VMs are in a status */
    public long count(VmStatus status) {
        return em.createQuery("SELECT COUNT(v) FROM VmRecord v WHERE v.status = :s", Long.class)
                .setParameter("s", status.wire()).getSingleResult();
    }
}
