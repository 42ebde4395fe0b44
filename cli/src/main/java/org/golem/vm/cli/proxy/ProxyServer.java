package org.golem.vm.cli.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A forwarding proxy on {@code 127.0.0.1} (an ephemeral port) that speaks HTTP and SOCKS5 on the same port; the
 * first byte a client sends tells them apart ({@code 0x05} is SOCKS5, anything else is read as an HTTP request head).
 * It is what {@code golem vm proxy} and {@code golem vm ssh --share-network} offer to a VM through an SSH remote
 * forward, so the VM's outbound traffic leaves from the requestor's machine.
 *
 * <p>This forwarder is the core of that feature, so it is the project's own code rather than a library (the seed's
 * Python proxy served one client with HTTP GET only). What it speaks:
 * <ul>
 *   <li>HTTP {@code CONNECT host:port} (RFC 9110 §9.3.6): a TCP tunnel, answered {@code 200 Connection established};
 *       used by HTTPS clients and any TCP client with {@code https_proxy}.</li>
 *   <li>HTTP requests in absolute form ({@code GET http://host[:port]/path HTTP/1.1}, RFC 9112 §3.2.2), as clients
 *       with {@code http_proxy} send them (busybox wget, apt, curl): one request per client connection. The request
 *       goes to the origin in origin form with its hop-by-hop headers removed (RFC 9110 §7.6.1: {@code Connection}
 *       and the headers it names, {@code Proxy-Connection}, {@code Keep-Alive}, {@code Proxy-Authorization},
 *       {@code TE}, {@code Trailer}, {@code Upgrade}) and {@code Connection: close} added; the answer's head gets
 *       {@code Connection: close} in place of its connection headers (interim {@code 1xx} heads pass unchanged), so a
 *       keep-alive client knows to open a new connection for its next request; the body is relayed until the origin
 *       closes, as it must after a request with {@code close}.</li>
 *   <li>SOCKS5 (RFC 1928): method {@code 0x00} (no authentication) only, command CONNECT only, IPv4, domain name
 *       (resolved here, on the requestor's side: {@code socks5h}) and IPv6 addresses.</li>
 * </ul>
 * Refusals: a malformed or unsupported HTTP request gets {@code 400} ({@code 431} for a head over 64 KiB), a target
 * that cannot be reached {@code 502} ({@code 504} when the connect timed out); SOCKS5 answers with its reply codes
 * ({@code 0x04} host unreachable, {@code 0x05} connection refused, {@code 0x07} command not supported, {@code 0x08}
 * address type not supported, {@code 0x01} other failures).
 *
 * <p>Each connection takes two threads of a bounded pool (one per direction); at most
 * {@link Limits#maxConnections()} are open at once, further clients wait in the listen backlog. A connection idle
 * in both directions for {@link Limits#idleTimeout()} is closed. Bytes are counted per connection and in total
 * ({@link #stats()}, {@link ConnectionLog}).
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProxyServer.class.getName());

    /**
     * @param maxConnections connections served at once (each takes two threads)
     * @param connectTimeout how long a connect to a target may take
     * @param headTimeout    how long a client may take to send its request head or SOCKS5 handshake
     * @param idleTimeout    how long a connection may stay without traffic in either direction
     */
    public record Limits(int maxConnections, Duration connectTimeout, Duration headTimeout, Duration idleTimeout) {

        /** @return 256 connections, connect 15 s, head 30 s, idle 15 min */
        public static Limits defaults() {
            return new Limits(256, Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(15));
        }

        /**
         * @throws IllegalArgumentException when a value is not positive
         */
        public Limits {
            if (maxConnections < 1 || connectTimeout.isNegative() || connectTimeout.isZero()
                    || headTimeout.isNegative() || headTimeout.isZero() || idleTimeout.isNegative()
                    || idleTimeout.isZero()) {
                throw new IllegalArgumentException("proxy limits must be positive");
            }
        }
    }

    private final ServerSocket server;
    private final Limits limits;
    private final Consumer<ConnectionLog> listener;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    final AtomicLong bytesUp = new AtomicLong();
    final AtomicLong bytesDown = new AtomicLong();
    private volatile boolean closed;

    private ProxyServer(ServerSocket server, Limits limits, Consumer<ConnectionLog> listener) {
        this.server = server;
        this.limits = limits;
        this.listener = listener;
        this.slots = new Semaphore(limits.maxConnections());
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, 2 * limits.maxConnections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "golem-proxy-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::acceptLoop, "golem-proxy-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy on {@code 127.0.0.1} with an ephemeral port.
     *
     * @param limits   connection limits and timeouts
     * @param listener told about each finished connection (called on the connection's thread; must not block)
     * @return the running proxy
     * @throws IOException when no port can be bound
     */
    public static ProxyServer start(Limits limits, Consumer<ConnectionLog> listener) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        ProxyServer p = new ProxyServer(s, limits, listener);
        p.acceptor.start();
        return p;
    }

    /** @return the port on 127.0.0.1 the proxy listens on */
    public int port() {
        return server.getLocalPort();
    }

    /** @return the counters now */
    public ProxyStats stats() {
        return new ProxyStats(open.get(), total.get(), failed.get(), bytesUp.get(), bytesDown.get());
    }

    Limits limits() {
        return limits;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                slots.release();
                if (!closed) {
                    LOG.log(Level.WARNING, "proxy accept failed", e);
                }
                return;
            }
            total.incrementAndGet();
            open.incrementAndGet();
            sockets.add(client);
            try {
                pool.execute(() -> serve(client));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                finished(client, new ConnectionLog("unknown", null, 0, 0, "proxy is shutting down"));
            }
        }
    }

    private void serve(Socket client) {
        ConnectionLog log;
        try {
            log = new ProxyConnection(this, client).run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "proxy connection failed", e);
            log = new ProxyConnection.Failure("unknown", null, String.valueOf(e)).log(0, 0);
        }
        finished(client, log);
    }

    private void finished(Socket client, ConnectionLog log) {
        closeQuietly(client);
        sockets.remove(client);
        if (log.error() != null) {
            failed.incrementAndGet();
        }
        try {
            listener.accept(log); // before the connection counts as closed: stats() never runs ahead of the logs
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "proxy listener failed", e);
        }
        open.decrementAndGet();
        slots.release();
    }

    /** Runs a task on the proxy's pool (the second direction of a connection). */
    void execute(Runnable task) {
        pool.execute(task);
    }

    /** Tracks a target socket so that {@link #close()} closes it. */
    void track(Socket s) {
        sockets.add(s);
        if (closed) {
            closeQuietly(s);
        }
    }

    void untrack(Socket s) {
        sockets.remove(s);
    }

    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Stops accepting, closes every open connection and waits up to 5 s for their threads. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the proxy's socket", e);
        }
        acceptor.interrupt();
        sockets.forEach(ProxyServer::closeQuietly);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** @return true once {@link #close()} was called */
    boolean isClosed() {
        return closed;
    }
}
