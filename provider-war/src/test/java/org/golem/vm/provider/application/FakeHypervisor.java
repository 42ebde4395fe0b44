package org.golem.vm.provider.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.golem.vm.common.money.Resources;
import org.golem.vm.provider.infrastructure.vm.Hypervisor;
import org.golem.vm.provider.infrastructure.vm.VmDriver;
import org.golem.vm.provider.infrastructure.vm.VmDriverException;
import org.golem.vm.provider.infrastructure.vm.VmInfo;
import org.golem.vm.provider.infrastructure.vm.VmSpec;
import org.golem.vm.provider.infrastructure.vm.VmState;
import org.golem.vm.provider.infrastructure.vm.VmStats;

/**
 * A hypervisor whose VMs exist in memory: they boot at once, stop and start on request; {@link #failStops} makes
 * every stop fail like a hypervisor error. Capacity is fixed by the test.
 */
class FakeHypervisor extends Hypervisor {
    final Map<String, VmInfo> vms = new LinkedHashMap<>();
    final List<String> stopped = new ArrayList<>();
    Resources capacity = new Resources(8, 16, 200);
    boolean failStops;

    private final VmDriver driver = new VmDriver() {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public VmInfo create(VmSpec spec) {
            VmInfo info = new VmInfo(spec.vmId(), VmState.RUNNING, spec.cpu(), spec.memoryGib(), spec.storageGib(),
                    spec.image(), spec.sshPort(), "ubuntu", "10.0.0.2");
            vms.put(spec.vmId(), info);
            return info;
        }

        @Override
        public VmInfo start(String vmId) throws VmDriverException {
            return put(vmId, VmState.RUNNING);
        }

        @Override
        public VmInfo stop(String vmId) throws VmDriverException {
            if (failStops) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "stop failed");
            }
            stopped.add(vmId);
            return put(vmId, VmState.STOPPED);
        }

        private VmInfo put(String vmId, VmState state) throws VmDriverException {
            VmInfo v = vms.get(vmId);
            if (v == null) {
                throw new VmDriverException(VmDriverException.Code.VM_NOT_FOUND, vmId);
            }
            VmInfo next = new VmInfo(vmId, state, v.cpu(), v.memoryGib(), v.storageGib(), v.image(), v.sshPort(),
                    v.sshUser(), v.guestAddress());
            vms.put(vmId, next);
            return next;
        }

        @Override
        public void delete(String vmId) {
            vms.remove(vmId);
        }

        @Override
        public Optional<VmInfo> find(String vmId) {
            return Optional.ofNullable(vms.get(vmId));
        }

        @Override
        public List<VmInfo> list() {
            return List.copyOf(vms.values());
        }

        @Override
        public Optional<VmStats> stats(String vmId) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    };

    @Override
    public VmDriver driver() {
        return driver;
    }

    @Override
    public Optional<String> accelerator() {
        return Optional.of("fake");
    }

    @Override
    public Resources capacity() {
        return capacity;
    }
}
