package org.golem.vm.cli.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.golem.vm.requestor.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code golem-provider start} verifying its SSH port range through the real port checker (our port-checker WAR on
 * Payara Micro, private targets allowed because everything here is on loopback): reachable ports are counted, a port
 * it cannot listen on is reported as busy, and the provider is then launched. The launcher itself is a recording
 * script (starting a provider is covered by the provider's own tests).
 */
class StartOnRealPortCheckerIT {
    private static LocalStack stack;
    private static LocalStack.Service checker;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "checker-"));
        checker = stack.portChecker();
    }

    @Test
    void reachablePortsAreCountedBusyOnesReportedAndTheProviderStarts() throws Exception {
        Path home = stack.work.resolve("golem-home");
        Path record = home.resolve("launch.txt");
        Path script = home.resolve("bin/lib/payara-launch");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + record + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ServerSocket busy = rangeWithItsMiddlePortHeld();
        int base = busy.getLocalPort() - 2;
        try (ServerSocket held = busy) {
            ProviderCliRunner.Result r = new ProviderCliRunner("http://127.0.0.1:" + LocalStack.freePort(),
                    stack.work.resolve("provider-data"))
                    .golemHome(home)
                    .env("GOLEM_PROVIDER_HOST", "127.0.0.1")
                    .env("GOLEM_PROVIDER_SSH_PORT_RANGE_START", String.valueOf(base))
                    .env("GOLEM_PROVIDER_SSH_PORT_RANGE_END", String.valueOf(base + 4))
                    .env("GOLEM_PROVIDER_SSH_BIND_ADDRESS", "127.0.0.1")
                    .env("GOLEM_PROVIDER_PUBLIC_HOST", "127.0.0.1")
                    .env("GOLEM_PROVIDER_PORT_CHECKER_URL", checker.url().toString())
                    .run("start");
            assertEquals(0, r.exit(), r.toString());
            String said = r.out() + r.err();
            assertTrue(said.contains("4 of 5"), "four ports reachable through the real checker: " + said);
            assertTrue(said.contains(String.valueOf(base + 2)), "the busy port is named: " + said);
            assertTrue(Files.readString(record).contains("provider.war"), "then the provider was launched");
        }
    }

    /**
     * Five consecutive loopback ports free now, below Linux's ephemeral range (32768 and up, where the machine's own
     * outgoing connections take ports at any moment), the middle one held by the returned socket.
     */
    private static ServerSocket rangeWithItsMiddlePortHeld() throws java.io.IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(12_000);
            ServerSocket held = new ServerSocket();
            try {
                held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 2));
                boolean free = true;
                for (int p : new int[] {base, base + 1, base + 3, base + 4}) {
                    try (ServerSocket probe = new ServerSocket()) {
                        probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                    } catch (java.io.IOException e) {
                        free = false;
                    }
                }
                if (free) {
                    return held;
                }
            } catch (java.io.IOException e) {
                // taken: try another range
            }
            held.close();
        }
        throw new IllegalStateException("no five consecutive free ports found between 20000 and 32004");
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }
}
