package org.golem.vm.provider.domain.vm;

/**
 * Resource use of a running VM, read from the host.
 *
 * @param cpuSeconds     CPU time the VM's process used so far, seconds
 * @param rssBytes       resident memory of the VM's process, bytes
 * @param diskBytes      bytes the VM's disk (overlay) occupies on the host
 * @param uptimeSeconds  seconds since the VM's process started
 */
public record VmUsage(double cpuSeconds, long rssBytes, long diskBytes, long uptimeSeconds) {
}
