package org.golem.vm.common.wire;

import java.util.List;
import org.golem.vm.common.money.Resources;

/**
 * Response of the provider's {@code GET /api/v1/summary}, the feed of the provider GUI
 * (docs/provider-api.md §3.2):
 * {@code {"status":"running","resources":{"total":{cpu,memory,storage},"available":{...}},"pricing":{...},
 * "vms":[{id,status,ssh_port,resources}],"env":{"environment","network"}}}.
 *
 * @param status    always {@code "running"} while the provider answers
 * @param resources total and free capacity (cores, GiB RAM, GiB disk)
 * @param pricing   the provider's prices
 * @param vms       the provider's VMs (all of them: this is an operator view)
 * @param env       deployment environment and network
 */
public record ProviderSummary(
        String status,
        Capacity resources,
        AdvertisedPricing pricing,
        List<VmEntry> vms,
        Environment env) {

    public ProviderSummary {
        vms = vms == null ? List.of() : List.copyOf(vms);
    }

    /**
     * Capacity of the provider host.
     *
     * @param total     everything the provider offers (cores, GiB RAM, GiB disk)
     * @param available what is not reserved by VMs
     */
    public record Capacity(Resources total, Resources available) {
    }

    /**
     * One VM in the summary.
     *
     * @param id        VM id (its name)
     * @param status    lifecycle state
     * @param sshPort   forwarded SSH port on the provider host, or null
     * @param resources cores, GiB RAM, GiB disk
     */
    public record VmEntry(String id, VmStatus status, Integer sshPort, Resources resources) {
    }

    /**
     * Where the provider runs.
     *
     * @param environment {@code production} or {@code development}
     * @param network     logical network, e.g. {@code mainnet}, {@code testnet}, {@code development}
     */
    public record Environment(String environment, String network) {
    }
}
