package org.golem.vm.common.wire.requestor;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/streams}.
 *
 * @param streams one summary per VM
 */
public record StreamList(List<StreamSummary> streams) {
}
