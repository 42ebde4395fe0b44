package org.golem.vm.cli.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection of a {@link ProxyServer}: reads the HTTP request head or the SOCKS5 handshake, connects to
 * the target, answers, and relays both directions until they end. See {@link ProxyServer} for what is spoken.
 */
final class ProxyConnection {

    /** The largest request or answer head read (request line or status line and headers). */
    static final int MAX_HEAD = 64 * 1024;
    private static final int BUFFER = 16 * 1024;
    /** Hop-by-hop headers (RFC 9110 §7.6.1) a proxy does not pass on; lower case. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
            "proxy-authorization", "proxy-authenticate", "te", "trailer", "upgrade");

    /** A refusal or failure that ends the connection, and how it is logged. */
    record Failure(String protocol, String target, String error) {
        ConnectionLog log(long up, long down) {
            return new ConnectionLog(protocol, target, up, down, error);
        }
    }

    /** A request the proxy refuses; the message is the reason, one line. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int httpStatus;
        private final int socksReply;

        Refused(int httpStatus, int socksReply, String message) {
            super(message);
            this.httpStatus = httpStatus;
            this.socksReply = socksReply;
        }
    }

    private final ProxyServer server;
    private final Socket client;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private volatile long lastActivity = System.nanoTime();
    private volatile String error;
    private volatile boolean finishing;
    private String protocol = "unknown";
    private String target;

    ProxyConnection(ProxyServer server, Socket client) {
        this.server = server;
        this.client = client;
    }

    /** Serves the connection to its end; never throws for I/O. */
    ConnectionLog run() {
        Socket remote = null;
        try {
            client.setSoTimeout(millis(server.limits().headTimeout()));
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
            OutputStream out = client.getOutputStream();
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                return fail("the client closed without sending a request");
            }
            in.reset();
            if (first == 0x05) {
                protocol = "socks5";
                remote = socks(in, out);
                relay(in, out, remote, remote.getInputStream(), false);
            } else {
                remote = http(in, out);
                relay(in, out, remote, new BufferedInputStream(remote.getInputStream(), BUFFER),
                        protocol.equals("http"));
            }
            return new ConnectionLog(protocol, target, up.get(), down.get(), error);
        } catch (Refused r) {
            return fail(r.getMessage());
        } catch (SocketTimeoutException e) {
            return fail("the client sent no complete request in time");
        } catch (EOFException e) {
            return fail("the client closed in the middle of its request");
        } catch (IOException e) {
            return fail(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            if (remote != null) {
                ProxyServer.closeQuietly(remote);
                server.untrack(remote);
            }
        }
    }

    private ConnectionLog fail(String why) {
        return new Failure(protocol, target, error != null ? error : why).log(up.get(), down.get());
    }

    // ---- HTTP ----

    /** Reads the request head, connects, answers a CONNECT or sends the rewritten request on. */
    private Socket http(InputStream in, OutputStream out) throws IOException, Refused {
        byte[] raw;
        try {
            raw = readHead(in);
        } catch (Refused r) {
            answer(out, r);
            throw r;
        }
        if (raw == null) {
            throw new EOFException();
        }
        try {
            return httpRequest(new String(raw, StandardCharsets.ISO_8859_1), out);
        } catch (Refused r) {
            answer(out, r);
            throw r;
        }
    }

    private Socket httpRequest(String head, OutputStream out) throws IOException, Refused {
        List<String> lines = lines(head);
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || !requestLine[2].startsWith("HTTP/1.")) {
            throw bad("malformed request line: " + abbreviate(lines.get(0)));
        }
        String method = requestLine[0];
        if (method.equals("CONNECT")) {
            protocol = "connect";
            HostPort hp = HostPort.authority(requestLine[1]);
            if (hp == null) {
                throw bad("CONNECT needs host:port, got " + abbreviate(requestLine[1]));
            }
            target = hp.toString();
            Socket remote = connect(hp);
            write(out, "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return remote;
        }
        protocol = "http";
        URI uri;
        try {
            uri = new URI(requestLine[1]);
        } catch (URISyntaxException e) {
            throw bad("malformed request target: " + abbreviate(requestLine[1]));
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw bad("not a proxy request: the target must be an absolute http:// URL, got "
                    + abbreviate(requestLine[1]));
        }
        if (!uri.getScheme().equalsIgnoreCase("http")) {
            throw bad("only http:// URLs are fetched for the client; use CONNECT (https_proxy) for "
                    + uri.getScheme() + "://");
        }
        HostPort hp = new HostPort(stripBrackets(uri.getHost()), uri.getPort() < 0 ? 80 : uri.getPort());
        target = hp.toString();
        StringBuilder b = new StringBuilder(head.length() + 32);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        b.append(method).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            b.append('?').append(uri.getRawQuery());
        }
        b.append(' ').append(requestLine[2]).append("\r\n");
        List<String[]> headers = headers(lines);
        Set<String> drop = connectionOptions(headers);
        boolean host = false;
        for (String[] h : headers) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (drop.contains(name)) {
                continue;
            }
            host |= name.equals("host");
            b.append(h[0]).append(':').append(h[1]).append("\r\n");
        }
        if (!host) {
            b.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        Socket remote = connect(hp);
        byte[] request = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        try {
            remote.getOutputStream().write(request);
        } catch (IOException e) {
            ProxyServer.closeQuietly(remote);
            throw new Refused(502, 1, "cannot send the request to " + target + ": " + e.getMessage());
        }
        count(up, server.bytesUp, request.length);
        return remote;
    }

    /**
     * Passes the origin's answer heads on: interim {@code 1xx} heads unchanged, the final one with
     * {@code Connection: close} in place of its connection headers.
     *
     * @return false when the origin closed without an answer (the client got a 502)
     */
    private boolean answerHead(InputStream remoteIn, OutputStream out) throws IOException {
        while (true) {
            byte[] raw;
            try {
                raw = readHead(remoteIn);
            } catch (Refused r) {
                answer(out, new Refused(502, 1, "the answer of " + target + " has a head over 64 KiB"));
                error = "answer head too large";
                return false;
            }
            if (raw == null) {
                answer(out, new Refused(502, 1, target + " closed without an answer"));
                error = target + " closed without an answer";
                return false;
            }
            String head = new String(raw, StandardCharsets.ISO_8859_1);
            List<String> lines = lines(head);
            String[] status = lines.get(0).split(" ", 3);
            if (!status[0].startsWith("HTTP/1.") || status.length < 2 || !status[1].matches("\\d{3}")) {
                answer(out, new Refused(502, 1, target + " answered no HTTP/1.x status line"));
                error = target + " answered no HTTP/1.x status line";
                return false;
            }
            int code = Integer.parseInt(status[1]);
            if (code >= 100 && code < 200 && code != 101) {
                write(out, raw);
                count(down, server.bytesDown, raw.length);
                continue;
            }
            StringBuilder b = new StringBuilder(head.length() + 32).append(lines.get(0)).append("\r\n");
            List<String[]> headers;
            try {
                headers = headers(lines);
            } catch (Refused r) {
                answer(out, new Refused(502, 1, "the answer of " + target + " has a malformed header"));
                error = "malformed answer header";
                return false;
            }
            Set<String> drop = connectionOptions(headers);
            for (String[] h : headers) {
                if (!drop.contains(h[0].toLowerCase(Locale.ROOT))) {
                    b.append(h[0]).append(':').append(h[1]).append("\r\n");
                }
            }
            b.append("Connection: close\r\n\r\n");
            byte[] rewritten = b.toString().getBytes(StandardCharsets.ISO_8859_1);
            write(out, rewritten);
            count(down, server.bytesDown, rewritten.length);
            return true;
        }
    }

    private static List<String> lines(String head) {
        List<String> lines = new ArrayList<>();
        for (String l : head.split("\n", -1)) {
            lines.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** @return the header fields after the first line, each {name, value as written after the colon} */
    private static List<String[]> headers(List<String> lines) throws Refused {
        List<String[]> headers = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            int colon = l.indexOf(':');
            if (colon <= 0 || l.charAt(0) == ' ' || l.charAt(0) == '\t' || l.substring(0, colon).contains(" ")) {
                throw bad("malformed header line: " + abbreviate(l));
            }
            headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1)});
        }
        return headers;
    }

    /** @return the hop-by-hop headers and the options named by {@code Connection}, lower case */
    private static Set<String> connectionOptions(List<String[]> headers) {
        Set<String> drop = new HashSet<>(HOP_BY_HOP);
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("connection") || h[0].equalsIgnoreCase("proxy-connection")) {
                for (String option : h[1].split(",")) {
                    drop.add(option.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return drop;
    }

    private void answer(OutputStream out, Refused r) {
        String reason = switch (r.httpStatus) {
            case 400 -> "Bad Request";
            case 431 -> "Request Header Fields Too Large";
            case 504 -> "Gateway Timeout";
            default -> "Bad Gateway";
        };
        byte[] body = ("golem proxy: " + r.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + r.httpStatus + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        try {
            OutputStream o = out;
            o.write(head.getBytes(StandardCharsets.ISO_8859_1));
            o.write(body);
            o.flush();
        } catch (IOException e) {
            // the client is gone; the refusal is logged anyway
        }
    }

    private static Refused bad(String message) {
        return new Refused(400, 1, message);
    }

    /**
     * @return the head up to and including its empty line, or null when the stream ended before any byte of it
     * @throws EOFException when the stream ended inside the head
     * @throws Refused      (431) when the head is longer than {@link #MAX_HEAD}
     */
    static byte[] readHead(InputStream in) throws IOException, Refused {
        ByteArrayOutputStream b = new ByteArrayOutputStream(512);
        int p1 = -1;
        int p2 = -1;
        int c;
        while ((c = in.read()) >= 0) {
            if (b.size() == 0 && (c == '\r' || c == '\n')) {
                continue; // empty lines before a request line are ignored (RFC 9112 §2.2)
            }
            b.write(c);
            if (c == '\n' && (p1 == '\n' || (p1 == '\r' && p2 == '\n'))) {
                return b.toByteArray();
            }
            if (b.size() > MAX_HEAD) {
                throw new Refused(431, 1, "request head over 64 KiB");
            }
            p2 = p1;
            p1 = c;
        }
        if (b.size() == 0) {
            return null;
        }
        throw new EOFException("the stream ended inside an HTTP head");
    }

    // ---- SOCKS5 (RFC 1928) ----

    private Socket socks(InputStream in, OutputStream out) throws IOException, Refused {
        DataInputStream d = new DataInputStream(in);
        d.readUnsignedByte(); // version 5, sniffed
        byte[] methods = new byte[d.readUnsignedByte()];
        d.readFully(methods);
        boolean noAuth = false;
        for (byte m : methods) {
            noAuth |= m == 0x00;
        }
        if (!noAuth) {
            write(out, new byte[] {0x05, (byte) 0xFF});
            throw new Refused(400, 0xFF, "SOCKS5 client offers no method without authentication");
        }
        write(out, new byte[] {0x05, 0x00});
        int version = d.readUnsignedByte();
        int command = d.readUnsignedByte();
        d.readUnsignedByte(); // reserved
        int type = d.readUnsignedByte();
        if (version != 0x05) {
            throw socksRefused(out, 0x01, "SOCKS5 request with version " + version);
        }
        String host;
        switch (type) {
            case 0x01, 0x04 -> {
                byte[] a = new byte[type == 0x01 ? 4 : 16];
                d.readFully(a);
                host = InetAddress.getByAddress(a).getHostAddress();
            }
            case 0x03 -> {
                byte[] name = new byte[d.readUnsignedByte()];
                d.readFully(name);
                host = new String(name, StandardCharsets.US_ASCII);
            }
            default -> throw socksRefused(out, 0x08, "SOCKS5 address type " + type + " is not supported");
        }
        int port = d.readUnsignedShort();
        HostPort hp = new HostPort(host, port);
        target = hp.toString();
        if (command != 0x01) {
            throw socksRefused(out, 0x07, "SOCKS5 command " + command + " is not supported (only CONNECT)");
        }
        if (host.isEmpty() || port == 0) {
            throw socksRefused(out, 0x04, "SOCKS5 request for " + target);
        }
        Socket remote;
        try {
            remote = connect(hp);
        } catch (Refused r) {
            throw socksRefused(out, r.socksReply, r.getMessage());
        }
        InetAddress bound = remote.getLocalAddress();
        byte[] addr = bound.getAddress();
        byte[] reply = new byte[6 + addr.length];
        reply[0] = 0x05;
        reply[3] = (byte) (bound instanceof Inet4Address ? 0x01 : 0x04);
        System.arraycopy(addr, 0, reply, 4, addr.length);
        reply[4 + addr.length] = (byte) (remote.getLocalPort() >> 8);
        reply[5 + addr.length] = (byte) remote.getLocalPort();
        write(out, reply);
        return remote;
    }

    private static Refused socksRefused(OutputStream out, int reply, String message) {
        try {
            out.write(new byte[] {0x05, (byte) reply, 0x00, 0x01, 0, 0, 0, 0, 0, 0});
            out.flush();
        } catch (IOException e) {
            // the client is gone
        }
        return new Refused(400, reply, message);
    }

    // ---- connecting and relaying ----

    private Socket connect(HostPort hp) throws Refused {
        Socket s = new Socket();
        server.track(s);
        try {
            s.connect(new InetSocketAddress(hp.host(), hp.port()), millis(server.limits().connectTimeout()));
            s.setTcpNoDelay(true);
            return s;
        } catch (IOException e) {
            ProxyServer.closeQuietly(s);
            server.untrack(s);
            if (e instanceof UnknownHostException) {
                throw new Refused(502, 0x04, "cannot resolve " + hp.host());
            }
            if (e instanceof SocketTimeoutException) {
                throw new Refused(504, 0x04, "connecting to " + hp + " timed out");
            }
            if (e instanceof ConnectException) {
                throw new Refused(502, 0x05, "connection to " + hp + " refused");
            }
            if (e instanceof NoRouteToHostException) {
                throw new Refused(502, 0x04, "no route to " + hp);
            }
            throw new Refused(502, 0x01, "cannot connect to " + hp + ": " + e.getMessage());
        }
    }

    /**
     * Relays both directions: client to target on a pool thread, target to client here. A tunnel half-closes
     * (end of one direction is passed on, the other keeps going); an HTTP request ends when the answer ends.
     */
    private void relay(InputStream clientIn, OutputStream clientOut, Socket remote, InputStream remoteIn,
                       boolean httpAnswer) throws IOException {
        int tick = (int) Math.min(millis(server.limits().idleTimeout()), 2_000);
        client.setSoTimeout(tick);
        remote.setSoTimeout(tick);
        lastActivity = System.nanoTime();
        OutputStream remoteOut = remote.getOutputStream();
        CountDownLatch upDone = new CountDownLatch(1);
        server.execute(() -> {
            try {
                pump(clientIn, remoteOut, up, server.bytesUp);
                remote.shutdownOutput();
            } catch (IOException e) {
                broken(e, remote);
            } finally {
                upDone.countDown();
            }
        });
        try {
            if (!httpAnswer || answerHead(remoteIn, clientOut)) {
                pump(remoteIn, clientOut, down, server.bytesDown);
            }
            if (httpAnswer) {
                finishing = true; // the answer is complete and said Connection: close
                ProxyServer.closeQuietly(client);
                ProxyServer.closeQuietly(remote);
            } else {
                client.shutdownOutput();
            }
        } catch (IOException e) {
            broken(e, remote);
        }
        try {
            upDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records the first real error and closes both sockets, which ends the other direction. */
    private void broken(IOException e, Socket remote) {
        if (!finishing && !server.isClosed() && error == null) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        finishing = true;
        ProxyServer.closeQuietly(client);
        ProxyServer.closeQuietly(remote);
    }

    private void pump(InputStream in, OutputStream out, AtomicLong mine, AtomicLong all) throws IOException {
        byte[] buf = new byte[BUFFER];
        long idle = server.limits().idleTimeout().toNanos();
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() - lastActivity > idle) {
                    throw new SocketTimeoutException("idle for " + server.limits().idleTimeout().toSeconds() + " s");
                }
                continue;
            }
            if (n < 0) {
                return;
            }
            out.write(buf, 0, n);
            count(mine, all, n);
        }
    }

    private void count(AtomicLong mine, AtomicLong all, long n) {
        mine.addAndGet(n);
        all.addAndGet(n);
        lastActivity = System.nanoTime();
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A target: host name or address literal (IPv6 without brackets) and TCP port. */
    record HostPort(String host, int port) {

        /** @return {@code host:port}, an IPv6 address in brackets */
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        /** @return the target of {@code host:port} or {@code [v6]:port}, or null when it is not one */
        static HostPort authority(String s) {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                return null;
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[")) {
                if (!host.endsWith("]") || host.length() < 3) {
                    return null;
                }
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":") || host.contains("/") || host.contains("@")) {
                return null;
            }
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            return port < 1 || port > 65535 ? null : new HostPort(host, port);
        }
    }
}
