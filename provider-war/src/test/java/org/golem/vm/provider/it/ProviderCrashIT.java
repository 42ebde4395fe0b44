package org.golem.vm.provider.it;

import static org.golem.vm.provider.it.ProviderStack.anvil;
import static org.golem.vm.provider.it.ProviderStack.json;
import static org.golem.vm.provider.it.ProviderStack.openStream;
import static org.golem.vm.provider.it.ProviderStack.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.golem.vm.common.auth.RequestSigner;
import org.golem.vm.common.http.GolemHttpClient;
import org.golem.vm.common.json.Json;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.CreateVmRequest;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuTestSupport;
import org.golem.vm.provider.infrastructure.vm.qemu.Ssh;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * The provider killed ({@code kill -9}) and started again three times in a row, on the same data directory and
 * database file, while two VMs run and their requestor keeps sending signed {@code GET /vms} and
 * {@code GET /vms/{name}} (from a thread of its own; the test reads the VMs through the operator's API, so no two
 * requests carry the same signature):
 * after every start each VM is re-adopted (the same qemu process, the same SSH port, SSH answers in the same boot),
 * the SSH port allocator's table holds exactly the two VMs' ports, and each stream is still bound to its VM. Every
 * request sent meanwhile was answered within the client's timeout, refused while the provider was down, or cut off
 * at once when the kill caught it in flight: none hung. What a request gets while the provider starts is not in the error shape yet (Payara answers before the
 * provider's code can: HTML 404, HTML 503, then briefly an empty 500; see the README); the test prints the tally.
 */
class ProviderCrashIT {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(ProviderCrashIT.class.getName());
    private static final int RELAUNCHES = 3;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

    /** What one background request got. */
    private record Outcome(String path, int status, String code, String failure, long millis) {
        boolean ok() {
            return status == 200;
        }

        boolean refused() {
            return "refused".equals(failure);
        }

        /**
         * Answered (any status), refused, or cut off by the kill while in flight (the connection closed at once):
         * anything but waiting for the client's timeout.
         */
        boolean notHung() {
            return status != 0 || (failure != null && !failure.equals("timed out"));
        }
    }

    /** Signed reads, one after the other, until stopped. */
    private static final class Requests extends Thread {
        final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final ProviderStack.Api api;
        private final GolemHttpClient client;
        private volatile boolean done;

        Requests(ProviderStack.Api api, Credentials owner) {
            super("signed-requests");
            this.api = api;
            this.client = new GolemHttpClient(new RequestSigner(owner), Clock.systemUTC(), CLIENT_TIMEOUT);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!done) {
                for (String path : List.of("api/v1/vms", "api/v1/vms/fay-1", "api/v1/vms/fay-2")) {
                    outcomes.add(send(path));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private Outcome send(String path) {
            long t0 = System.nanoTime();
            String failure = null;
            int status = 0;
            String code = "";
            try {
                GolemHttpClient.Reply r = client.send("GET", api.base.resolve(path), null);
                status = r.status();
                if (status != 200) {
                    try {
                        code = Json.tree(r.body()).path("detail").path("code").asText();
                    } catch (RuntimeException e) {
                        code = r.body().contains("<title>Payara Micro") ? "(Payara's HTML page)" : "(not JSON)";
                    }
                }
            } catch (IOException e) {
                Throwable c = e;
                while (c.getCause() != null && !(c instanceof ConnectException)) {
                    c = c.getCause();
                }
                failure = c instanceof ConnectException ? "refused"
                        : e instanceof HttpTimeoutException ? "timed out" : e.toString();
            }
            return new Outcome(path, status, code, failure, (System.nanoTime() - t0) / 1_000_000);
        }

        List<Outcome> finish() throws InterruptedException {
            done = true;
            join(CLIENT_TIMEOUT.toMillis() * 3);
            return List.copyOf(outcomes);
        }
    }

    /** What must not change across a kill: the VM's qemu process, SSH port and boot. */
    private record Vm(String name, String driverId, long qemuPid, int sshPort, String bootId, BigInteger stream) {
    }

    @Test
    void threeKillsInARowWhileTwoVmsRunAndRequestsArrive() throws Exception {
        ProviderStack.chain();
        try (ProviderProcess p = ProviderProcess.create("provider-crash.log", Map.of())) {
            p.start();
            String provider = json(p.api.send(null, "GET", "api/v1/provider/info", null)).get("provider_id")
                    .asText();
            Credentials fay = anvil.newAccount();
            Ssh.Key key = Ssh.newKey(p.dataDir.resolveSibling(p.dataDir.getFileName() + "-keys"), "fay");
            Resources small = new Resources(1, 1, 10);
            List<Vm> vms = new ArrayList<>();
            for (String name : List.of("fay-1", "fay-2")) {
                BigInteger stream = openStream(fay, provider, rate(small), 3600);
                GolemHttpClient.Reply created = p.api.create(fay, CreateVmRequest.of(name, small, key.publicKey(),
                        stream), false);
                assertEquals(200, created.status(), created.body());
                int sshPort = json(created).get("ssh_port").asInt();
                String driverId = p.adminVm(name).get("driver_id").asText();
                List<Long> qemu = QemuTestSupport.qemuProcessesNamed("golem-vm-" + driverId);
                assertEquals(1, qemu.size(), name + ": " + qemu);
                vms.add(new Vm(name, driverId, qemu.get(0), sshPort, bootId(sshPort, key), stream));
            }
            Map<String, Integer> ports = new TreeMap<>();
            vms.forEach(vm -> ports.put(vm.driverId(), vm.sshPort()));
            assertEquals(ports, assignedPorts(p), "the allocator's table before the first kill");

            Requests requests = new Requests(p.api, fay);
            requests.start();
            for (int i = 1; i <= RELAUNCHES; i++) {
                p.kill();
                p.start();
                for (Vm vm : vms) {
                    String when = vm.name() + " after kill " + i;
                    JsonNode info = p.adminVm(vm.name()); // the requestor's own reads are the thread's
                    assertEquals("running", info.get("status").asText(), when + ": " + info);
                    assertEquals(vm.sshPort(), info.get("ssh_port").asInt(), when + ": " + info);
                    assertEquals(List.of(vm.qemuPid()), QemuTestSupport.qemuProcessesNamed("golem-vm-"
                            + vm.driverId()), when + ": the same qemu process");
                    assertEquals(vm.bootId(), bootId(vm.sshPort(), key), when + ": SSH answers, same boot");
                    JsonNode bound = json(p.api.send(fay, "GET", "api/v1/vms/" + vm.name() + "/stream", null));
                    assertEquals(vm.stream().longValue(), bound.get("stream_id").asLong(), when + ": " + bound);
                    assertTrue(bound.get("verified").asBoolean(), when + ": " + bound);
                }
                assertEquals(ports, assignedPorts(p), "the allocator's table after kill " + i);
            }
            List<Outcome> outcomes = requests.finish();

            assertEquals(List.of(), outcomes.stream().filter(o -> !o.notHung()).toList(),
                    "every request was answered, refused or cut off at once; none waited for the client's timeout");
            assertTrue(outcomes.stream().anyMatch(Outcome::refused), "requests arrived while it was down: "
                    + outcomes.size() + " sent");
            assertTrue(outcomes.stream().anyMatch(Outcome::ok), "requests arrived while it ran");
            assertTrue(outcomes.stream().allMatch(o -> o.millis() < CLIENT_TIMEOUT.toMillis()),
                    "no request waited for the client's timeout");
            // Not asserted (README, "Provider service"): while the provider starts, Payara answers before the
            // provider's code can (HTML 404, HTML 503, then briefly an empty 500); counted in the tally below.
            Map<String, Long> tally = new LinkedHashMap<>();
            outcomes.forEach(o -> tally.merge(o.failure() != null ? o.failure() : o.status() + " " + o.code(), 1L,
                    Long::sum));
            LOG.info("signed requests during three kills: " + tally);

            // the default (stop-vms-on-exit off): the operator's shutdown leaves the VMs running
            p.adminShutdown();
            for (Vm vm : vms) {
                assertEquals(List.of(vm.qemuPid()), QemuTestSupport.qemuProcessesNamed("golem-vm-"
                        + vm.driverId()), vm.name() + " keeps running after the admin shutdown");
            }
        }
    }

    private static String bootId(int sshPort, Ssh.Key key) throws Exception {
        return Ssh.exec("root", sshPort, key, "cat /proc/sys/kernel/random/boot_id").out().strip();
    }

    /** @return the SSH port allocator's table, driver id → port (admin {@code GET /status}) */
    private static Map<String, Integer> assignedPorts(ProviderProcess p) throws Exception {
        Map<String, Integer> assigned = new TreeMap<>();
        p.admin("status").at("/ssh_ports/assigned").fields()
                .forEachRemaining(e -> assigned.put(e.getKey(), e.getValue().asInt()));
        return assigned;
    }
}
