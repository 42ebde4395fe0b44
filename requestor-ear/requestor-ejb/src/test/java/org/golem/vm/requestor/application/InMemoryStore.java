package org.golem.vm.requestor.application;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.golem.vm.requestor.application.port.RequestorStore;
import org.golem.vm.requestor.domain.CreationJob;
import org.golem.vm.requestor.domain.RentedVm;

/** The requestor's records in memory; a second VM of one name is refused like the database's primary key. */
final class InMemoryStore implements RequestorStore {
    final Map<String, RentedVm> vms = new LinkedHashMap<>();
    final Map<String, CreationJob> jobs = new LinkedHashMap<>();

    @Override
    public synchronized Optional<RentedVm> find(String name) {
        return Optional.ofNullable(vms.get(name));
    }

    @Override
    public synchronized List<RentedVm> all() {
        List<RentedVm> out = new ArrayList<>(vms.values());
        out.sort(Comparator.comparingLong(RentedVm::createdAt));
        return out;
    }

    @Override
    public synchronized void insert(RentedVm vm, CreationJob job) {
        if (vms.containsKey(vm.name())) {
            throw new jakarta.persistence.PersistenceException("duplicate key " + vm.name());
        }
        vms.put(vm.name(), vm);
        jobs.put(job.jobId(), job);
    }

    @Override
    public synchronized Optional<RentedVm> update(String name, Consumer<RentedVm> change) {
        RentedVm vm = vms.get(name);
        if (vm != null) {
            change.accept(vm);
        }
        return Optional.ofNullable(vm);
    }

    @Override
    public synchronized void remove(String name) {
        vms.remove(name);
    }

    @Override
    public synchronized Optional<CreationJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized void updateJob(String id, Consumer<CreationJob> change) {
        CreationJob j = jobs.get(id);
        if (j != null) {
            change.accept(j);
        }
    }

    @Override
    public synchronized List<CreationJob> unfinishedJobs() {
        return jobs.values().stream().filter(j -> CreationJob.CREATING.equals(j.status())).toList();
    }
}
