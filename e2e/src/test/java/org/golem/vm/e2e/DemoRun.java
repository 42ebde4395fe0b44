package org.golem.vm.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One run of {@code bin/demo} as a user starts it, in its own session (so a "Ctrl-C" reaches its whole process
 * group, as a terminal's does), on free ports and in a work directory of the test's choosing.
 *
 * <p>Its output goes to {@code <work>.out} and stays readable through {@link #output()}. With {@code hold} the demo
 * is started with {@code GOLEM_DEMO_HOLD=1}: it keeps the stack running after the flow until {@link #release()}.
 */
final class DemoRun implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DemoRun.class.getName());

    /** The ports a run uses, all on 127.0.0.1: five services and a range of VM SSH ports. */
    record Ports(int chain, int discovery, int portChecker, int provider, int requestor, int sshFirst, int sshLast) {
        /** @return every port of the run, the SSH range included */
        List<Integer> all() {
            List<Integer> all = new ArrayList<>(List.of(chain, discovery, portChecker, provider, requestor));
            for (int p = sshFirst; p <= sshLast; p++) {
                all.add(p);
            }
            return all;
        }

        /** @return ports free right now: five ephemeral ones and 20 consecutive ones for SSH below the ephemeral range */
        static Ports free() throws IOException {
            // all five held open while they are picked: a socket closed before the next is opened may hand the same
            // port out twice (a run once gave the chain and the provider one port)
            int[] single = new int[5];
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < single.length; i++) {
                    ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    held.add(s);
                    single[i] = s.getLocalPort();
                }
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
            for (int attempt = 0; attempt < 50; attempt++) {
                int first = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
                boolean free = true;
                for (int p = first; p < first + 20 && free; p++) {
                    free = Machine.bindable(p);
                }
                if (free) {
                    return new Ports(single[0], single[1], single[2], single[3], single[4], first, first + 19);
                }
            }
            throw new IOException("no 20 consecutive free ports between 20000 and 30019");
        }
    }

    final Path root;
    final Path work;
    final Path report;
    final Ports ports;
    private final Path outputFile;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread pump;

    private DemoRun(Path root, Path work, Path report, Ports ports, Path outputFile, Process process) {
        this.root = root;
        this.work = work;
        this.report = report;
        this.ports = ports;
        this.outputFile = outputFile;
        this.process = process;
        this.pump = new Thread(this::pump, "demo-output");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * Starts {@code setsid bin/demo} (the run mode) with {@code GOLEM_DEMO_DIR=work} and {@code GOLEM_DEMO_REPORT},
     * renting the quick {@code micro} image.
     *
     * @param work a directory that does not exist yet
     * @param hold start it with {@code GOLEM_DEMO_HOLD=1}
     */
    static DemoRun start(Path root, Path work, Ports ports, boolean hold) throws IOException {
        return start(root, work, ports, hold, null, "micro");
    }

    /**
     * Starts {@code setsid bin/demo [mode]} with {@code GOLEM_DEMO_DIR=work}, the ports, {@code GOLEM_DEMO_REPORT},
     * {@code GOLEM_DEMO_IMAGE=image} and the build's image cache ({@code golem.test.imageCache}, where provider-war's
     * tests built the images already) as {@code GOLEM_DEMO_IMAGE_CACHE}.
     *
     * @param mode  {@code up}, {@code down}, or null for the whole flow
     * @param image the image the demo rents ({@code debian-12} is the demo's default, {@code micro} the quick one)
     */
    static DemoRun start(Path root, Path work, Ports ports, boolean hold, String mode, String image)
            throws IOException {
        return start(root, work, ports, hold, mode, image, Map.of());
    }

    /**
     * The same, with more environment for {@code bin/demo} (e.g. {@code GOLEM_DEMO_DISCOVERY=chain}).
     *
     * @param extraEnv variables added to (or replacing) the environment above
     */
    static DemoRun start(Path root, Path work, Ports ports, boolean hold, String mode, String image,
                         Map<String, String> extraEnv) throws IOException {
        Path report = Path.of(work + ".report.json");
        Path out = Path.of(work + (mode == null ? "" : "." + mode) + ".out");
        Files.deleteIfExists(report);
        // setsid: a new session and process group led by the demo itself (the JVM's child is no group leader, so
        // setsid execs in place and the pid we hold is the group's id)
        List<String> command = new ArrayList<>(List.of("setsid", root.resolve("bin/demo").toString()));
        if (mode != null) {
            command.add(mode);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GOLEM_DEMO_DIR", work.toString());
        env.put("GOLEM_DEMO_REPORT", report.toString());
        env.put("GOLEM_DEMO_CHAIN_PORT", Integer.toString(ports.chain()));
        env.put("GOLEM_DEMO_DISCOVERY_PORT", Integer.toString(ports.discovery()));
        env.put("GOLEM_DEMO_PORT_CHECKER_PORT", Integer.toString(ports.portChecker()));
        env.put("GOLEM_DEMO_PROVIDER_PORT", Integer.toString(ports.provider()));
        env.put("GOLEM_DEMO_REQUESTOR_PORT", Integer.toString(ports.requestor()));
        env.put("GOLEM_DEMO_SSH_PORTS", ports.sshFirst() + "-" + ports.sshLast());
        env.put("NO_COLOR", "1");
        env.put("GOLEM_DEMO_IMAGE", image);
        String cache = System.getProperty("golem.test.imageCache", "");
        if (!cache.isBlank()) {
            env.put("GOLEM_DEMO_IMAGE_CACHE", cache);
        } else {
            env.put("GOLEM_DEMO_IMAGE_CACHE", work.resolveSibling("vm-images").toString());
        }
        env.remove("GOLEM_DEMO_HOLD");
        if (hold) {
            env.put("GOLEM_DEMO_HOLD", "1");
        }
        env.remove("GOLEM_DEMO_DISCOVERY");
        env.putAll(extraEnv);
        LOG.info(() -> "bin/demo " + (mode == null ? "" : mode + " ") + "in " + work + " (output: " + out
                + ", ports " + ports + ")");
        return new DemoRun(root, work, report, ports, out, pb.start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer w = Files.newBufferedWriter(outputFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                output.append(line).append('\n');
                w.write(line);
                w.write('\n');
                w.flush();
            }
        } catch (IOException e) {
            output.append("[output pump: ").append(e).append("]\n");
        }
    }

    /** @return everything the demo printed so far */
    String output() {
        return output.toString();
    }

    /** @return the pid of the demo (and the id of its process group) */
    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits for the report file, written when the flow is complete.
     *
     * @return true when it appeared; false when the demo exited or {@code limit} passed first
     */
    boolean awaitReport(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(report)) {
                return true;
            }
            if (!process.isAlive()) {
                return Files.exists(report);
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Presses Enter: a demo holding the stack (GOLEM_DEMO_HOLD) goes on to stop it. */
    void release() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write('\n');
        in.flush();
        in.close();
    }

    /** What Ctrl-C in its terminal does: SIGINT to the demo's whole process group. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -INT -" + process.pid() + " failed");
        }
    }

    /**
     * Waits for the demo to end.
     *
     * @return its exit status
     * @throws AssertionError when it is still running after {@code limit}
     */
    int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("bin/demo still runs after " + limit + "; its output:\n" + output());
        }
        pump.join(10_000);
        return process.exitValue();
    }

    /** Stops a demo that is still running the way a user would: Ctrl-C, then (after 2 minutes) SIGKILL. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            interrupt();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).inheritIO().start().waitFor();
            }
        }
    }
}
