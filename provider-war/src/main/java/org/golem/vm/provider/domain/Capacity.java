package org.golem.vm.provider.domain;

import java.util.Collection;
import java.util.Objects;
import org.golem.vm.common.money.Resources;

/**
 * What the provider offers and what its VMs reserve. Every VM row counts (creating, running, stopped, error) until
 * it is deleted: a stopped VM keeps its disk and may be started again. (FLAW fixed: the original measured free
 * RAM and disk at startup, double-counting running VMs, and did not enforce MAX_VMS.)
 *
 * @param total  cores, GiB RAM, GiB disk offered in all
 * @param maxVms most VMs at once
 */
public record Capacity(Resources total, int maxVms) {

    public Capacity {
        Objects.requireNonNull(total, "total");
    }

    /**
     * @param reserved resources of every existing VM
     * @return what is left (never negative)
     */
    public Resources free(Collection<Resources> reserved) {
        long cpu = total.cpu();
        long mem = total.memoryGib();
        long disk = total.storageGib();
        for (Resources r : reserved) {
            cpu -= r.cpu();
            mem -= r.memoryGib();
            disk -= r.storageGib();
        }
        return new Resources((int) Math.max(cpu, 0), (int) Math.max(mem, 0), (int) Math.max(disk, 0));
    }

    /**
     * @param reserved  resources of every existing VM
     * @param requested what a new VM asks for
     * @return null when it fits, else which limit it exceeds (text for the requestor)
     */
    public String refusal(Collection<Resources> reserved, Resources requested) {
        if (reserved.size() + 1 > maxVms) {
            return "the provider runs its maximum of " + maxVms + " VMs";
        }
        Resources free = free(reserved);
        if (requested.cpu() > free.cpu() || requested.memoryGib() > free.memoryGib()
                || requested.storageGib() > free.storageGib()) {
            return "insufficient capacity: requested " + requested.cpu() + " cpu / " + requested.memoryGib()
                    + " GiB RAM / " + requested.storageGib() + " GiB disk, free " + free.cpu() + " / "
                    + free.memoryGib() + " / " + free.storageGib();
        }
        return null;
    }
}
