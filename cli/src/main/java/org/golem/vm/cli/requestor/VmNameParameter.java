package org.golem.vm.cli.requestor;

import picocli.CommandLine.Parameters;

/**
 * The {@code NAME} of one of the user's VMs, the only positional parameter of {@code golem vm info}, {@code start},
 * {@code stop}, {@code destroy}, {@code ssh}, {@code stats} and {@code vm stream status}.
 */
final class VmNameParameter {

    @Parameters(paramLabel = "NAME", description = "VM name")
    String name;

    /** @return the VM name as given */
    String name() {
        return name;
    }
}
