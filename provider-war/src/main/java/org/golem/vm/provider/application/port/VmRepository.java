package org.golem.vm.provider.application.port;

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
 * The provider's records: VMs, stream bindings, creation jobs, withdrawals. Every method is one transaction;
 * entities returned are detached snapshots (change them through the {@code update…} methods). Long operations
 * (booting, chain calls) never run inside these transactions. Times are epoch milliseconds.
 */
public interface VmRepository {

    /**
     * A reservation lost against a concurrent one: the VM name or the stream was taken meanwhile (a unique key of
     * the store caught what the caller's checks let through). Nothing was stored.
     */
    final class ReservationConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param cause the store's failure, for logs */
        public ReservationConflict(Throwable cause) {
            super("the VM name or the stream was taken concurrently", cause);
        }
    }

    /** @return the VM or empty */
    Optional<VmRecord> find(String name);

    /** @return every VM, oldest first */
    List<VmRecord> all();

    /** @return the owner's VMs, oldest first */
    List<VmRecord> ownedBy(String owner);

    /** @return resources reserved by every existing VM */
    default List<Resources> reserved() {
        return all().stream().map(VmRecord::resources).toList();
    }

    /**
     * Inserts a reservation with its binding and (for async creation) its job, all or nothing. The caller checked
     * capacity and uniqueness under the provider's reservation lock.
     *
     * @param vm      the new VM row
     * @param binding its stream binding, or null without payments
     * @param job     its creation job, or null for a synchronous creation
     * @throws ReservationConflict when the name or the stream was taken concurrently
     */
    void reserve(VmRecord vm, StreamBinding binding, CreationJob job);

    /** @return whether the stream already pays (or paid) for a VM */
    boolean streamBound(BigInteger streamId);

    /** Applies a change to a VM row (no-op when it is gone); returns the updated row. */
    Optional<VmRecord> update(String name, Consumer<VmRecord> change);

    /**
     * Removes a VM row after the hypervisor deleted the VM; its binding is released at {@code now} (kept for the
     * last withdrawal), or removed when {@code forgetBinding} (a creation that never delivered a VM: the stream may
     * be used again).
     */
    void remove(String name, boolean forgetBinding, long now);

    /** @return the job or empty */
    Optional<CreationJob> job(String jobId);

    /** Applies a change to a job (no-op when it is gone). */
    void updateJob(String jobId, Consumer<CreationJob> change);

    /** @return jobs still {@code creating} (after a restart: interrupted) */
    List<CreationJob> unfinishedJobs();

    /** @return the binding or empty */
    Optional<StreamBinding> binding(BigInteger streamId);

    /** @return bindings with something still to collect, oldest first */
    List<StreamBinding> unsettledBindings();

    /** @return every binding, newest first */
    List<StreamBinding> allBindings();

    /** Applies a change to a binding (no-op when it is gone). */
    void updateBinding(BigInteger streamId, Consumer<StreamBinding> change);

    /** Records a withdrawal and stamps its binding with the withdrawal's time. */
    void recordWithdrawal(Withdrawal w);

    /** @return every withdrawal, oldest first */
    List<Withdrawal> withdrawals();

    /** @return how many VMs are in a status */
    long count(VmStatus status);
}
