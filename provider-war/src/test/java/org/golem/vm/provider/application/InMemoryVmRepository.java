package org.golem.vm.provider.application;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.golem.vm.common.wire.VmStatus;
import org.golem.vm.provider.application.port.VmRepository;
import org.golem.vm.provider.domain.CreationJob;
import org.golem.vm.provider.domain.StreamBinding;
import org.golem.vm.provider.domain.VmRecord;
import org.golem.vm.provider.domain.Withdrawal;

/** {@link VmRepository} in memory, for unit tests of the use cases (same ordering as the JPA adapter). */
final class InMemoryVmRepository implements VmRepository {
    final Map<String, VmRecord> vms = new LinkedHashMap<>();
    final Map<BigInteger, StreamBinding> bindings = new LinkedHashMap<>();
    final Map<String, CreationJob> jobs = new LinkedHashMap<>();
    final List<Withdrawal> withdrawals = new ArrayList<>();

    @Override
    public synchronized Optional<VmRecord> find(String name) {
        return Optional.ofNullable(vms.get(name));
    }

    @Override
    public synchronized List<VmRecord> all() {
        return vms.values().stream().sorted(Comparator.comparingLong(VmRecord::createdAt)).toList();
    }

    @Override
    public synchronized List<VmRecord> ownedBy(String owner) {
        return all().stream().filter(v -> v.owner().equals(owner)).toList();
    }

    @Override
    public synchronized void reserve(VmRecord vm, StreamBinding binding, CreationJob job) {
        if (vms.containsKey(vm.name()) || binding != null && bindings.containsKey(binding.streamId())) {
            throw new ReservationConflict(new IllegalStateException("duplicate key"));
        }
        vms.put(vm.name(), vm);
        if (binding != null) {
            bindings.put(binding.streamId(), binding);
        }
        if (job != null) {
            jobs.put(job.jobId(), job);
        }
    }

    @Override
    public synchronized boolean streamBound(BigInteger streamId) {
        return bindings.containsKey(streamId);
    }

    @Override
    public synchronized Optional<VmRecord> update(String name, Consumer<VmRecord> change) {
        VmRecord vm = vms.get(name);
        if (vm == null) {
            return Optional.empty();
        }
        change.accept(vm);
        return Optional.of(vm);
    }

    @Override
    public synchronized void remove(String name, boolean forgetBinding, long now) {
        VmRecord vm = vms.remove(name);
        if (vm == null || vm.streamId() == null) {
            return;
        }
        if (forgetBinding) {
            bindings.remove(vm.streamId());
        } else if (bindings.containsKey(vm.streamId())) {
            bindings.get(vm.streamId()).release(now);
        }
    }

    @Override
    public synchronized Optional<CreationJob> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized void updateJob(String jobId, Consumer<CreationJob> change) {
        job(jobId).ifPresent(change);
    }

    @Override
    public synchronized List<CreationJob> unfinishedJobs() {
        return jobs.values().stream().filter(j -> j.status().wire().equals("creating")).toList();
    }

    @Override
    public synchronized Optional<StreamBinding> binding(BigInteger streamId) {
        return Optional.ofNullable(bindings.get(streamId));
    }

    @Override
    public synchronized List<StreamBinding> unsettledBindings() {
        return bindings.values().stream().filter(b -> !b.settled())
                .sorted(Comparator.comparingLong(StreamBinding::boundAt)).toList();
    }

    @Override
    public synchronized List<StreamBinding> allBindings() {
        return bindings.values().stream().sorted(Comparator.comparingLong(StreamBinding::boundAt).reversed())
                .toList();
    }

    @Override
    public synchronized void updateBinding(BigInteger streamId, Consumer<StreamBinding> change) {
        binding(streamId).ifPresent(change);
    }

    @Override
    public synchronized void recordWithdrawal(Withdrawal w) {
        withdrawals.add(w);
        binding(w.streamId()).ifPresent(b -> b.withdrew(w.createdAt()));
    }

    @Override
    public synchronized List<Withdrawal> withdrawals() {
        return List.copyOf(withdrawals);
    }

    @Override
    public synchronized long count(VmStatus status) {
        return vms.values().stream().filter(v -> v.status() == status).count();
    }
}
