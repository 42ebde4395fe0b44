package org.golem.vm.common.rest;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.golem.vm.common.net.Cidr;
import org.golem.vm.common.net.IpLiteral;

/**
 * Who the client is: the socket peer, unless the peer is one of the configured trusted proxies, in which case the
 * {@code X-Forwarded-For} header says. A forwarded-for header from anyone else is ignored, so clients cannot choose
 * their own rate-limit bucket or identity. Pure, no I/O: nothing here resolves host names.
 *
 * <p>When the peer is trusted, the header's entries are read from right to left — each one was appended by the
 * proxy to its right — skipping entries that are trusted proxies themselves; the first untrusted entry is the
 * client. If every entry is trusted, the left-most is the client (a client inside the trusted network). An entry
 * that is not an address literal ({@code unknown}, a host name, garbage) stops the walk, and the last address
 * reached (a trusted proxy) is the answer: nothing to its left can be trusted. Entries may carry a port
 * ({@code 203.0.113.7:4711}, {@code [2001:db8::1]:4711}), which is ignored; at most the last {@value #MAX_ENTRIES}
 * entries are examined. Several {@code X-Forwarded-For} header lines must be joined with {@code ","} in order (as
 * JAX-RS {@code getHeaderString} does).
 *
 * <p>Addresses are compared and returned in {@link IpLiteral#canonical canonical} form: an IPv4-mapped IPv6 peer
 * ({@code ::ffff:10.0.0.1}, as a dual-stack listener may report it) is the IPv4 address.
 *
 * <p>Proxies are given as addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}); see
 * {@link Cidr#parse}.
 */
public final class ClientAddresses {

    /** At most this many {@code X-Forwarded-For} entries are examined (from the right). */
    public static final int MAX_ENTRIES = 64;

    private final List<Cidr> trusted;

    /**
     * @param trustedProxies comma-separated addresses or CIDR blocks; null or blank for none
     * @throws IllegalArgumentException for an entry that is not an IP literal or CIDR block
     */
    public ClientAddresses(String trustedProxies) {
        this(split(trustedProxies));
    }

    /**
     * @param trustedProxies addresses or CIDR blocks (blank entries are skipped); empty for none
     * @throws IllegalArgumentException for an entry that is not an IP literal or CIDR block
     */
    public ClientAddresses(Collection<String> trustedProxies) {
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (entry != null && !entry.isBlank()) {
                blocks.add(Cidr.parse(entry));
            }
        }
        this.trusted = List.copyOf(blocks);
    }

    /** @return a resolver that trusts no proxy: the client is always the socket peer */
    public static ClientAddresses direct() {
        return new ClientAddresses(List.of());
    }

    private static List<String> split(String commaSeparated) {
        return commaSeparated == null ? List.of() : List.of(commaSeparated.split(","));
    }

    /** @return the trusted proxy blocks */
    public List<Cidr> trustedProxies() {
        return trusted;
    }

    /**
     * @param peer          the socket peer's IP literal ({@code HttpServletRequest#getRemoteAddr})
     * @param xForwardedFor the {@code X-Forwarded-For} header (lines joined with {@code ","}), or null
     * @return the client's address as a canonical literal ({@link IpLiteral#format}); {@code peer} unchanged when
     *         it is not an IP literal
     */
    public String resolve(String peer, String xForwardedFor) {
        Optional<InetAddress> address = IpLiteral.tryParse(peer);
        return address.map(a -> IpLiteral.format(resolve(a, xForwardedFor))).orElse(peer);
    }

    /**
     * @param peer          the TCP peer of the HTTP connection; not null
     * @param xForwardedFor the {@code X-Forwarded-For} header (lines joined with {@code ","}), or null
     * @return the client's address, in {@link IpLiteral#canonical canonical} form
     */
    public InetAddress resolve(InetAddress peer, String xForwardedFor) {
        InetAddress current = IpLiteral.canonical(Objects.requireNonNull(peer, "peer"));
        if (xForwardedFor == null || xForwardedFor.isBlank() || !isTrusted(current)) {
            return current;
        }
        String[] entries = xForwardedFor.split(",", -1);
        int stop = Math.max(0, entries.length - MAX_ENTRIES);
        for (int i = entries.length - 1; i >= stop; i--) {
            Optional<InetAddress> hop = parseEntry(entries[i]);
            if (hop.isEmpty()) {
                return current;
            }
            current = IpLiteral.canonical(hop.get());
            if (!isTrusted(current)) {
                return current;
            }
        }
        return current;
    }

    /**
     * @param address an IP literal; anything else is not trusted
     * @return whether it is inside a trusted proxy block
     */
    public boolean isTrusted(String address) {
        return IpLiteral.tryParse(address).map(this::isTrusted).orElse(false);
    }

    /**
     * @param address an address; may be null
     * @return whether it is inside a trusted proxy block
     */
    public boolean isTrusted(InetAddress address) {
        if (address == null || trusted.isEmpty()) {
            return false;
        }
        InetAddress canonical = IpLiteral.canonical(address);
        for (Cidr block : trusted) {
            if (block.contains(canonical)) {
                return true;
            }
        }
        return false;
    }

    /** One header entry: a literal, optionally {@code ipv4:port} or {@code [ipv6]:port}. */
    static Optional<InetAddress> parseEntry(String raw) {
        String entry = raw.strip();
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
                return Optional.empty();
            }
            return IpLiteral.tryParse(entry.substring(1, close));
        }
        int colon = entry.indexOf(':');
        if (colon >= 0 && colon == entry.lastIndexOf(':') && entry.indexOf('.') >= 0) {
            if (!entry.substring(colon + 1).matches("[0-9]{1,5}")) {
                return Optional.empty();
            }
            entry = entry.substring(0, colon);
        }
        return IpLiteral.tryParse(entry);
    }
}
