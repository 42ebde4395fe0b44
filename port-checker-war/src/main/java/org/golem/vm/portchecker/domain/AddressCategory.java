package org.golem.vm.portchecker.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.golem.vm.common.net.Cidr;
import org.golem.vm.common.net.IpLiteral;

/**
 * What kind of destination an address is, for {@link TargetPolicy}. {@link #classify(InetAddress)} looks at
 * IPv4 ranges and IPv6 ranges; IPv6 forms that embed an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96} —
 * normally already turned into IPv4 by {@link IpLiteral} —, NAT64 {@code 64:ff9b::/96} and 6to4
 * {@code 2002::/16}) take the category of the embedded IPv4 address (for 6to4: when that one is not public).
 */
public enum AddressCategory {

    /** A globally routable unicast address: the only kind probed by default. */
    PUBLIC(true, "public address"),
    /** RFC 1918 {@code 10/8, 172.16/12, 192.168/16}; IPv6 unique-local {@code fc00::/7}, site-local {@code fec0::/10}. */
    PRIVATE(true, "private address"),
    /** {@code 127/8}, {@code ::1}. */
    LOOPBACK(true, "loopback address"),
    /** {@code 169.254/16}, {@code fe80::/10}. */
    LINK_LOCAL(true, "link-local address"),
    /** Carrier-grade NAT shared space {@code 100.64/10} (RFC 6598). */
    SHARED(true, "carrier-grade NAT shared address"),
    /**
     * Special-purpose blocks that are not reachable on the Internet: {@code 0/8}, {@code 192.0.0/24},
     * documentation {@code 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20}, benchmarking
     * {@code 198.18/15}, future use {@code 240/4}, IPv6 {@code ::/8} (incl. deprecated IPv4-compatible),
     * discard {@code 100::/64}.
     */
    RESERVED(true, "reserved address"),
    /** {@code 0.0.0.0}, {@code ::}. Never a valid destination. */
    UNSPECIFIED(false, "unspecified address"),
    /** {@code 224/4}, {@code ff00::/8}. Never a valid TCP destination. */
    MULTICAST(false, "multicast address"),
    /** {@code 255.255.255.255}. Never a valid TCP destination. */
    BROADCAST(false, "broadcast address");

    private final boolean unicast;
    private final String description;

    AddressCategory(boolean unicast, String description) {
        this.unicast = unicast;
        this.description = description;
    }

    /** @return false for unspecified, multicast and broadcast: never probed, whatever the policy */
    public boolean isUnicast() {
        return unicast;
    }

    /** @return human text, e.g. {@code "private address"} */
    public String description() {
        return description;
    }

    private record Block(Cidr cidr, AddressCategory category) {
    }

    private static Block b(String cidr, AddressCategory category) {
        return new Block(Cidr.parse(cidr), category);
    }

    /** Ordered: the first matching block wins (exact addresses before their enclosing blocks). */
    private static final List<Block> V4 = List.of(
            b("0.0.0.0/32", UNSPECIFIED),
            b("255.255.255.255/32", BROADCAST),
            b("0.0.0.0/8", RESERVED),
            b("10.0.0.0/8", PRIVATE),
            b("100.64.0.0/10", SHARED),
            b("127.0.0.0/8", LOOPBACK),
            b("169.254.0.0/16", LINK_LOCAL),
            b("172.16.0.0/12", PRIVATE),
            b("192.0.0.0/24", RESERVED),
            b("192.0.2.0/24", RESERVED),
            b("192.168.0.0/16", PRIVATE),
            b("198.18.0.0/15", RESERVED),
            b("198.51.100.0/24", RESERVED),
            b("203.0.113.0/24", RESERVED),
            b("224.0.0.0/4", MULTICAST),
            b("240.0.0.0/4", RESERVED));

    private static final List<Block> V6 = List.of(
            b("::/128", UNSPECIFIED),
            b("::1/128", LOOPBACK),
            b("64:ff9b:1::/48", PRIVATE),
            b("::/8", RESERVED),
            b("100::/64", RESERVED),
            b("2001:db8::/32", RESERVED),
            b("3fff::/20", RESERVED),
            b("fc00::/7", PRIVATE),
            b("fe80::/10", LINK_LOCAL),
            b("fec0::/10", PRIVATE),
            b("ff00::/8", MULTICAST));

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    /**
     * @param address an address; not null
     * @return its category; {@link #PUBLIC} when no special-purpose block contains it
     */
    public static AddressCategory classify(InetAddress address) {
        if (address instanceof Inet4Address) {
            return lookup(V4, address);
        }
        byte[] b = address.getAddress();
        if (IpLiteral.isIpv4Mapped(b) || NAT64.contains(address)) {
            return lookup(V4, v4(b, 12)); // (64:ff9b::/96 lies inside ::/8, so decide here)
        }
        if (SIX_TO_FOUR.contains(address)) {
            AddressCategory embedded = lookup(V4, v4(b, 2));
            if (embedded != PUBLIC) {
                return embedded;
            }
        }
        return lookup(V6, address);
    }

    private static AddressCategory lookup(List<Block> blocks, InetAddress address) {
        for (Block block : blocks) {
            if (block.cidr().contains(address)) {
                return block.category();
            }
        }
        return PUBLIC;
    }

    private static InetAddress v4(byte[] bytes, int offset) {
        try {
            return InetAddress.getByAddress(new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2],
                bytes[offset + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
