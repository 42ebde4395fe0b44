package org.golem.vm.provider.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.admin.OperatorImages;
import org.golem.vm.common.money.Resources;
import org.golem.vm.provider.application.port.DriverCapabilities;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.application.port.VmHost;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmState;
import org.golem.vm.provider.domain.vm.VmUsage;

/**
 * A hypervisor whose VMs exist in memory: they boot at once, stop and start on request; {@link #failStops} makes
 * every stop fail like a hypervisor error. Capacity is fixed by the test.
 */
class FakeHypervisor implements VmHost {
    /** The one image of the fake's catalogue. */
    static final ImageInfo MICRO = new ImageInfo("micro", "BusyBox on the Debian 12 cloud kernel", 17L, "root",
            "kernel+initrd", false);
    final Map<String, DriverVm> vms = new LinkedHashMap<>();
    final List<String> stopped = new ArrayList<>();
    Resources capacity = new Resources(8, 16, 200);
    boolean failStops;
    /** What each VM was created with, by VM id. */
    final Map<String, VmSpec> specs = new java.util.HashMap<>();
    /** Images besides {@code micro} whose VMs run cloud-init and so take user-data. */
    final Set<String> cloudInitImages = new TreeSet<>();
    /** Every spec the driver was asked to create, in order. */
    final List<VmSpec> created = new ArrayList<>();

    private final VmDriver driver = new VmDriver() {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public DriverCapabilities capabilities() {
            return new DriverCapabilities("fake", Optional.of("fake"), DriverCapabilities.CATALOG_IMAGES);
        }

        @Override
        public DriverVm create(VmSpec spec) {
            specs.put(spec.vmId(), spec);
            created.add(spec);
            DriverVm info = new DriverVm(spec.vmId(), VmState.RUNNING, spec.cpu(), spec.memoryGib(), spec.storageGib(),
                    spec.image(), spec.sshPort(), "ubuntu", "10.0.0.2");
            vms.put(spec.vmId(), info);
            return info;
        }

        @Override
        public DriverVm start(String vmId) throws VmDriverException {
            return put(vmId, VmState.RUNNING);
        }

        @Override
        public DriverVm stop(String vmId) throws VmDriverException {
            if (failStops) {
                throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR, "stop failed");
            }
            stopped.add(vmId);
            return put(vmId, VmState.STOPPED);
        }

        private DriverVm put(String vmId, VmState state) throws VmDriverException {
            DriverVm v = vms.get(vmId);
            if (v == null) {
                throw new VmDriverException(VmDriverException.Code.VM_NOT_FOUND, vmId);
            }
            DriverVm next = new DriverVm(vmId, state, v.cpu(), v.memoryGib(), v.storageGib(), v.image(), v.sshPort(),
                    v.sshUser(), v.guestAddress());
            vms.put(vmId, next);
            return next;
        }

        @Override
        public void delete(String vmId) {
            vms.remove(vmId);
        }

        @Override
        public Optional<DriverVm> find(String vmId) {
            return Optional.ofNullable(vms.get(vmId));
        }

        @Override
        public List<DriverVm> list() {
            return List.copyOf(vms.values());
        }

        @Override
        public Optional<VmUsage> stats(String vmId) {
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
    public List<String> imageNames() {
        Set<String> names = new TreeSet<>(cloudInitImages);
        names.add("micro");
        return List.copyOf(names);
    }

    @Override
    public boolean acceptsUserData(String name) throws VmDriverException {
        requireImage(name);
        return cloudInitImages.contains(name);
    }

    @Override
    public void requireImage(String name) throws VmDriverException {
        if (!imageNames().contains(name)) {
            throw new VmDriverException(VmDriverException.Code.IMAGE_NOT_FOUND, "unknown image " + name);
        }
    }

    /** micro, and every name of {@link #cloudInitImages} as a ready cloud-init image, sorted by name */
    @Override
    public List<ImageInfo> offeredImages() {
        List<ImageInfo> offered = new ArrayList<>();
        for (String name : imageNames()) {
            offered.add(name.equals("micro") ? MICRO
                    : new ImageInfo(name, "Debian 12 (bookworm)", 590L, "debian", "kernel+initrd+disk", true));
        }
        return offered;
    }

    @Override
    public List<OperatorImages.Image> imageCatalogue() {
        return offeredImages().stream().map(i -> new OperatorImages.Image(i.name(), OperatorImages.READY,
                "/images/" + i.name(), null, i)).toList();
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
