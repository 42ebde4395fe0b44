package org.golem.vm.common.wire.requestor;

import java.util.List;

/**
 * Answer of {@code POST /api/v1/vms/purge}: per VM whether its delete worked.
 *
 * @param results one entry per VM that was recorded
 */
public record PurgeResult(List<Entry> results) {

    /**
     * @param name    the VM
     * @param ok      whether it was deleted
     * @param message what happened
     */
    public record Entry(String name, boolean ok, String message) {
    }
}
