package org.golem.vm.cli.requestor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.golem.vm.cli.support.ServiceClient;

/**
 * HTTP client of the requestor service REST API (requestor-ear/API.md), with the bearer token from
 * {@code <data-dir>/api.token}; see {@link ServiceClient} for the error handling.
 *
 * <p>One method per route the {@code golem} commands call: this is the one place where a route's path is written
 * and its JSON answer is taken in, so a typed answer (a record of {@code org.golem.vm.common.wire.requestor}) can
 * replace a {@link JsonNode} route by route. Request bodies use the API's snake_case names; amounts are wei.
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
    public JsonNode info() {
        return get("/api/v1/info");
    }

    /** @return {@code GET /api/v1/vms}: {@code {"vms": [VM...]}} */
    public JsonNode vms() {
        return get("/api/v1/vms");
    }

    /**
     * @param name a VM name
     * @return {@code GET /api/v1/vms/{name}}: the VM with its stream as read from the chain and its top-up state
     */
    public JsonNode vm(String name) {
        return get(vmPath(name));
    }

    /**
     * @param body {@code name, provider_id, cpu, memory, storage, hours} and optionally {@code stream_id},
     *             {@code image}
     * @return {@code POST /api/v1/vms}: the accepted creation, {@code {"job_id", ...}}
     */
    public JsonNode createVm(Map<String, Object> body) {
        return post("/api/v1/vms", body);
    }

    /**
     * @param jobId a creation job's id
     * @return {@code GET /api/v1/jobs/{id}}: {@code status, step, message, error, vm}
     */
    public JsonNode job(String jobId) {
        return get("/api/v1/jobs/" + seg(jobId));
    }

    /**
     * @param name a VM name
     * @return {@code POST /api/v1/vms/{name}/start}: the VM
     */
    public JsonNode startVm(String name) {
        return post(vmPath(name) + "/start", null);
    }

    /**
     * @param name a VM name
     * @return {@code POST /api/v1/vms/{name}/stop}: the VM
     */
    public JsonNode stopVm(String name) {
        return post(vmPath(name) + "/stop", null);
    }

    /**
     * @param name a VM name
     * @return {@code DELETE /api/v1/vms/{name}}: {@code name, stream_id, refund_tx}
     */
    public JsonNode destroyVm(String name) {
        return delete(vmPath(name));
    }

    /** @return {@code POST /api/v1/vms/purge}: {@code {"results": [{name, ok, message}...]}} */
    public JsonNode purgeVms() {
        return post("/api/v1/vms/purge", null);
    }

    /**
     * @param name a VM name
     * @return {@code GET /api/v1/vms/{name}/access}: SSH host, port, user, key and host key fingerprint
     */
    public JsonNode vmAccess(String name) {
        return get(vmPath(name) + "/access");
    }

    /**
     * @param name a VM name
     * @return {@code GET /api/v1/vms/{name}/stream}: the VM's stream as its provider sees it
     */
    public JsonNode vmStream(String name) {
        return get(vmPath(name) + "/stream");
    }

    /**
     * @param query the filters ({@code cpu, memory, storage, country, platform, payments_network, all_payments});
     *              null values are left out
     * @return {@code GET /api/v1/providers}: {@code {"providers": [...]}}
     */
    public JsonNode providers(Map<String, ?> query) {
        return get("/api/v1/providers", query);
    }

    /** @return {@code GET /api/v1/streams}: {@code {"streams": [...]}}, one per VM */
    public JsonNode streams() {
        return get("/api/v1/streams");
    }

    /**
     * @param body {@code provider_id, cpu, memory, storage, hours}
     * @return {@code POST /api/v1/streams}: {@code stream_id, rate_per_second_wei, deposit_wei, tx}
     */
    public JsonNode openStream(Map<String, Object> body) {
        return post("/api/v1/streams", body);
    }

    /**
     * @param id   the stream id
     * @param body {@code {"hours"}} or {@code {"amount_wei"}}
     * @return {@code POST /api/v1/streams/{id}/topup}: {@code stream_id, topped_up_wei, tx, stop_time}
     */
    public JsonNode topUpStream(BigInteger id, Map<String, Object> body) {
        return post(streamPath(id) + "/topup", body);
    }

    /**
     * @param id the stream id
     * @return {@code GET /api/v1/streams/{id}}: {@code stream_id, chain, computed}, read from the chain
     */
    public JsonNode stream(BigInteger id) {
        return get(streamPath(id));
    }

    /**
     * @param id the stream id
     * @return {@code POST /api/v1/streams/{id}/terminate}: {@code stream_id, tx, refunded_wei}
     */
    public JsonNode terminateStream(BigInteger id) {
        return post(streamPath(id) + "/terminate", null);
    }

    /** @return {@code GET /api/v1/wallet}: {@code address, balance_wei, token_address, token_symbol, ...} */
    public JsonNode wallet() {
        return get("/api/v1/wallet");
    }

    /** @return {@code POST /api/v1/wallet/faucet}: {@code address, tx, funded_wei, funded_token_wei} */
    public JsonNode faucet() {
        return post("/api/v1/wallet/faucet", null);
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
