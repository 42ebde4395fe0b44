package org.golem.vm.cli.requestor;

import picocli.CommandLine.Option;

/**
 * The size of a VM, required by {@code golem vm create} and {@code golem vm stream open} (a stream is sized for a
 * VM: the provider's price for these resources sets its rate). Counts are whole numbers: CPU cores, GB of memory and
 * GB of disk, as the requestor API takes them ({@code cpu}, {@code memory}, {@code storage}).
 */
final class ResourceOptions {

    @Option(names = "--cpu", required = true, paramLabel = "N", description = "CPU cores.")
    int cpu;

    @Option(names = "--memory", required = true, paramLabel = "GB", description = "Memory in GB.")
    int memory;

    @Option(names = "--storage", required = true, paramLabel = "GB", description = "Disk in GB.")
    int storage;

    /** @return {@code 2 CPU, 4 GB RAM, 20 GB disk} */
    String describe() {
        return cpu + " CPU, " + memory + " GB RAM, " + storage + " GB disk";
    }
}
