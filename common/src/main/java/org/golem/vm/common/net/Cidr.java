package org.golem.vm.common.net;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a single address ({@code 192.0.2.1}) is a
 * block of one. Immutable. IPv4 blocks match only IPv4 addresses and IPv6 blocks only IPv6 addresses; an
 * IPv4-mapped IPv6 literal is parsed as IPv4 by {@link IpLiteral}, so {@code ::ffff:10.0.0.0/104} is not
 * needed and not accepted.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code <address>[/<prefix length>]}.
     *
     * @param text e.g. {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.1}
     * @return the block
     * @throws IllegalArgumentException when the address is not a literal ({@link IpLiteral}), the prefix length is
     *                                  not 0..32 (IPv4) / 0..128 (IPv6), or host bits are set
     *                                  ({@code 10.1.0.0/8})
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR block is null");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = IpLiteral.tryParse(addressPart).orElseThrow(() ->
                new IllegalArgumentException("not an IP address or CIDR block: '" + IpLiteral.printable(text) + "'"));
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = trimmed.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("bad prefix length in '" + IpLiteral.printable(text) + "'");
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix length " + prefix + " exceeds " + max
                        + " in '" + IpLiteral.printable(text) + "'");
            }
        }
        Cidr cidr = new Cidr(mask(bytes, prefix), prefix);
        if (!Arrays.equals(cidr.network, bytes)) {
            throw new IllegalArgumentException("host bits set in '" + IpLiteral.printable(text)
                    + "' (did you mean " + cidr + "?)");
        }
        return cidr;
    }

    /**
     * @param address an address; may be null
     * @return whether the address is inside this block (same family and same first {@code prefixLength} bits)
     */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** @return the prefix length in bits */
    public int prefixLength() {
        return prefixLength;
    }

    /** @return true for an IPv4 block */
    public boolean isIpv4() {
        return network.length == 4;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** @return {@code <network>/<prefix length>} */
    @Override
    public String toString() {
        try {
            return IpLiteral.format(InetAddress.getByAddress(network)) + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
