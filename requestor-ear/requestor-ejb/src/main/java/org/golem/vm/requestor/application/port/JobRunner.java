package org.golem.vm.requestor.application.port;

/** Runs a use case's long job in the background (the server's managed executor). */
public interface JobRunner {

    /** @param job what to run; its failures are its own to record */
    void submit(Runnable job);
}
