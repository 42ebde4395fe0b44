package org.golem.vm.requestor.application.port;

import java.io.IOException;
import java.util.List;
import org.golem.vm.common.wire.Advertisement;

/**
 * Where the requestor finds providers: their live advertisements. Two adapters: the central discovery service
 * ({@code central}) and the ProviderRegistry contract on the payments chain ({@code chain}); see
 * docs/requestor-api.md ("Providers").
 */
public interface ProviderDirectory {

    /**
     * @param query the filters
     * @return every live advertisement matching, most recently updated first
     * @throws IOException when the directory cannot be reached or answers an error (its message says which)
     */
    List<Advertisement> search(ProviderQuery query) throws IOException;

    /** @return the source's name as listings carry it: {@code central} or {@code chain} */
    String source();

    /** @return whether this directory can be asked at all (a discovery URL, a known registry address) */
    default boolean configured() {
        return true;
    }
}
