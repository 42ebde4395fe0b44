package org.golem.vm.requestor.application;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.requestor.application.port.ProviderDirectory;
import org.golem.vm.requestor.application.port.ProviderQuery;

/** A provider directory of fixed advertisements: it may be unconfigured or failing, and counts the searches. */
final class FakeDirectory implements ProviderDirectory {
    private final String source;
    final List<Advertisement> ads;
    boolean configured = true;
    String failure;
    int searches;

    FakeDirectory(String source, Advertisement... ads) {
        this.source = source;
        this.ads = new ArrayList<>(List.of(ads));
    }

    @Override
    public List<Advertisement> search(ProviderQuery query) throws IOException {
        searches++;
        if (failure != null) {
            throw new IOException(failure);
        }
        return List.copyOf(ads);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean configured() {
        return configured;
    }
}
