package org.golem.vm.requestor.application.port;

import java.io.IOException;
import java.util.List;
import org.golem.vm.common.wire.Advertisement;

/**
 * Where the requestor finds providers: their live advertisements. The central discovery service is the first
 * adapter; a decentralized directory would be another.
 */
public interface ProviderDirectory {

    /**
     * @param query the filters
     * @return every live advertisement matching
     * @throws IOException when the directory cannot be reached or answers an error (its message says which)
     */
    List<Advertisement> search(ProviderQuery query) throws IOException;
}
