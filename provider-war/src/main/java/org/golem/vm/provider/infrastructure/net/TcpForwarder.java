package org.golem.vm.provider.infrastructure.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Forwards TCP connections from a listening host port to a target {@code host:port}: the SSH forward of a
 * Multipass VM (public port → the VM's address, port 22).
 *
 * <p>Why our own: exposing the VM's SSH port is the core of the product, the JDK has no TCP proxy, and the
 * original provider's port forwarder ran on the API's event loop without backpressure and was never
 * torn down. This one is small enough to own and test completely:
 * <ul>
 *   <li>non-blocking NIO with one selector thread per forwarder, no thread per connection;</li>
 *   <li>bidirectional with bounded buffers ({@link Options#bufferBytes} per direction): a side is not read while
 *       the buffer towards the other side is full, so a slow reader slows the writer down (backpressure);</li>
 *   <li>half-close: end of stream from one side becomes {@code shutdownOutput} towards the other once the buffered
 *       bytes are written; the connection is closed when both directions have ended;</li>
 *   <li>an I/O error on either side, a refused or timed-out connect to the target, closes both sides;</li>
 *   <li>{@link #stop} closes the listener and every connection and returns only when the selector thread has
 *       ended, so the port can be bound again at once.</li>
 * </ul>
 */
public final class TcpForwarder implements AutoCloseable {

    /**
     * Tuning.
     *
     * @param bufferBytes    buffer per direction and connection, bytes (≥ 1024)
     * @param connectTimeout how long a connect to the target may take before the client connection is closed
     * @param maxConnections connections accepted at once; further clients are closed at once (≥ 1)
     */
    public record Options(int bufferBytes, Duration connectTimeout, int maxConnections) {
        /** 64 KiB per direction, 10 s connect timeout, 256 connections. */
        public static final Options DEFAULT = new Options(64 * 1024, Duration.ofSeconds(10), 256);

        /** @throws IllegalArgumentException for a buffer under 1024 bytes, no connections or a timeout ≤ 0 */
        public Options {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (bufferBytes < 1024 || maxConnections < 1 || connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("bad forwarder options");
            }
        }
    }

    private static final Logger LOG = Logger.getLogger(TcpForwarder.class.getName());
    /** Prefix of the selector threads' names. */
    public static final String THREAD_PREFIX = "tcp-forwarder-";

    private final InetSocketAddress target;
    private final Options options;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final InetSocketAddress listenAddress;
    private final Thread thread;
    private final Set<Connection> connections = new HashSet<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean running = true;

    private TcpForwarder(InetSocketAddress listen, InetSocketAddress target, Options options) throws IOException {
        this.target = target;
        this.options = options;
        this.selector = Selector.open();
        ServerSocketChannel ssc = null;
        try {
            ssc = ServerSocketChannel.open();
            ssc.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ssc.bind(listen, 128);
            ssc.configureBlocking(false);
            ssc.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            if (ssc != null) {
                ssc.close();
            }
            selector.close();
            throw e;
        }
        this.server = ssc;
        this.listenAddress = (InetSocketAddress) ssc.getLocalAddress();
        this.thread = new Thread(this::run, THREAD_PREFIX + listenAddress.getPort());
        this.thread.setDaemon(true);
    }

    /**
     * Binds the listener and starts forwarding.
     *
     * @param listen  where to listen, e.g. {@code 0.0.0.0:50800}; port 0 picks a free port
     * @param target  where to connect for each client, e.g. the VM's {@code 10.1.2.3:22}; resolved now
     * @param options tuning
     * @return the running forwarder
     * @throws IOException when the listener cannot be bound (e.g. {@link java.net.BindException}: port in use)
     */
    public static TcpForwarder start(InetSocketAddress listen, InetSocketAddress target, Options options)
            throws IOException {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        InetSocketAddress resolved = target.isUnresolved()
                ? new InetSocketAddress(target.getHostString(), target.getPort()) : target;
        TcpForwarder forwarder = new TcpForwarder(listen, resolved, options);
        forwarder.thread.start();
        LOG.info(() -> "forwarding " + forwarder.listenAddress + " → " + resolved);
        return forwarder;
    }

    /**
     * {@link #start(InetSocketAddress, InetSocketAddress, Options)} with {@link Options#DEFAULT}.
     *
     * @param listen where to listen
     * @param target where to connect
     * @return the running forwarder
     * @throws IOException when the listener cannot be bound
     */
    public static TcpForwarder start(InetSocketAddress listen, InetSocketAddress target) throws IOException {
        return start(listen, target, Options.DEFAULT);
    }

    /** @return the bound listening address (with the real port when 0 was asked) */
    public InetSocketAddress listenAddress() {
        return listenAddress;
    }

    /** @return the target address */
    public InetSocketAddress target() {
        return target;
    }

    /** @return connections open right now */
    public int activeConnections() {
        return active.get();
    }

    /** @return connections accepted since start */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** @return bytes written to either side since start */
    public long bytesForwarded() {
        return bytes.get();
    }

    /** @return true until {@link #stop} was called or the selector thread died */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /**
     * Closes the listener and every connection (both sides) and waits for the selector thread to end (at most
     * 5 seconds), so the port is free when this returns. Idempotent.
     */
    public void stop() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000); // the thread has really ended (not just closed the sockets) when this returns
                if (thread.isAlive()) {
                    LOG.warning(() -> "forwarder thread " + thread.getName() + " did not end in 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Same as {@link #stop}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "TcpForwarder[" + listenAddress + " → " + target + "]";
    }

    private void run() {
        try {
            while (running) {
                selector.select(nextTimeoutMillis());
                if (!running) {
                    break;
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.attachment() == null) {
                        acceptAll();
                    } else {
                        ((Connection) key.attachment()).handle(key);
                    }
                }
                expireConnects();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.log(Level.SEVERE, this + " failed; forwarding stopped", e);
            }
        } finally {
            running = false;
            for (Connection c : new ArrayList<>(connections)) {
                c.close(null);
            }
            closeQuietly(server);
            try {
                selector.close(); // deregisters the channels, so their sockets are really closed now
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing selector", e);
            }
            LOG.info(() -> "stopped forwarding " + listenAddress + " → " + target);
        }
    }

    private long nextTimeoutMillis() {
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        for (Connection c : connections) {
            if (!c.connected) {
                next = Math.min(next, c.connectDeadline - now);
            }
        }
        if (next == Long.MAX_VALUE) {
            return 0; // block until an event or wakeup
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    private void expireConnects() {
        long now = System.nanoTime();
        for (Connection c : new ArrayList<>(connections)) {
            if (!c.connected && now - c.connectDeadline >= 0) {
                c.close("connect to " + target + " timed out");
            }
        }
    }

    private void acceptAll() throws IOException {
        SocketChannel client;
        while ((client = server.accept()) != null) {
            accepted.incrementAndGet();
            if (connections.size() >= options.maxConnections()) {
                LOG.warning(() -> this + ": " + options.maxConnections() + " connections open, refusing another");
                closeQuietly(client);
                continue;
            }
            SocketChannel upstream = null;
            try {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                upstream = SocketChannel.open();
                upstream.configureBlocking(false);
                upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c = new Connection(client, upstream);
                connections.add(c);
                active.incrementAndGet();
                c.clientKey = client.register(selector, 0, c);
                boolean done = upstream.connect(target);
                c.upstreamKey = upstream.register(selector, done ? 0 : SelectionKey.OP_CONNECT, c);
                if (done) {
                    c.connected();
                }
            } catch (IOException e) {
                SocketChannel failed = client;
                LOG.fine(() -> this + ": cannot forward " + failed + ": " + e.getMessage());
                Connection c = find(client);
                if (c != null) {
                    c.close(null);
                } else {
                    closeQuietly(client);
                    closeQuietly(upstream);
                }
            }
        }
    }

    private Connection find(SocketChannel client) {
        for (Connection c : connections) {
            if (c.client == client) {
                return c;
            }
        }
        return null;
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(Level.FINEST, "close", e);
            }
        }
    }

    /** One direction: bytes read from {@code src}, buffered, written to {@code dst}. */
    private final class Pipe {
        final SocketChannel src;
        final SocketChannel dst;
        final ByteBuffer buf = ByteBuffer.allocate(options.bufferBytes()); // fill mode between calls
        boolean srcEof;
        boolean dstShut;

        Pipe(SocketChannel src, SocketChannel dst) {
            this.src = src;
            this.dst = dst;
        }

        void pump(boolean readable) throws IOException {
            if (readable && !srcEof && buf.hasRemaining()) {
                if (src.read(buf) < 0) {
                    srcEof = true;
                }
            }
            if (buf.position() > 0) {
                buf.flip();
                bytes.addAndGet(dst.write(buf));
                buf.compact();
            }
            if (srcEof && buf.position() == 0 && !dstShut) {
                dstShut = true;
                dst.shutdownOutput();
            }
        }

        boolean wantsRead() {
            return !srcEof && buf.hasRemaining();
        }

        boolean wantsWrite() {
            return buf.position() > 0;
        }
    }

    /** A client connection and its upstream connection. */
    private final class Connection {
        final SocketChannel client;
        final SocketChannel upstream;
        final Pipe up;
        final Pipe down;
        final long connectDeadline;
        SelectionKey clientKey;
        SelectionKey upstreamKey;
        boolean connected;
        boolean closed;

        Connection(SocketChannel client, SocketChannel upstream) {
            this.client = client;
            this.upstream = upstream;
            this.up = new Pipe(client, upstream);
            this.down = new Pipe(upstream, client);
            this.connectDeadline = System.nanoTime() + options.connectTimeout().toNanos();
        }

        void connected() {
            connected = true;
            updateInterest();
        }

        void handle(SelectionKey key) {
            try {
                if (!connected) {
                    if (key == upstreamKey && key.isConnectable()) {
                        if (upstream.finishConnect()) {
                            connected();
                        }
                    } else if (key == clientKey) {
                        // not registered for anything before the connect completes
                        return;
                    }
                    return;
                }
                boolean fromClient = key == clientKey;
                boolean readable = key.isReadable();
                // read from the ready side, then flush both directions (a writable key drains the other pipe)
                if (fromClient) {
                    up.pump(readable);
                    down.pump(false);
                } else {
                    down.pump(readable);
                    up.pump(false);
                }
                if (up.dstShut && down.dstShut) {
                    close(null);
                } else {
                    updateInterest();
                }
            } catch (IOException e) {
                close(e.getMessage());
            }
        }

        void updateInterest() {
            if (closed) {
                return;
            }
            int ci = (up.wantsRead() ? SelectionKey.OP_READ : 0) | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0);
            int ui = (down.wantsRead() ? SelectionKey.OP_READ : 0) | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0);
            clientKey.interestOps(ci);
            upstreamKey.interestOps(ui);
        }

        void close(String why) {
            if (closed) {
                return;
            }
            closed = true;
            if (why != null) {
                LOG.fine(() -> TcpForwarder.this + ": closing " + client + ": " + why);
            }
            connections.remove(this);
            active.decrementAndGet();
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }
}
