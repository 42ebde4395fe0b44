package org.golem.vm.requestor.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.VmAccessInfo;
import org.golem.vm.common.wire.VmInfo;
import org.golem.vm.requestor.application.port.ProviderApi;

/** The providers' HTTP API, each request signed by the requestor's wallet ({@link ProviderClient}). */
@ApplicationScoped
public class HttpProviderApi implements ProviderApi {

    @Inject
    ChainPayments wallet;

    private ProviderClient at(String providerUrl) {
        return new ProviderClient(providerUrl, wallet.credentials());
    }

    @Override
    public ProviderInfo info(String providerUrl) throws IOException {
        return at(providerUrl).call("GET", "provider/info", null, ProviderInfo.class);
    }

    @Override
    public void create(String providerUrl, CreateVmRequest request) throws IOException {
        at(providerUrl).send("POST", "vms?async=true", request);
    }

    @Override
    public VmInfo vm(String providerUrl, String name) throws IOException {
        return at(providerUrl).call("GET", "vms/" + name, null, VmInfo.class);
    }

    @Override
    public VmAccessInfo access(String providerUrl, String name) throws IOException {
        return at(providerUrl).call("GET", "vms/" + name + "/access", null, VmAccessInfo.class);
    }

    @Override
    public VmInfo stop(String providerUrl, String name) throws IOException {
        return at(providerUrl).call("POST", "vms/" + name + "/stop", null, VmInfo.class);
    }

    @Override
    public VmInfo start(String providerUrl, String name) throws IOException {
        return at(providerUrl).call("POST", "vms/" + name + "/start", null, VmInfo.class);
    }

    @Override
    public void delete(String providerUrl, String name) throws IOException {
        at(providerUrl).send("DELETE", "vms/" + name, null);
    }

    @Override
    public StreamStatusResponse stream(String providerUrl, String name) throws IOException {
        return at(providerUrl).call("GET", "vms/" + name + "/stream", null, StreamStatusResponse.class);
    }
}
