package org.golem.vm.requestor.application.port;

/** Runs a short job once after a delay, e.g. when a client's deadline passes (the server's scheduled executor). */
public interface Deadlines {

    /**
     * @param job          what to run; short, its failures are its own
     * @param delaySeconds after how long, seconds
     * @return cancels the job when it has not run yet (idempotent)
     */
    Runnable schedule(Runnable job, long delaySeconds);
}
