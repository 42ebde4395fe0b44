package org.golem.vm.requestor.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.golem.vm.requestor.application.port.JobRunner;

/** Background jobs on the server's default managed executor (Jakarta Concurrency). */
@ApplicationScoped
public class ManagedJobRunner implements JobRunner {

    @Resource
    ManagedExecutorService executor;

    @Override
    public void submit(Runnable job) {
        executor.submit(job);
    }
}
