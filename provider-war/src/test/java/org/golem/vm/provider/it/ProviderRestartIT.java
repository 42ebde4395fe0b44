package org.golem.vm.provider.it;

import static org.golem.vm.provider.it.ProviderStack.anvil;
import static org.golem.vm.provider.it.ProviderStack.json;
import static org.golem.vm.provider.it.ProviderStack.openStream;
import static org.golem.vm.provider.it.ProviderStack.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisementRequest;
import org.golem.vm.common.testing.CapturedRequest;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.contracts.ProviderRegistryClient;
import org.golem.vm.contracts.RegistryEntryCodec;
import org.golem.vm.provider.infrastructure.net.TcpForwarder;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport;
import org.golem.vm.provider.infrastructure.vm.qemu.Ssh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * A provider restart as an operator does it: the provider WAR runs on Payara Micro as its own process (the same
 * command line as the service launchers), a requestor creates a VM and logs in, the provider process is stopped
 * (SIGTERM) and started again on the same data directory and database file: the VM kept running the whole time,
 * is reported running with the same port, SSH still works. Then the provider's link to the chain is cut (its RPC
 * goes through a forwarder the test stops) and the stream is terminated meanwhile: failed reads change nothing (the
 * VM keeps running, readiness says the chain is down and counts the failures) until the link is back, when the
 * monitor stops the VM within an interval. Signed requests used before the restart (a read and a {@code DELETE})
 * are refused as replays after it: the provider's memory of accepted signatures is in its database.
 *
 * <p>With {@code golem.provider.stop-vms-on-exit=true} a graceful stop (SIGTERM, the admin shutdown) stops every VM
 * first: no qemu process of the provider is left, the next start reports the VM stopped with its stream binding, and
 * the requestor starts it again.
 */
class ProviderRestartIT {
    private static final List<ProviderProcess> STARTED = new ArrayList<>();
    private static TcpForwarder link;

    private static ProviderProcess provider(String logName, Map<String, String> extra) throws Exception {
        ProviderProcess p = ProviderProcess.create(logName, extra);
        STARTED.add(p);
        return p;
    }

    @Test
    void aRunningVmSurvivesAProviderRestartAndAChainOutage() throws Exception {
        ProviderStack.chain();
        int rpcPort = QemuTestSupport.freePort();
        InetSocketAddress rpcListen = new InetSocketAddress("127.0.0.1", rpcPort);
        URI anvilUri = URI.create(anvil.rpcUrl());
        InetSocketAddress anvilAddress = new InetSocketAddress(anvilUri.getHost(), anvilUri.getPort());
        link = TcpForwarder.start(rpcListen, anvilAddress);
        // the same WAR and test settings as the Arquillian tests, but a database FILE that outlives the process and
        // the chain reached through the link
        ProviderProcess p = provider("provider-restart.log", Map.of(
                "golem.provider.rpc-url", "http://127.0.0.1:" + rpcPort,
                "golem.provider.monitor.interval-seconds", "2")).start();
        Path dataDir = p.dataDir;
        ProviderStack.Api api = p.api;
        String provider = json(api.send(null, "GET", "api/v1/provider/info", null)).get("provider_id").asText();
        Credentials carol = anvil.newAccount();
        Ssh.Key key = Ssh.newKey(dataDir.resolveSibling(dataDir.getFileName() + "-keys"), "carol");
        Resources small = new Resources(1, 1, 10);
        BigInteger stream = openStream(carol, provider, rate(small), 3600);
        GolemHttpClient.Reply created = api.create(carol, CreateVmRequest.of("carol-1", small, key.publicKey(),
                stream), false);
        assertEquals(200, created.status(), created.body());
        int sshPort = json(created).get("ssh_port").asInt();
        String before = Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip();
        List<Long> qemu = p.qemuPids();
        assertEquals(1, qemu.size(), "one qemu process: " + qemu);

        // signed requests an eavesdropper captures while they are used, to replay them after the restart (inside
        // their 300 s window): a read of carol's VM, and a DELETE (of a name that does not exist, so using it
        // destroys nothing; its signature was accepted all the same)
        List<CapturedRequest> captured = List.of(
                CapturedRequest.sign(carol, "GET", "/api/v1/vms/carol-1", null),
                CapturedRequest.sign(carol, "DELETE", "/api/v1/vms/carol-gone", null));
        assertEquals(200, captured.get(0).sendTo(api.base).statusCode());
        HttpResponse<String> deleted = captured.get(1).sendTo(api.base);
        assertEquals("VM_NOT_FOUND", CapturedRequest.code(deleted), deleted.body());

        p.terminate(); // SIGTERM, as an operator's stop (GOLEM_PROVIDER_STOP_VMS_ON_EXIT is off by default)
        assertEquals(qemu, p.qemuPids(), "the VM's qemu process outlives the provider");
        assertEquals(before, Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip(),
                "the VM keeps running (same boot) while the provider is down");

        p.start();
        // the provider remembers the signatures it accepted before the restart (its database holds them)
        for (CapturedRequest replay : captured) {
            HttpResponse<String> again = replay.sendTo(api.base);
            assertEquals(401, again.statusCode(), replay + " replayed after the restart: " + again.body());
            assertEquals("AUTH_REPLAY", CapturedRequest.code(again), again.body());
        }
        JsonNode vm = json(api.send(carol, "GET", "api/v1/vms/carol-1", null));
        assertEquals("running", vm.get("status").asText(), vm.toString());
        assertEquals(sshPort, vm.get("ssh_port").asInt());
        assertEquals(before, Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip(),
                "same VM, same boot, same port after the restart");
        assertEquals(qemu, p.qemuPids(), "the same qemu process, re-adopted");
        JsonNode stream2 = json(api.send(carol, "GET", "api/v1/vms/carol-1/stream", null));
        assertTrue(stream2.get("verified").asBoolean(), "the stream binding survived: " + stream2);

        // chain outage: the stream is terminated while the provider cannot read the chain
        link.stop();
        ProviderStack.streams.as(carol).terminate(stream);
        Thread.sleep(7_000); // three monitor intervals, all failing
        assertEquals("running", json(api.send(carol, "GET", "api/v1/vms/carol-1", null)).get("status").asText(),
                "an unreadable chain stops nothing");
        assertEquals(before, Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip());
        HttpResponse<String> ready = api.admin("GET", "/health/ready", null, null);
        assertEquals(503, ready.statusCode(), ready.body());
        JsonNode chain = null;
        for (JsonNode check : org.golem.vm.common.json.Json.tree(ready.body()).get("checks")) {
            if (check.get("name").asText().equals("provider-chain")) {
                chain = check;
            }
        }
        assertEquals("DOWN", chain.get("status").asText(), ready.body());
        assertTrue(chain.path("data").get("monitor_rpc_failures").asLong() >= 2, ready.body());
        HttpResponse<String> metrics = api.admin("GET", "/metrics?scope=application", null, null);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "golem_provider_stream_monitor_failures(\\{[^}]*})?\\s+([0-9.]+)").matcher(metrics.body());
        assertTrue(m.find(), metrics.body());
        assertTrue(Double.parseDouble(m.group(2)) >= 2, "failed reads counted in /metrics: " + m.group());

        link = TcpForwarder.start(rpcListen, anvilAddress);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode vm2 = json(api.send(carol, "GET", "api/v1/vms/carol-1", null));
        while (!vm2.get("status").asText().equals("stopped") && System.nanoTime() < deadline) {
            Thread.sleep(1100);
            vm2 = json(api.send(carol, "GET", "api/v1/vms/carol-1", null));
        }
        assertEquals("stopped", vm2.get("status").asText(), "stopped once the chain is readable again: " + vm2);
        assertTrue(vm2.get("error_message").asText().contains("terminated"), vm2.toString());

        assertEquals(200, api.send(carol, "DELETE", "api/v1/vms/carol-1", null).status());
        QemuTestSupport.assertPortFree(sshPort);
    }

    @Test
    void withStopVmsOnExitAGracefulStopStopsEveryVmAndKeepsItsStream() throws Exception {
        ProviderStack.chain();
        // advertising on chain only (no discovery URL): the ProviderRegistry entry follows the free capacity
        ProviderProcess p = provider("provider-stop-vms-on-exit.log", Map.of("golem.provider.stop-vms-on-exit", "true",
                "golem.provider.advertise", "chain", "golem.provider.public-host", "203.0.113.9",
                "golem.provider.registry-address", anvil.deployment().providerRegistry().address())).start();
        JsonNode info = json(p.api.send(null, "GET", "api/v1/provider/info", null));
        String provider = info.get("provider_id").asText();
        ProviderRegistryClient registry = new ProviderRegistryClient(anvil.chain(),
                anvil.deployment().providerRegistry().address());
        // a new provider key has no ETH: nothing written, the operator is told what to do, the provider stays ready
        eventually("the status says the gas cannot be paid", () -> p.admin("status").at(
                "/advertiser/destinations/0/last_skip").asText().startsWith("cannot pay gas for the registry entry: "
                + "wallet " + provider + " has 0 ETH; fund it"));
        assertEquals("chain", p.admin("status").at("/advertiser/destinations/0/name").asText());
        assertTrue(!registry.stateOf(provider).exists(), "nothing written without gas");
        assertEquals(200, p.api.admin("GET", "/health/ready", null, null).statusCode(), "still ready");
        anvil.setBalance(provider, BigInteger.TEN.pow(19));
        Credentials erin = anvil.newAccount();
        Ssh.Key key = Ssh.newKey(p.dataDir.resolveSibling(p.dataDir.getFileName() + "-keys"), "erin");
        Resources small = new Resources(1, 1, 10);
        BigInteger stream = openStream(erin, provider, rate(small), 3600);
        GolemHttpClient.Reply created = p.api.create(erin, CreateVmRequest.of("erin-1", small, key.publicKey(),
                stream), false);
        assertEquals(200, created.status(), created.body());
        int sshPort = json(created).get("ssh_port").asInt();
        // the new VM changed the capacity: the entry is written with the free capacity and the same offer as info
        JsonNode free = p.admin("status").at("/capacity/free");
        eventually("the registry entry with the free capacity", () -> entryOf(registry, provider)
                .map(ad -> ad.resources().cpu() == free.get("cpu").asLong()).orElse(false));
        AdvertisementRequest ad = entryOf(registry, provider).orElseThrow();
        assertEquals(free.get("memory").asLong(), ad.resources().memoryGib());
        assertEquals(info.get("images"), Json.tree(Json.toJson(ad.images())), "the same offer as /provider/info");
        assertEquals(info.get("max_ports"), Json.tree(Json.toJson(ad.maxPorts())));
        assertTrue(p.admin("status").at("/advertiser/destinations/0/last_gas_used").asLong() > 0);
        String firstBoot = bootId(sshPort, key);
        assertEquals(1, p.qemuPids().size(), "one qemu process: " + p.qemuPids());
        // the VM's disk (micro: /root) outlives the provider's restart
        assertEquals(0, Ssh.exec("root", sshPort, key, "echo kept across the restart > /root/kept && sync").exit());

        p.terminate(); // SIGTERM
        assertEquals(List.of(), p.qemuPids(), "no qemu process of the provider after SIGTERM");
        assertTrue(!registry.stateOf(provider).exists(), "a graceful stop removes the registry entry");
        p.start();
        assertStoppedWithItsStream(p, erin, stream);
        JsonNode started = json(p.api.send(erin, "POST", "api/v1/vms/erin-1/start", null));
        assertEquals("running", started.get("status").asText(), started.toString());
        assertEquals(sshPort, started.get("ssh_port").asInt());
        assertNotEquals(firstBoot, bootId(sshPort, key), "started again: a new boot");
        assertEquals("kept across the restart", Ssh.exec("root", sshPort, key, "cat /root/kept").out().strip(),
                "the disk kept its file across the provider's restart and the VM's stop and start");

        p.adminShutdown(); // what golem-provider stop asks for
        assertEquals(List.of(), p.qemuPids(), "no qemu process of the provider after the admin shutdown");
        p.start();
        assertStoppedWithItsStream(p, erin, stream);

        assertEquals(200, p.api.send(erin, "DELETE", "api/v1/vms/erin-1", null).status());
        QemuTestSupport.assertPortFree(sshPort);
    }

    /** @return the provider's live registry entry, decoded */
    private static java.util.Optional<AdvertisementRequest> entryOf(ProviderRegistryClient registry, String provider)
            throws Exception {
        return registry.snapshot().entries().stream().filter(e -> e.provider().equalsIgnoreCase(provider))
                .findFirst().map(e -> RegistryEntryCodec.decode(e.data()));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void eventually(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(500);
        }
    }

    private static String bootId(int sshPort, Ssh.Key key) throws Exception {
        return Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip();
    }

    /** The VM is reported stopped by the provider's shutdown, and its stream is still bound to it. */
    private static void assertStoppedWithItsStream(ProviderProcess p, Credentials owner, BigInteger stream)
            throws Exception {
        JsonNode vm = json(p.api.send(owner, "GET", "api/v1/vms/erin-1", null));
        assertEquals("stopped", vm.get("status").asText(), vm.toString());
        JsonNode bound = json(p.api.send(owner, "GET", "api/v1/vms/erin-1/stream", null));
        assertEquals(stream.longValue(), bound.get("stream_id").asLong(), bound.toString());
        assertTrue(bound.get("verified").asBoolean(), "the stream binding survived: " + bound);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (link != null) {
            link.stop();
        }
        for (ProviderProcess p : STARTED) {
            p.close();
        }
    }
}
