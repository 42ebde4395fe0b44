package org.golem.vm.common.wire.requestor;

import java.util.List;

/**
 * Answer of {@code GET /api/v1/providers}.
 *
 * @param providers the live providers matching the query
 */
public record ProviderList(List<ProviderListing> providers) {
}
