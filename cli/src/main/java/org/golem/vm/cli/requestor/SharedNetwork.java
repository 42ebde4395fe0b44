package org.golem.vm.cli.requestor;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.golem.vm.cli.proxy.ConnectionLog;
import org.golem.vm.cli.proxy.ProxyServer;
import org.golem.vm.cli.proxy.ProxyStats;
import org.golem.vm.cli.support.CliCommand;
import org.golem.vm.cli.support.CliException;
import picocli.CommandLine.Option;

/**
 * The requestor's network offered to a VM ({@code golem vm proxy}, {@code golem vm ssh --share-network}): a
 * {@link ProxyServer} on this machine's 127.0.0.1 and an SSH remote forward ({@code ssh -R}) from the VM's
 * {@code 127.0.0.1:<remote port>} to it, on an open session. The VM's clients use it through the usual proxy
 * variables ({@link #environment()}); what they reach is whatever this machine reaches, and their connections leave
 * from this machine's address. Closing it removes the forward and stops the proxy.
 */
final class SharedNetwork implements AutoCloseable {

    /** The VM-side port when none is given: 3128, the customary HTTP proxy port (Squid's). */
    static final int DEFAULT_REMOTE_PORT = 3128;

    /** {@code --remote-port}: the port on the VM's 127.0.0.1 that leads to the proxy. */
    static final class RemotePortOption {
        @Option(names = "--remote-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_REMOTE_PORT,
                description = "Port on the VM's 127.0.0.1 that leads to the proxy (default: ${DEFAULT-VALUE}; "
                        + "for vm ssh, with --share-network).")
        int port;

        /**
         * @param command the command, for the usage error
         * @return the port
         * @throws picocli.CommandLine.ParameterException when it is not 1..65535
         */
        int port(CliCommand command) {
            if (port < 1 || port > 65535) {
                throw command.usage("--remote-port must be 1..65535, got " + port);
            }
            return port;
        }
    }

    private final Session session;
    private final int remotePort;
    private ProxyServer proxy;
    private volatile String lastTarget;

    private SharedNetwork(Session session, int remotePort) {
        this.session = session;
        this.remotePort = remotePort;
    }

    /**
     * Starts the proxy and asks the VM's SSH server for the remote forward.
     *
     * @param session    a connected session to the VM
     * @param vm         the VM's name, for messages
     * @param remotePort the port on the VM's 127.0.0.1, 1..65535
     * @return the open share
     * @throws CliException when the proxy cannot start or the VM refuses the forward (port in use, forwarding
     *                      disabled in its SSH server)
     */
    static SharedNetwork open(Session session, String vm, int remotePort) {
        SharedNetwork net = new SharedNetwork(session, remotePort);
        try {
            net.proxy = ProxyServer.start(ProxyServer.Limits.defaults(), net::seen);
        } catch (IOException e) {
            throw new CliException("cannot start the proxy on 127.0.0.1: " + e.getMessage(), e);
        }
        try {
            session.setPortForwardingR("127.0.0.1", remotePort, "127.0.0.1", net.proxy.port());
        } catch (JSchException e) {
            net.proxy.close();
            throw new CliException("VM '" + vm + "' refused to forward its port 127.0.0.1:" + remotePort
                    + " to this machine (" + e.getMessage() + "; is the port in use on the VM? choose another with "
                    + "--remote-port)", e);
        }
        return net;
    }

    /** @return the port on the VM's 127.0.0.1 */
    int remotePort() {
        return remotePort;
    }

    /** @return the proxy's port on this machine's 127.0.0.1 */
    int localPort() {
        return proxy.port();
    }

    /** @return the proxy's counters */
    ProxyStats stats() {
        return proxy.stats();
    }

    /**
     * @return the variables that send a VM's clients through the proxy, in this order: {@code http_proxy},
     * {@code https_proxy} ({@code http://127.0.0.1:<port>}: plain requests and CONNECT), {@code all_proxy}
     * ({@code socks5h://127.0.0.1:<port>}: SOCKS5 with names resolved on this machine), then the same in upper case
     * (some clients read only those)
     */
    Map<String, String> environment() {
        String http = "http://127.0.0.1:" + remotePort;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("http_proxy", http);
        env.put("https_proxy", http);
        env.put("all_proxy", "socks5h://127.0.0.1:" + remotePort);
        for (String k : new String[] {"http_proxy", "https_proxy", "all_proxy"}) {
            env.put(k.toUpperCase(Locale.ROOT), env.get(k));
        }
        return env;
    }

    /** @return {@code NAME=value NAME=value ...} of {@link #environment()} (the values need no shell quoting) */
    String assignments() {
        StringBuilder b = new StringBuilder();
        environment().forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    /**
     * @return the remote command that runs the user's login shell with {@link #environment()} set (sshd's
     * {@code AcceptEnv} and dropbear refuse variables sent with the session, so they are set by {@code env})
     */
    String loginShellCommand() {
        return "exec env " + assignments() + " \"${SHELL:-/bin/sh}\" -l";
    }

    /** Called for each finished proxy connection: remembers its target for {@link #statusLine()}. */
    void seen(ConnectionLog log) {
        if (log.target() != null) {
            lastTarget = log.target();
        }
    }

    /**
     * @return {@code proxy: 2 open, 31 connections (1 failed), ↑ 12.3 KiB ↓ 45.6 MiB, last deb.debian.org:80}
     * (up: from the VM, down: to the VM; the target of the last finished connection)
     */
    String statusLine() {
        ProxyStats s = proxy.stats();
        String last = lastTarget;
        return "proxy: " + s.open() + " open, " + s.total() + " connection" + (s.total() == 1 ? "" : "s")
                + (s.failed() > 0 ? " (" + s.failed() + " failed)" : "") + ", ↑ " + bytes(s.bytesUp()) + " ↓ "
                + bytes(s.bytesDown()) + (last == null ? "" : ", last " + last);
    }

    /** @return bytes in IEC units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 40.1 MiB} */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** @return the session still connected (its forward still works) */
    boolean connected() {
        return session.isConnected();
    }

    /** Removes the forward (when the session is still up) and stops the proxy, closing its connections. */
    @Override
    public void close() {
        if (session.isConnected()) {
            try {
                session.delPortForwardingR("127.0.0.1", remotePort);
            } catch (JSchException e) {
                // the session is going away; the forward goes with it
            }
        }
        proxy.close();
    }
}
