package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a provider lets its VMs reach, as advertised and as {@code GET /api/v1/provider/info} reports it
 * (docs/vm-runtime.md "Egress"). Enforced on the provider's host, never by the guest. The original let every VM
 * reach the whole internet from the provider's address (policy {@code open}).
 *
 * <p>JSON: {@code {"policy":"allow-list","allow":["203.0.113.0/24:443","deb.debian.org:80"]}}; {@code allow} is
 * written only for {@code allow-list}.
 *
 * @param policy {@link #OPEN}, {@link #NONE} or {@link #ALLOW_LIST}
 * @param allow  for {@code allow-list}: the destinations, each {@code host|ip|cidr[:port[-port]]}; otherwise empty
 */
public record EgressPolicy(String policy, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> allow) {
    /** Any outbound TCP/UDP. */
    public static final String OPEN = "open";
    /** Nothing outbound; inbound forwards (SSH, ports) still work. */
    public static final String NONE = "none";
    /** Only the listed destinations. */
    public static final String ALLOW_LIST = "allow-list";

    public EgressPolicy {
        allow = allow == null ? List.of() : List.copyOf(allow);
    }

    /** @return true when {@code policy} is one of the three known names */
    public boolean known() {
        return OPEN.equals(policy) || NONE.equals(policy) || ALLOW_LIST.equals(policy);
    }
}
