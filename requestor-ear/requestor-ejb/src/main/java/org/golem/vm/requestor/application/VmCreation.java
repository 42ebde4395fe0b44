package org.golem.vm.requestor.application;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.net.IoFailures;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.rest.ApiException;
import org.golem.vm.common.stream.StreamMath;
import org.golem.vm.common.stream.StreamState;
import org.golem.vm.common.wire.AdvertisedPricing;
import org.golem.vm.common.wire.Advertisement;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.common.wire.ProviderInfo;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.contracts.ContractRevertException;
import org.golem.vm.requestor.config.RequestorSettings;
import org.golem.vm.requestor.domain.CreationJob;
import org.golem.vm.requestor.domain.RentedVm;
import org.golem.vm.requestor.infrastructure.Payments;
import org.golem.vm.requestor.infrastructure.ProviderClient;
import org.golem.vm.requestor.infrastructure.SshKeyPair;

/**
 * Creating a VM on a provider, paid by a stream (FLAWs of spec/requestor.md §3.3 and §12 fixed): everything that can
 * be checked is checked BEFORE money moves — the name (rules and not used locally), the provider (listed by
 * discovery, reachable, advertising enough capacity, its {@code /provider/info} contract and token equal to OUR
 * deployment and its id equal to the advertised one), the runway it requires and the wallet's balance. Only then is
 * the stream opened and the VM created on the provider. If anything fails after the stream was opened here, the
 * stream is terminated (the unvested deposit comes back) and the local record removed; every transaction's receipt
 * is checked; the VM is stored once.
 */
@ApplicationScoped
public class VmCreation {
    private static final Logger LOG = Logger.getLogger(VmCreation.class.getName());
    /** Gas reserved for the createStream transaction (and a terminate on failure), in gas units. */
    private static final BigInteger GAS_RESERVE_UNITS = BigInteger.valueOf(600_000);

    @Inject
    RequestorStore store;

    @Inject
    Providers providers;

    @Inject
    Payments payments;

    @Inject
    RequestorSettings settings;

    @Resource
    ManagedExecutorService executor;

    /** What was checked before the job starts. */
    private record Plan(CreateVmCommand command, Resources resources, String providerId, String providerUrl,
                        BigInteger rate, BigInteger deposit) {
    }

    /**
     * Validates ({@link CreateVmCommand#violations()}), records the VM as {@code creating} and starts the creation in
     * the background.
     *
     * @return the job (poll it for progress)
     * @throws ApiException 422 VALIDATION_ERROR, 409 VM_EXISTS / INSUFFICIENT_CAPACITY / CONTRACT_MISMATCH,
     *                      404 PROVIDER_NOT_FOUND, 402 INSUFFICIENT_FUNDS, 503 *_UNREACHABLE / CHAIN_UNAVAILABLE
     */
    public CreationJob start(CreateVmCommand command) {
        Plan plan = plan(command);
        long now = System.currentTimeMillis();
        RentedVm vm = new RentedVm(command.name(), plan.providerId(), plan.providerUrl(), plan.resources(),
                command.image(), now);
        CreationJob job = new CreationJob(UUID.randomUUID().toString(), command.name(), now);
        try {
            store.insert(vm, job);
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            throw new ApiException(409, "VM_EXISTS", "a VM named '" + command.name() + "' already exists");
        }
        executor.submit(() -> run(plan, job.jobId()));
        return job;
    }

    private Plan plan(CreateVmCommand c) {
        if (c == null) {
            throw ApiException.validation(List.of(new Violation("body", Violation.REQUIRED, "is required")));
        }
        List<Violation> v = c.violations();
        if (!v.isEmpty()) {
            throw ApiException.validation(v);
        }
        if (store.find(c.name()).isPresent()) {
            throw new ApiException(409, "VM_EXISTS", "a VM named '" + c.name() + "' already exists");
        }
        long hours = c.stream().hoursOrDefault();
        Resources resources = c.stream().resources();
        Quote q = quote(c.providerId(), resources);
        BigInteger rate = q.rate();
        String url = q.providerUrl();
        ProviderInfo info = q.info();
        long minRunway = q.minRunwaySeconds();
        BigInteger deposit;
        if (c.streamId() != null) {
            checkOwnStream(c.streamId(), info.providerId(), minRunway);
            deposit = BigInteger.ZERO;
        } else {
            if (hours * 3600 < minRunway + 60) {
                throw new ApiException(422, "VALIDATION_ERROR", "hours: the provider requires at least " + minRunway
                        + " s of paid time; pay for more hours");
            }
            deposit = rate.multiply(BigInteger.valueOf(hours * 3600));
            requireFunds(payments.contracts().token(), deposit);
        }
        return new Plan(c, resources, info.providerId(), url, rate, deposit);
    }

    /**
     * A provider checked for payment: reachable, its contract and token ours, its id the advertised one.
     *
     * @param info        its {@code /provider/info}
     * @param providerUrl its API base URL
     * @param rate        the stream rate for the resources, wei per second (rounded up)
     */
    public record Quote(ProviderInfo info, String providerUrl, BigInteger rate) {
        /** @return the provider's minimum runway, seconds (0 when it does not say) */
        public long minRunwaySeconds() {
            return info.minRunwaySeconds() == null ? 0 : info.minRunwaySeconds();
        }
    }

    /**
     * Checks a provider before paying it (see the class comment).
     *
     * @throws ApiException 404 PROVIDER_NOT_FOUND, 409 INSUFFICIENT_CAPACITY / CONTRACT_MISMATCH / PRICING_UNKNOWN,
     *                      503 PROVIDER_UNREACHABLE / DISCOVERY_UNREACHABLE / CHAIN_UNAVAILABLE
     */
    public Quote quote(String providerId, Resources resources) {
        Advertisement ad = providers.find(providerId);
        Resources free = ad.resources();
        if (free == null || free.cpu() < resources.cpu() || free.memoryGib() < resources.memoryGib()
                || free.storageGib() < resources.storageGib()) {
            throw new ApiException(409, "INSUFFICIENT_CAPACITY", "the provider advertises " + (free == null ? "nothing"
                    : free.cpu() + " cores / " + free.memoryGib() + " GiB RAM / " + free.storageGib() + " GiB disk")
                    + " free");
        }
        String url = "http://" + ad.ipAddress() + ":" + (ad.apiPort() == null ? settings.providerPort() : ad.apiPort());
        ProviderInfo info = providerInfo(url);
        Payments.Contracts ours = payments.contracts();
        if (ours.contract() == null) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", "no StreamPayment contract is configured for payments "
                    + "network " + settings.paymentsNetwork());
        }
        if (!ad.providerId().equalsIgnoreCase(info.providerId())) {
            throw new ApiException(409, "CONTRACT_MISMATCH", "the provider at " + url + " is " + info.providerId()
                    + ", not the advertised " + ad.providerId());
        }
        if (!ours.contract().equalsIgnoreCase(String.valueOf(info.streamPaymentAddress()))
                || !ours.token().equalsIgnoreCase(String.valueOf(info.glmTokenAddress()))) {
            throw new ApiException(409, "CONTRACT_MISMATCH", "the provider takes payments on contract "
                    + info.streamPaymentAddress() + " in token " + info.glmTokenAddress() + "; ours for "
                    + settings.paymentsNetwork() + " are " + ours.contract() + " and " + ours.token()
                    + ": refusing to pay it");
        }
        AdvertisedPricing pricing = info.pricing() != null ? info.pricing() : ad.pricing();
        BigInteger rate = Providers.estimate(pricing, resources).ratePerSecondWei();
        if (rate == null || rate.signum() <= 0) {
            throw new ApiException(409, "PRICING_UNKNOWN", "the provider does not publish prices a stream rate can be "
                    + "computed from");
        }
        return new Quote(info, url, rate);
    }

    private ProviderInfo providerInfo(String url) {
        try {
            JsonNode n = new ProviderClient(url, payments.credentials()).call("GET", "provider/info", null);
            return Json.fromJson(n.toString(), ProviderInfo.class);
        } catch (IOException e) {
            throw new ApiException(503, "PROVIDER_UNREACHABLE", "the provider at " + url + " does not answer ("
                    + IoFailures.describe(e) + "); nothing was paid: retry later or pick another provider");
        }
    }

    private void checkOwnStream(BigInteger streamId, String provider, long minRunway) {
        StreamState s;
        long now;
        try {
            var batch = payments.read(streamId);
            s = batch.streams().get(streamId);
            now = batch.blockTimestamp();
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", payments.unreachable(e));
        }
        if (s.nonexistent() || !s.sender().equalsIgnoreCase(payments.address())
                || !s.recipient().equalsIgnoreCase(provider) || s.halted()
                || StreamMath.remainingSeconds(s, now) < minRunway) {
            throw new ApiException(422, "STREAM_UNUSABLE", "stream " + streamId + " must be ours, pay provider "
                    + provider + ", be running and have at least " + minRunway + " s paid");
        }
    }

    /**
     * @param token  the stream's token (the zero address: native ETH)
     * @param amount what goes into the stream: wei, or the token's base units
     * @throws ApiException 402 INSUFFICIENT_FUNDS when the wallet cannot pay it (in native mode plus gas; in ERC-20
     *                      mode the token amount and ETH for the approve and the call), 503 CHAIN_UNAVAILABLE
     */
    public void requireFunds(String token, BigInteger amount) {
        try {
            String shortfall = payments.funds(token).shortfall(amount,
                    GAS_RESERVE_UNITS.multiply(BigInteger.valueOf(2_000_000_000L)));
            if (shortfall != null) {
                throw new ApiException(402, "INSUFFICIENT_FUNDS", shortfall);
            }
        } catch (IOException e) {
            throw new ApiException(503, "CHAIN_UNAVAILABLE", payments.unreachable(e));
        }
    }

    private void step(String jobId, String step, String line) {
        store.updateJob(jobId, j -> j.step(step, line, System.currentTimeMillis()));
        LOG.info(() -> "create: " + line);
    }

    private void run(Plan p, String jobId) {
        CreateVmCommand c = p.command();
        BigInteger opened = null;
        BigInteger stream = c.streamId();
        ProviderClient provider = new ProviderClient(p.providerUrl(), payments.credentials());
        try {
            if (stream == null) {
                step(jobId, "opening_stream", "opening a stream of " + p.deposit() + " wei at " + p.rate()
                        + " wei/s to " + p.providerId());
                stream = payments.open(p.providerId(), p.deposit(), p.rate());
                opened = stream;
            }
            BigInteger paying = stream;
            store.updateJob(jobId, j -> j.stream(paying));
            store.update(c.name(), v -> v.paidBy(paying, System.currentTimeMillis()));
            step(jobId, "creating_vm", "stream " + stream + " open; asking the provider for the VM");
            SshKeyPair key = SshKeyPair.loadOrCreate(settings.sshDir());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", c.name());
            body.put("resources", p.resources());
            if (c.image() != null) {
                body.put("image", c.image());
            }
            body.put("ssh_key", key.publicKey());
            body.put("stream_id", stream);
            provider.call("POST", "vms?async=true", body);
            step(jobId, "booting", "the provider is booting the VM");
            JsonNode vm = waitRunning(provider, c.name());
            JsonNode access = provider.call("GET", "vms/" + c.name() + "/access", null);
            long now = System.currentTimeMillis();
            store.update(c.name(), r -> r.reachable(access.path("ssh_host").asText(), access.path("ssh_port").asInt(),
                    access.path("ssh_user").asText("root"), access.path("ssh_host_key_fingerprint").asText(null), now));
            store.updateJob(jobId, j -> j.ready(System.currentTimeMillis()));
            LOG.info(() -> "VM " + c.name() + " running on " + p.providerUrl() + " (" + vm.path("status").asText()
                    + ")");
        } catch (Exception e) {
            fail(p, jobId, provider, opened, e);
        }
    }

    private JsonNode waitRunning(ProviderClient provider, String name) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + settings.createTimeoutSeconds() * 1000;
        while (true) {
            JsonNode vm = provider.call("GET", "vms/" + name, null);
            String status = vm.path("status").asText();
            if (status.equals("running")) {
                return vm;
            }
            if (status.equals("error") || status.equals("deleted")) {
                throw new IOException("the provider reports the VM as " + status + ": "
                        + vm.path("error_message").asText(""));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("the VM did not start within " + settings.createTimeoutSeconds() + " s (status "
                        + status + ")");
            }
            Thread.sleep(2000);
        }
    }

    private void fail(Plan p, String jobId, ProviderClient provider, BigInteger opened, Exception e) {
        String code = e instanceof ProviderClient.ProviderException pe ? "PROVIDER_REFUSED"
                : e instanceof ContractRevertException ? "TX_FAILED" : "CREATE_FAILED";
        String why = e instanceof ProviderClient.ProviderException pe
                ? "the provider refused (" + pe.status() + " " + pe.code() + "): " + pe.getMessage() : IoFailures.describe(e);
        LOG.log(Level.WARNING, "creating VM " + p.command().name() + " failed: " + why, e);
        try {
            provider.call("DELETE", "vms/" + p.command().name(), null);
        } catch (IOException ignored) {
            // nothing was created there, or it is unreachable: the stream's termination below stops payment anyway
        }
        String refund = "";
        if (opened != null) {
            step(jobId, "refunding", "terminating stream " + opened + " (refund of the unvested deposit)");
            try {
                Payments.Refund r = payments.terminate(opened);
                refund = "; stream " + opened + " terminated, " + r.refundWei() + " wei refunded (tx " + r.txHash()
                        + ")";
            } catch (Exception t) {
                refund = "; terminating stream " + opened + " FAILED (" + IoFailures.describe(t)
                        + "): terminate it with golem vm stream terminate --stream-id " + opened;
            }
        }
        store.remove(p.command().name());
        String message = why + refund;
        store.updateJob(jobId, j -> j.failed(code, message, System.currentTimeMillis()));
    }

    /** Marks jobs interrupted by a restart as failed (their VMs are reconciled by the operations). */
    public void failInterrupted() {
        for (CreationJob j : store.unfinishedJobs()) {
            store.updateJob(j.jobId(), x -> x.failed("INTERRUPTED", "the requestor service restarted during "
                    + "creation; check golem vm list and golem vm stream list", System.currentTimeMillis()));
        }
    }
}
