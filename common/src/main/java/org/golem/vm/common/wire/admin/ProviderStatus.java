package org.golem.vm.common.wire.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.AdvertisedPricing;

/**
 * Answer of {@code GET /api/v1/admin/status}: the provider at a glance (the dashboard, {@code golem-provider
 * status}).
 *
 * @param providerId the provider's address, EIP-55
 * @param payments   the payments chain
 * @param hypervisor the VM driver and its accelerator
 * @param sshPorts   the SSH port range and its assignments
 * @param capacity   what the provider offers and what is free
 * @param vms        VM status ({@code running}, ...) → how many, in name order
 * @param monitor    the stream monitor
 * @param withdraw   auto-withdraw
 * @param advertiser the discovery advertiser
 * @param pricing    the advertised prices
 */
public record ProviderStatus(String providerId, Payments payments, Hypervisor hypervisor, SshPorts sshPorts,
                             Capacity capacity, Map<String, Long> vms, Monitor monitor, Withdraw withdraw,
                             Advertiser advertiser, AdvertisedPricing pricing) {

    /**
     * The payments chain. When the chain answers, {@code chain_time} and {@code chain_ok: true} are sent; when it
     * does not, {@code chain_ok: false} and {@code chain_error}.
     *
     * @param enabled     whether VMs must be paid for
     * @param network     the payments network's name
     * @param contract    the StreamPayment contract, null when not configured
     * @param token       the accepted token (the zero address: native ETH)
     * @param tokenSymbol the token's symbol, for display
     * @param rpcUrl      the JSON-RPC endpoint
     * @param chainTime   the latest block's timestamp, Unix seconds; absent when the chain cannot be read
     * @param chainOk     whether the chain could be read
     * @param chainError  why it could not, absent when it could
     */
    public record Payments(boolean enabled, String network, String contract, String token, String tokenSymbol,
                           String rpcUrl, @JsonInclude(JsonInclude.Include.NON_NULL) Long chainTime, boolean chainOk,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String chainError) {
    }

    /**
     * @param driver      {@code qemu} or {@code multipass}
     * @param accelerator {@code kvm}, {@code tcg}, {@code multipass}, or {@code undecided} before the first boot
     */
    public record Hypervisor(String driver, String accelerator) {
    }

    /**
     * @param first    first port of the range
     * @param last     last port of the range, inclusive
     * @param assigned holder → port, every port of the range in use: the hypervisor's VM id for a VM's SSH forward,
     *                 {@code <vm id>/<guest port>} for the forward of one of its guest ports besides SSH
     */
    public record SshPorts(int first, int last, Map<String, Integer> assigned) {
    }

    /**
     * @param total  cores, GiB RAM, GiB disk offered
     * @param free   not reserved by any VM
     * @param maxVms most VMs at once
     */
    public record Capacity(Resources total, Resources free, int maxVms) {
    }

    /**
     * @param enabled         whether the stream monitor runs
     * @param intervalSeconds seconds between ticks
     * @param runs            ticks run
     * @param failures        ticks that failed (chain unreadable)
     */
    public record Monitor(boolean enabled, long intervalSeconds, long runs, long failures) {
    }

    /**
     * @param enabled         whether vested wei are withdrawn automatically
     * @param intervalSeconds least seconds between two automatic withdrawals of a stream
     * @param minWei          smallest amount worth an automatic withdrawal, wei
     * @param failures        auto-withdraw ticks that failed
     */
    public record Withdraw(boolean enabled, long intervalSeconds, BigInteger minWei, long failures) {
    }

    /**
     * @param discoveryUrl    the central discovery URL, null when not set
     * @param lastPublishedAt epoch milliseconds of the last advertisement any destination accepted, null before the
     *                        first
     * @param lastSkip        why the latest attempt did not advertise (per destination {@code name: reason}, joined
     *                        by {@code ; }), null after a success everywhere
     * @param destinations    each enabled destination ({@code golem.provider.advertise}) with its own outcome;
     *                        omitted when empty (older providers never send it)
     */
    public record Advertiser(String discoveryUrl, Long lastPublishedAt, String lastSkip,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Destination> destinations) {

        /** Without destinations (the shape before on-chain advertising). */
        public Advertiser(String discoveryUrl, Long lastPublishedAt, String lastSkip) {
            this(discoveryUrl, lastPublishedAt, lastSkip, List.of());
        }

        /** Never null: an absent {@code destinations} reads as empty. */
        public Advertiser {
            destinations = destinations == null ? List.of() : List.copyOf(destinations);
        }
    }

    /**
     * One advertising destination of the provider.
     *
     * @param name            {@code central} (the discovery service) or {@code chain} (the ProviderRegistry contract)
     * @param target          where it goes: the discovery URL, {@code ProviderRegistry 0x…}
     * @param lastPublishedAt epoch milliseconds of the last advertisement it accepted, absent before the first
     * @param lastSkip        why the latest attempt did not advertise there (not configured, full, failed, the wallet
     *                        cannot pay the gas), absent after a success
     * @param lastGasUsed     gas units of the last transaction that wrote the chain entry, absent when none
     * @param lastTxHash      that transaction's hash, absent when none
     * @param lastTx          what it did: {@code register}, {@code renew} or {@code remove}; absent when none
     */
    public record Destination(String name, String target,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Long lastPublishedAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String lastSkip,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Long lastGasUsed,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String lastTxHash,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String lastTx) {
    }
}
