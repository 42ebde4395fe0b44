package org.golem.vm.common.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who the client is: the socket peer, unless the peer is one of the configured trusted proxies, in which case the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy. A forwarded-for header from
 * anyone else is ignored, so clients cannot choose their own rate-limit bucket or identity.
 *
 * <p>Proxies are given as addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). IP literals
 * only: nothing here resolves host names.
 */
public final class ClientAddresses {

    private final List<Block> trusted;

    /**
     * @param trustedProxies comma-separated addresses or CIDR blocks; null or blank for none
     * @throws IllegalArgumentException for an entry that is not an IP literal or CIDR block
     */
    public ClientAddresses(String trustedProxies) {
        List<Block> blocks = new ArrayList<>();
        if (trustedProxies != null) {
            for (String entry : trustedProxies.split(",")) {
                if (!entry.isBlank()) {
                    blocks.add(Block.parse(entry.strip()));
                }
            }
        }
        this.trusted = List.copyOf(blocks);
    }

    /**
     * @param peer          the socket peer's IP literal
     * @param xForwardedFor the {@code X-Forwarded-For} header, or null
     * @return the client's IP literal as given (the peer when nothing trustworthy says otherwise)
     */
    public String resolve(String peer, String xForwardedFor) {
        if (xForwardedFor == null || xForwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = xForwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isLiteral(hop)) {
                return peer; // a malformed chain is not evidence of anything
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** @return whether the address is a configured trusted proxy */
    public boolean isTrusted(String address) {
        if (trusted.isEmpty() || !isLiteral(address)) {
            return false;
        }
        byte[] bytes = literal(address).getAddress();
        return trusted.stream().anyMatch(b -> b.contains(bytes));
    }

    /** @return whether the text is an IPv4 or IPv6 literal (no host names, no zone ids) */
    public static boolean isLiteral(String text) {
        if (text == null || text.isEmpty() || text.contains("%")) {
            return false;
        }
        if (text.contains(":")) {
            return text.matches("[0-9A-Fa-f:.]+");
        }
        return text.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    }

    /**
     * @param text an IP literal (checked with {@link #isLiteral})
     * @return the address, parsed without any name lookup
     * @throws IllegalArgumentException when it is not a literal
     */
    public static InetAddress literal(String text) {
        if (!isLiteral(text)) {
            throw new IllegalArgumentException("not an IP address literal: " + text);
        }
        try {
            return InetAddress.getByName(text); // a literal: no DNS query is made
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + text, e);
        }
    }

    private record Block(byte[] network, int prefix) {
        static Block parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            byte[] address = literal(parts[0]).getAddress();
            int prefix = address.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad CIDR prefix: " + cidr, e);
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("bad CIDR prefix: " + cidr);
                }
            }
            return new Block(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            if (!Arrays.equals(address, 0, full, network, 0, full)) {
                return false;
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
