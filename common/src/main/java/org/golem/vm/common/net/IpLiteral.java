package org.golem.vm.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Strict parsing of IP address literals, shared by every service (client addresses, trusted proxies, the port
 * checker's targets). Never consults DNS.
 *
 * <p>Accepted: dotted-quad IPv4 ({@code 203.0.113.7}: exactly four decimal parts 0..255, no leading zeros —
 * {@code 010.1.1.1} is refused because some parsers read it as octal), and IPv6 in any RFC 4291 text form
 * including an embedded IPv4 tail ({@code 2001:db8::1}, {@code ::ffff:1.2.3.4}). Refused: host names,
 * shortened IPv4 forms ({@code 127.1}), surrounding whitespace, brackets ({@code [::1]}), zone ids
 * ({@code fe80::1%eth0}), ports.
 *
 * <p>An IPv4-mapped IPv6 literal ({@code ::ffff:a.b.c.d}) yields the {@link Inet4Address} {@code a.b.c.d}
 * (the JDK does this), so every rule about IPv4 ranges applies to it too.
 */
public final class IpLiteral {

    /** Longest IPv6 text form ({@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}). */
    private static final int MAX_LENGTH = 45;

    private IpLiteral() {
    }

    /**
     * Parses an address literal.
     *
     * @param text the literal; may be null
     * @return the address, never resolved through DNS
     * @throws IllegalArgumentException when {@code text} is null, blank or not a literal as described in the
     *                                  class comment (the message quotes it with {@link #printable})
     */
    public static InetAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "not an IP address literal: '" + printable(String.valueOf(text)) + "'"));
    }

    /**
     * Parses an address literal without throwing.
     *
     * @param text the literal; may be null
     * @return the address, or empty when {@code text} is not a literal accepted by {@link #parse(String)}
     */
    public static Optional<InetAddress> tryParse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    private static Optional<InetAddress> parseV4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                int len = i - start;
                if (part >= 4 || len < 1 || len > 3 || (len > 1 && text.charAt(start) == '0')) {
                    return Optional.empty();
                }
                int value = 0;
                for (int j = start; j < i; j++) {
                    char c = text.charAt(j);
                    if (c < '0' || c > '9') {
                        return Optional.empty();
                    }
                    value = value * 10 + (c - '0');
                }
                if (value > 255) {
                    return Optional.empty();
                }
                bytes[part++] = (byte) value;
                start = i + 1;
            }
        }
        if (part != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // cannot happen for 4 bytes
        }
    }

    private static Optional<InetAddress> parseV6(String text) {
        // Only hex digits, ':' and '.' (embedded IPv4); first character a hex digit or ':'. With these
        // guarantees InetAddress.getByName treats the text as a literal and never falls back to a DNS lookup.
        char first = text.charAt(0);
        if (first != ':' && Character.digit(first, 16) < 0) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return Optional.empty();
            }
            if (c > 0x7f) {
                return Optional.empty(); // Character.digit accepts non-ASCII digits
            }
        }
        int dot = text.indexOf('.');
        if (dot >= 0) {
            // The embedded IPv4 part must itself be a strict dotted quad.
            int lastColon = text.lastIndexOf(':');
            if (dot < lastColon || parseV4(text.substring(lastColon + 1)).isEmpty()) {
                return Optional.empty();
            }
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (address instanceof Inet6Address || address instanceof Inet4Address) {
                return Optional.of(address);
            }
            return Optional.empty();
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The canonical form of an address for comparisons: an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d})
     * becomes the IPv4 address, and host name and IPv6 scope id are dropped.
     *
     * @param address an address; not null
     * @return an equal-by-bytes address without host name or scope
     */
    public static InetAddress canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (isIpv4Mapped(bytes)) {
            bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The address as text without a host name or zone ({@code 192.0.2.1}, {@code 2001:db8:0:0:0:0:0:1}).
     *
     * @param address an address
     * @return its literal form
     */
    public static String format(InetAddress address) {
        String s = address.getHostAddress();
        int zone = s.indexOf('%');
        return zone >= 0 ? s.substring(0, zone) : s;
    }

    /**
     * @param bytes a 4- or 16-byte address
     * @return whether it is an IPv6 address in {@code ::ffff:0:0/96} (the JDK's literal parser turns those into
     *         IPv4, but an {@link Inet6Address} built from bytes keeps the IPv6 form)
     */
    public static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /**
     * Untrusted input made safe for error messages and logs.
     *
     * @param text any text; not null
     * @return at most 64 characters of it, non-printable and non-ASCII characters replaced by {@code ?},
     *         {@code ...} appended when cut
     */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 64; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > 64) {
            sb.append("...");
        }
        return sb.toString();
    }
}
