package org.golem.vm.provider.domain.vm;

/** Lifecycle of a VM as a driver reports it. */
public enum VmState {
    /** Booting: the process runs but SSH does not answer yet. */
    STARTING,
    /** Running and answering SSH. */
    RUNNING,
    /** Not running; disk and port kept. */
    STOPPED,
    /** The hypervisor reports a failure. */
    ERROR
}
