package org.golem.vm.provider.domain.egress;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.golem.vm.common.net.Cidr;

/**
 * One destination of an egress allow-list: {@code host|ip|cidr[:port[-port]]}, e.g. {@code deb.debian.org:80},
 * {@code 192.0.2.7}, {@code 203.0.113.0/24:443}, {@code [2001:db8::/32]:8000-8100} (an IPv6 address or block
 * takes brackets when a port follows). Without a port every TCP and UDP port of the destination is allowed.
 * Host names are resolved when the rules are applied on the host, not here.
 *
 * @param host     a DNS host name (letters, digits, hyphens, dots: RFC 1123), or null when {@code block} is set
 * @param block    an address or CIDR block, or null when {@code host} is set
 * @param portFrom first allowed port, 1..65535, or 0 for every port
 * @param portTo   last allowed port (inclusive), {@code portFrom..65535}, or 0 for every port
 */
public record EgressRule(String host, Cidr block, int portFrom, int portTo) {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern PORTS = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");

    public EgressRule {
        if ((host == null) == (block == null)) {
            throw new IllegalArgumentException("an egress destination is a host name or an address block");
        }
        if (portFrom == 0 ? portTo != 0 : portFrom < 1 || portTo < portFrom || portTo > 65535) {
            throw new IllegalArgumentException("egress ports must be 1..65535, first <= last: " + portFrom + "-"
                    + portTo);
        }
    }

    /**
     * @param text {@code host|ip|cidr[:port[-port]]}
     * @return the rule
     * @throws IllegalArgumentException naming the text when it is none of those
     */
    public static EgressRule parse(String text) {
        String t = text == null ? "" : text.strip();
        String target = t;
        String ports = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || (close + 1 < t.length() && t.charAt(close + 1) != ':')) {
                throw bad(text, "an IPv6 address in brackets, optionally followed by :port");
            }
            target = t.substring(1, close);
            ports = close + 1 < t.length() ? t.substring(close + 2) : null;
        } else if (t.indexOf(':') == t.lastIndexOf(':') && t.indexOf(':') >= 0) { // one colon: host:port
            target = t.substring(0, t.indexOf(':'));
            ports = t.substring(t.indexOf(':') + 1);
        } // more colons and no brackets: a bare IPv6 address or block
        int from = 0;
        int to = 0;
        if (ports != null) {
            Matcher m = PORTS.matcher(ports);
            if (!m.matches()) {
                throw bad(text, "a port or port range after ':'");
            }
            from = Integer.parseInt(m.group(1));
            to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (from < 1 || to > 65535 || to < from) {
                throw bad(text, "ports 1..65535, first <= last");
            }
        }
        if (target.isEmpty()) {
            throw bad(text, "a host name, IP address or CIDR block");
        }
        boolean literal = target.contains(":") || target.contains("/") || target.matches("[0-9.]+");
        if (literal) {
            try {
                return new EgressRule(null, Cidr.parse(target), from, to);
            } catch (IllegalArgumentException e) {
                throw bad(text, e.getMessage());
            }
        }
        String h = target.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(h).matches()) {
            throw bad(text, "a host name, IP address or CIDR block");
        }
        return new EgressRule(h.endsWith(".") ? h.substring(0, h.length() - 1) : h, null, from, to);
    }

    /** @return whether every port is allowed */
    public boolean anyPort() {
        return portFrom == 0;
    }

    /** @return the canonical text: {@code host|cidr[:port[-port]]}, IPv6 blocks in brackets when a port follows */
    @Override
    public String toString() {
        String target = host != null ? host : block.toString();
        if (anyPort()) {
            return target;
        }
        if (block != null && !block.isIpv4()) {
            target = "[" + target + "]";
        }
        return target + ":" + (portFrom == portTo ? Integer.toString(portFrom) : portFrom + "-" + portTo);
    }

    private static IllegalArgumentException bad(String text, String expected) {
        return new IllegalArgumentException("bad egress destination '" + text + "': expected " + expected);
    }
}
