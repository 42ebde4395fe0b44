package org.golem.vm.requestor.application.port;

import java.io.IOException;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.VmAccessInfo;
import org.golem.vm.common.wire.VmInfo;

/**
 * One provider's API ({@code <provider url>/api/v1}, see docs/provider-api.md), every request signed by the
 * requestor's wallet (docs/auth.md). {@code providerUrl} is the provider's base URL, e.g.
 * {@code http://203.0.113.7:7466}.
 *
 * <p>Every method throws {@link ProviderRefusedException} when the provider answers with its own error body, and
 * {@link IOException} when it cannot be reached or something else answers (Payara's pages while it deploys).
 */
public interface ProviderApi {

    /** @return {@code GET /provider/info}: its id, contract, token, prices and minimum runway */
    ProviderInfo info(String providerUrl) throws IOException;

    /** {@code POST /vms?async=true}: starts creating a VM paid by {@code request.stream_id}. */
    void create(String providerUrl, CreateVmRequest request) throws IOException;

    /** @return {@code GET /vms/{name}} */
    VmInfo vm(String providerUrl, String name) throws IOException;

    /** @return {@code GET /vms/{name}/access}: where SSH reaches the VM */
    VmAccessInfo access(String providerUrl, String name) throws IOException;

    /** @return {@code POST /vms/{name}/stop} */
    VmInfo stop(String providerUrl, String name) throws IOException;

    /** @return {@code POST /vms/{name}/start} */
    VmInfo start(String providerUrl, String name) throws IOException;

    /** {@code DELETE /vms/{name}}. */
    void delete(String providerUrl, String name) throws IOException;

    /** @return {@code GET /vms/{name}/stream}: the provider's view of the VM's stream */
    StreamStatusResponse stream(String providerUrl, String name) throws IOException;
}
