package org.golem.vm.requestor.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.golem.vm.requestor.application.port.Deadlines;
import org.golem.vm.requestor.application.port.JobRunner;

/** Background jobs on the server's default managed (scheduled) executor (Jakarta Concurrency). */
@ApplicationScoped
public class ManagedJobRunner implements JobRunner, Deadlines {

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Override
    public Runnable schedule(Runnable job, long delaySeconds) {
        ScheduledFuture<?> f = scheduler.schedule(job, delaySeconds, TimeUnit.SECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void submit(Runnable job) {
        executor.submit(job);
    }
}
