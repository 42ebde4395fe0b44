package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A minimal QMP client: connects to a VM's QMP socket, negotiates capabilities and sends one command. */
final class Qmp {
    private Qmp() {
    }

    /**
     * Sends {@code {"execute": command}} and waits for its reply.
     *
     * @return the reply line ({@code {"return": ...}} or {@code {"error": ...}})
     * @throws IOException when the socket cannot be reached or closes early (e.g. {@code quit} may close it first)
     */
    static String execute(Path socket, String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            String greeting = in.readLine();
            if (greeting == null || !greeting.contains("\"QMP\"")) {
                throw new IOException("no QMP greeting on " + socket + ": " + greeting);
            }
            send(ch, "{\"execute\":\"qmp_capabilities\"}");
            reply(in);
            send(ch, "{\"execute\":\"" + command + "\"}");
            return reply(in);
        }
    }

    private static void send(SocketChannel ch, String line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static String reply(BufferedReader in) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                return line;
            }
            // asynchronous events ({"event": ...}) are skipped
        }
        throw new IOException("QMP connection closed before a reply");
    }
}
