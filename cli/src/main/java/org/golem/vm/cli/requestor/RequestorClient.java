package org.golem.vm.cli.requestor;

import java.net.URI;
import java.nio.file.Path;
import org.golem.vm.cli.support.ServiceClient;

/**
 * HTTP client of the requestor service REST API (requestor-ear/API.md), with the bearer token from
 * {@code <data-dir>/api.token}; see {@link ServiceClient} for the error handling.
 */
public final class RequestorClient extends ServiceClient {

    /**
     * @param base      service base URL, e.g. {@code http://127.0.0.1:8000}
     * @param tokenFile {@code <data-dir>/api.token}; read once, on the first request
     */
    public RequestorClient(URI base, Path tokenFile) {
        super(base, tokenFile);
    }

    @Override
    protected String serviceName() {
        return "the requestor service";
    }

    @Override
    protected String tokenName() {
        return "API token";
    }

    @Override
    protected String dataDirName() {
        return "the service's data directory";
    }
}
