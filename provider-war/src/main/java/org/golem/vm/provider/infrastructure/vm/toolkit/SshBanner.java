package org.golem.vm.provider.infrastructure.vm.toolkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;
import org.golem.vm.provider.application.port.VmDriverException;

/**
 * Readiness of a guest: its SSH server's greeting (RFC 4253 §4.2: the server sends {@code SSH-protoversion-…} first)
 * read through the host port that forwards to it. A TCP connect alone proves nothing: QEMU's user-mode
 * {@code hostfwd} and our own forwarder accept connections before the guest is up.
 */
public final class SshBanner {
    private static final int MAX_LINE = 255;

    private SshBanner() {
    }

    /**
     * Something that must hold while waiting (e.g. "the qemu process is alive"); it throws to end the wait early.
     */
    @FunctionalInterface
    public interface Guard {
        /** @throws VmDriverException to abort the wait with this error */
        void check() throws VmDriverException;
    }

    /**
     * One attempt.
     *
     * @param address the forwarded host address and port
     * @param timeout connect timeout and read timeout, each
     * @return null when the first line starts with {@code SSH-}, else why not (for error messages)
     */
    public static String probe(InetSocketAddress address, Duration timeout) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket s = new Socket()) {
            s.connect(address, ms);
            s.setSoTimeout(ms);
            String line = readLine(s.getInputStream());
            if (line.startsWith("SSH-")) {
                return null;
            }
            return line.isEmpty() ? "connection closed without a banner" : "unexpected greeting";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * @param host the forwarded address
     * @param port the forwarded port
     * @return whether an {@code SSH-} banner arrives within 0.5 s of connecting (0.5 s connect timeout)
     */
    public static boolean answers(String host, int port) {
        return probe(new InetSocketAddress(host, port), Duration.ofMillis(500)) == null;
    }

    /**
     * Polls until the banner arrives.
     *
     * @param address        the forwarded host address and port
     * @param deadline       when to give up
     * @param attemptTimeout connect and read timeout of one attempt (capped at the time left)
     * @param pause          pause between attempts
     * @param guard          checked before each attempt
     * @param timeoutMessage the {@code BOOT_TIMEOUT} message, given why the last attempt failed
     * @throws VmDriverException {@code BOOT_TIMEOUT} at the deadline, or what {@code guard} throws
     */
    public static void await(InetSocketAddress address, Deadline deadline, Duration attemptTimeout, Duration pause,
                             Guard guard, Function<String, String> timeoutMessage) throws VmDriverException {
        String last = "no answer";
        while (true) {
            guard.check();
            long left = deadline.remainingMillis();
            if (left <= 0) {
                throw new VmDriverException(VmDriverException.Code.BOOT_TIMEOUT, timeoutMessage.apply(last));
            }
            last = probe(address, Duration.ofMillis(Math.min(left, attemptTimeout.toMillis())));
            if (last == null) {
                return;
            }
            Deadline.pause(pause);
        }
    }

    /**
     * @param bind the address a forward listens on
     * @return the address to connect to for it: the loopback of the same family for a wildcard ({@code 0.0.0.0}
     *         → {@code 127.0.0.1}, {@code ::} → {@code ::1}), else {@code bind}
     */
    public static InetAddress connectable(InetAddress bind) {
        if (!bind.isAnyLocalAddress()) {
            return bind;
        }
        try {
            return InetAddress.getByName(bind instanceof Inet6Address ? "::1" : "127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // literals never need a lookup
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while (sb.length() < MAX_LINE && (c = in.read()) >= 0 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString().strip();
    }
}
