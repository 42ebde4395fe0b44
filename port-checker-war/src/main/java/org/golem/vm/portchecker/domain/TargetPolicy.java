package org.golem.vm.portchecker.domain;

import java.net.InetAddress;
import java.util.Objects;
import org.golem.vm.common.net.IpLiteral;

/**
 * Which targets may be probed (FLAW fixed: the original probed any host, including private ranges and host
 * names, for anyone). Two independent rules, both on by default:
 * <ol>
 *   <li><b>Public targets only</b> — an address whose {@link AddressCategory} is not
 *       {@link AddressCategory#PUBLIC} (private, loopback, link-local, CGNAT, reserved; IPv4-mapped/NAT64/6to4
 *       forms of those) is refused unless {@code allowPrivateTargets}. Unspecified ({@code 0.0.0.0}, {@code ::}),
 *       multicast and broadcast addresses are refused even then: they are never a TCP destination
 *       ({@code 0.0.0.0} would silently mean "this host").</li>
 *   <li><b>Own address only</b> — when {@code onlyOwnAddress}, the target must equal the caller's address
 *       (compared by {@link IpLiteral#canonical}).</li>
 * </ol>
 *
 * @param allowPrivateTargets probe non-public unicast targets too ({@code PORT_CHECKER_ALLOW_PRIVATE_TARGETS},
 *                            for tests and closed networks)
 * @param onlyOwnAddress      a caller may only probe its own address
 */
public record TargetPolicy(boolean allowPrivateTargets, boolean onlyOwnAddress) {

    /** @return the default, strictest policy: public targets only, own address only */
    public static TargetPolicy strict() {
        return new TargetPolicy(false, true);
    }

    /**
     * Checks a target.
     *
     * @param target the address to probe; not null
     * @param caller the caller's address (from {@link org.golem.vm.common.rest.ClientAddresses}); not null
     * @throws PortCheckException {@link PortCheckErrorCode#TARGET_NOT_ALLOWED} (HTTP 403) when a rule refuses it
     */
    public void check(InetAddress target, InetAddress caller) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(caller, "caller");
        AddressCategory category = AddressCategory.classify(target);
        if (!category.isUnicast() || (category != AddressCategory.PUBLIC && !allowPrivateTargets)) {
            throw new PortCheckException(PortCheckErrorCode.TARGET_NOT_ALLOWED, "Target "
                    + IpLiteral.format(target) + " is not allowed: " + category.description()
                    + (category.isUnicast() ? " (only public addresses can be checked)" : ""));
        }
        if (onlyOwnAddress && !IpLiteral.canonical(target).equals(IpLiteral.canonical(caller))) {
            throw new PortCheckException(PortCheckErrorCode.TARGET_NOT_ALLOWED, "Target "
                    + IpLiteral.format(target) + " is not allowed: only the caller's own address ("
                    + IpLiteral.format(caller) + ") can be checked");
        }
    }
}
