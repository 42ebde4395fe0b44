package org.golem.vm.common.wire.requestor;

/**
 * Answer (202) of {@code POST /api/v1/vms}: the background creation job to poll.
 *
 * @param jobId  the job id (a UUID)
 * @param name   the VM name
 * @param status {@code creating}
 */
public record CreationStarted(String jobId, String name, String status) {
}
