package org.golem.vm.provider.domain.egress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the provider's VMs may reach on the network: the operator's egress policy ({@code GOLEM_PROVIDER_EGRESS},
 * {@code GOLEM_PROVIDER_EGRESS_ALLOW}). Enforced on the provider's host, never by trusting the guest
 * (docs/vm-runtime.md §6). The original Python provider let every VM reach the whole internet from the provider's
 * address: that is {@link Mode#OPEN}, still the default.
 *
 * @param mode  the policy
 * @param allow for {@link Mode#ALLOW_LIST}: the destinations a VM may open connections to (never empty); otherwise
 *              empty
 */
public record Egress(Mode mode, List<EgressRule> allow) {

    /** The three policies, with the names used in settings and on the wire. */
    public enum Mode {
        /** Any outbound TCP/UDP (the original's behaviour). */
        OPEN("open"),
        /** Nothing outbound; inbound forwards (SSH, ports) still work. */
        NONE("none"),
        /** Only the listed destinations (plus replies on connections made to the VM). */
        ALLOW_LIST("allow-list");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        /** @return {@code open}, {@code none} or {@code allow-list} */
        public String wireName() {
            return wireName;
        }

        /**
         * @param text {@code open}, {@code none} or {@code allow-list} (case-insensitive, surrounding blanks ignored)
         * @return the mode
         * @throws IllegalArgumentException for anything else
         */
        public static Mode parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            for (Mode m : values()) {
                if (m.wireName.equals(t)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("egress policy must be open, none or allow-list, got '" + text + "'");
        }
    }

    public Egress {
        Objects.requireNonNull(mode, "mode");
        allow = allow == null ? List.of() : List.copyOf(allow);
        if (mode == Mode.ALLOW_LIST && allow.isEmpty()) {
            throw new IllegalArgumentException("egress allow-list needs at least one destination");
        }
        if (mode != Mode.ALLOW_LIST && !allow.isEmpty()) {
            throw new IllegalArgumentException("egress destinations are only used with the policy allow-list, not "
                    + mode.wireName());
        }
    }

    /** @return the default: any outbound connection */
    public static Egress open() {
        return new Egress(Mode.OPEN, List.of());
    }

    /** @return nothing outbound */
    public static Egress none() {
        return new Egress(Mode.NONE, List.of());
    }

    /**
     * Parses the two settings.
     *
     * @param policy    {@code open}, {@code none} or {@code allow-list}
     * @param allowList comma-separated {@link EgressRule} texts; blank or null = none; must be blank unless the
     *                  policy is {@code allow-list}, and must name something when it is
     * @return the policy
     * @throws IllegalArgumentException naming the first bad part
     */
    public static Egress parse(String policy, String allowList) {
        Mode mode = Mode.parse(policy);
        List<EgressRule> rules = new ArrayList<>();
        if (allowList != null) {
            for (String part : allowList.split(",")) {
                if (!part.isBlank()) {
                    rules.add(EgressRule.parse(part));
                }
            }
        }
        return new Egress(mode, rules);
    }
}
