package org.golem.vm.cli.requestor;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.golem.vm.cli.support.ServiceClient;
import org.golem.vm.common.wire.StreamStatusResponse;
import org.golem.vm.common.wire.requestor.CreationStarted;
import org.golem.vm.common.wire.requestor.FaucetResult;
import org.golem.vm.common.wire.requestor.JobView;
import org.golem.vm.common.wire.requestor.OpenStreamRequest;
import org.golem.vm.common.wire.requestor.ProviderImages;
import org.golem.vm.common.wire.requestor.ProviderList;
import org.golem.vm.common.wire.requestor.PurgeResult;
import org.golem.vm.common.wire.requestor.RentVmRequest;
import org.golem.vm.common.wire.requestor.RentedVmView;
import org.golem.vm.common.wire.requestor.RequestorInfo;
import org.golem.vm.common.wire.requestor.SshAccess;
import org.golem.vm.common.wire.requestor.StreamList;
import org.golem.vm.common.wire.requestor.StreamOpened;
import org.golem.vm.common.wire.requestor.StreamTerminated;
import org.golem.vm.common.wire.requestor.StreamToppedUp;
import org.golem.vm.common.wire.requestor.StreamView;
import org.golem.vm.common.wire.requestor.TopUpRequest;
import org.golem.vm.common.wire.requestor.VmDeleted;
import org.golem.vm.common.wire.requestor.VmDetail;
import org.golem.vm.common.wire.requestor.VmList;
import org.golem.vm.common.wire.requestor.WalletBalance;

/**
 * HTTP client of the requestor service REST API (requestor-ear/API.md, docs/requestor-api.md), with the bearer token
 * from {@code <data-dir>/api.token}; see {@link ServiceClient} for the error handling.
 *
 * <p>One method per route the {@code golem} commands call: the one place where a route's path is written. Bodies
 * and answers are the typed records the service itself writes and reads ({@code org.golem.vm.common.wire.requestor},
 * and {@link StreamStatusResponse} for the provider's view of a stream), in the API's snake_case names; fields the
 * records do not know are ignored. Amounts are wei, times Unix seconds or ISO-8601 UTC text.
 */
public final class RequestorClient extends ServiceClient {

    /**
     * @param base      service base URL, e.g. {@code http://127.0.0.1:8000}
     * @param tokenFile {@code <data-dir>/api.token}; read once, on the first request
     */
    public RequestorClient(URI base, Path tokenFile) {
        super(base, tokenFile);
    }

    /** @return {@code GET /api/v1/info}: the wallet address, networks, chain id and stream token */
    public RequestorInfo info() {
        return get("/api/v1/info", RequestorInfo.class);
    }

    /** @return {@code GET /api/v1/vms}: {@code {"vms": [VM...]}} (a bare array of VMs is read as the list too) */
    public VmList vms() {
        return get("/api/v1/vms", VmList.class);
    }

    /**
     * @param name a VM name
     * @return {@code GET /api/v1/vms/{name}}: the VM with its stream as read from the chain and its top-up state
     */
    public VmDetail vm(String name) {
        return get(vmPath(name), VmDetail.class);
    }

    /**
     * @param body the VM to create: {@code name, provider_id, cpu, memory, storage, hours} and optionally
     *             {@code stream_id}, {@code image} (left out when null)
     * @return {@code POST /api/v1/vms} (202): the creation job to poll
     */
    public CreationStarted createVm(RentVmRequest body) {
        return post("/api/v1/vms", body, CreationStarted.class);
    }

    /**
     * @param jobId a creation job's id
     * @return {@code GET /api/v1/jobs/{id}}: {@code status, step, message, stream_id, vm, error}
     */
    public JobView job(String jobId) {
        return get("/api/v1/jobs/" + seg(jobId), JobView.class);
    }

    /**
     * @param name a VM name
     * @return {@code POST /api/v1/vms/{name}/start}: the VM
     */
    public RentedVmView startVm(String name) {
        return post(vmPath(name) + "/start", null, RentedVmView.class);
    }

    /**
     * @param name a VM name
     * @return {@code POST /api/v1/vms/{name}/stop}: the VM
     */
    public RentedVmView stopVm(String name) {
        return post(vmPath(name) + "/stop", null, RentedVmView.class);
    }

    /**
     * @param name a VM name
     * @return {@code DELETE /api/v1/vms/{name}}: {@code name, status, stream_id, refunded_wei, refund_tx, message}
     */
    public VmDeleted destroyVm(String name) {
        return delete(vmPath(name), VmDeleted.class);
    }

    /** @return {@code POST /api/v1/vms/purge}: {@code {"results": [{name, ok, message}...]}} */
    public PurgeResult purgeVms() {
        return post("/api/v1/vms/purge", null, PurgeResult.class);
    }

    /**
     * @param name a VM name
     * @return {@code GET /api/v1/vms/{name}/access}: SSH host, port, user, key and host key fingerprint
     */
    public SshAccess vmAccess(String name) {
        return get(vmPath(name) + "/access", SshAccess.class);
    }

    /**
     * @param name a VM name
     * @return {@code GET /api/v1/vms/{name}/stream}: the VM's stream as its provider sees it
     */
    public StreamStatusResponse vmStream(String name) {
        return get(vmPath(name) + "/stream", StreamStatusResponse.class);
    }

    /**
     * @param query the filters ({@code cpu, memory, storage, country, platform, payments_network, all_payments});
     *              null values are left out
     * @return {@code GET /api/v1/providers}: {@code {"providers": [...]}}
     */
    public ProviderList providers(Map<String, ?> query) {
        return get("/api/v1/providers", query, ProviderList.class);
    }

    /**
     * @param providerId a provider's address
     * @return {@code GET /api/v1/providers/{provider_id}/images}: the images it offers now
     */
    public ProviderImages providerImages(String providerId) {
        return get("/api/v1/providers/" + seg(providerId) + "/images", ProviderImages.class);
    }

    /** @return {@code GET /api/v1/streams}: {@code {"streams": [...]}}, one per VM */
    public StreamList streams() {
        return get("/api/v1/streams", StreamList.class);
    }

    /**
     * @param body {@code provider_id, cpu, memory, storage, hours}
     * @return {@code POST /api/v1/streams}: {@code stream_id, rate_per_second_wei, deposit_wei, recipient}
     */
    public StreamOpened openStream(OpenStreamRequest body) {
        return post("/api/v1/streams", body, StreamOpened.class);
    }

    /**
     * @param id   the stream id
     * @param body {@code {"hours"}} or {@code {"amount_wei"}} (the null one is left out)
     * @return {@code POST /api/v1/streams/{id}/topup}: {@code stream_id, topped_up_wei, tx, stop_time}
     */
    public StreamToppedUp topUpStream(BigInteger id, TopUpRequest body) {
        return post(streamPath(id) + "/topup", body, StreamToppedUp.class);
    }

    /**
     * @param id the stream id
     * @return {@code GET /api/v1/streams/{id}}: {@code stream_id, chain, computed}, read from the chain
     */
    public StreamView stream(BigInteger id) {
        return get(streamPath(id), StreamView.class);
    }

    /**
     * @param id the stream id
     * @return {@code POST /api/v1/streams/{id}/terminate}: {@code stream_id, tx, refunded_wei}
     */
    public StreamTerminated terminateStream(BigInteger id) {
        return post(streamPath(id) + "/terminate", null, StreamTerminated.class);
    }

    /** @return {@code GET /api/v1/wallet}: {@code address, balance_wei, token_address, token_symbol, ...} */
    public WalletBalance wallet() {
        return get("/api/v1/wallet", WalletBalance.class);
    }

    /** @return {@code POST /api/v1/wallet/faucet}: {@code address, tx, funded_wei, funded_token_wei} */
    public FaucetResult faucet() {
        return post("/api/v1/wallet/faucet", null, FaucetResult.class);
    }

    private static String vmPath(String name) {
        return "/api/v1/vms/" + seg(name);
    }

    private static String streamPath(BigInteger id) {
        return "/api/v1/streams/" + id;
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
