package org.golem.vm.provider.infrastructure.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.golem.vm.provider.application.port.DriverCapabilities;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.domain.vm.DriverVm;
import org.golem.vm.provider.domain.vm.VmSpec;
import org.golem.vm.provider.domain.vm.VmUsage;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.multipass.MultipassDriver;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuConfig;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuDriver;
import org.golem.vm.provider.infrastructure.vm.spi.VmDriverFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmDriverRegistryTest {
    @TempDir
    Path data;

    /** A driver that only knows its name: enough to see which factory the registry picked. */
    private record Named(String name) implements VmDriver {
        @Override
        public DriverCapabilities capabilities() {
            return new DriverCapabilities(name, Optional.empty(), DriverCapabilities.CATALOG_IMAGES);
        }

        @Override
        public DriverVm create(VmSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DriverVm start(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DriverVm stop(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String vmId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DriverVm> find(String vmId) {
            return Optional.empty();
        }

        @Override
        public List<DriverVm> list() {
            return List.of();
        }

        @Override
        public Optional<VmUsage> stats(String vmId) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }

    private record Factory(String name) implements VmDriverFactory {
        @Override
        public VmDriver create(ProviderSettings settings, ImageCatalog catalog) {
            return new Named(name);
        }
    }

    @Test
    void picksTheFactoryByNameInAnyCase() throws VmDriverException {
        VmDriverRegistry registry = new VmDriverRegistry(List.of(new Factory("qemu"), new Factory("firecracker")));
        assertEquals(List.of("firecracker", "qemu"), registry.names());
        assertEquals("firecracker", registry.create("FireCracker", null, null).name());
        assertEquals("qemu", registry.create("qemu", null, null).name());
    }

    @Test
    void anUnknownNameIsAHypervisorErrorNamingTheKnownOnes() {
        VmDriverException e = assertThrows(VmDriverException.class,
                () -> VmDriverRegistry.standard().create("VirtualBox", null, null));
        assertEquals(VmDriverException.Code.HYPERVISOR_ERROR, e.code());
        assertEquals("unknown golem.provider.vm.driver 'virtualbox' (multipass or qemu)", e.getMessage());
    }

    @Test
    void twoDriversCannotShareAName() {
        assertThrows(IllegalArgumentException.class,
                () -> new VmDriverRegistry(List.of(new Factory("qemu"), new Factory("QEMU"))));
    }

    @Test
    void theShippedDriversAreQemuAndMultipass() {
        assertEquals(List.of("multipass", "qemu"), VmDriverRegistry.standard().names());
    }

    @Test
    void qemuReportsItsConfiguredAcceleratorCatalogImagesAndThatItTakesUserData() throws Exception {
        ImageCatalog catalog = new ImageCatalog(data, Map.of());
        for (QemuConfig.Accel accel : List.of(QemuConfig.Accel.TCG, QemuConfig.Accel.KVM)) {
            try (QemuDriver q = new QemuDriver(data, catalog, QemuConfig.defaults().withAccel(accel))) {
                assertEquals(new DriverCapabilities("qemu", Optional.of(accel.name().toLowerCase()),
                        DriverCapabilities.CATALOG_IMAGES, true), q.capabilities());
            }
        }
    }

    @Test
    void multipassReportsItsOwnHypervisorAndImageNames() throws Exception {
        MultipassDriver.Config d = MultipassDriver.Config.defaults(data);
        MultipassDriver m = new MultipassDriver(new MultipassDriver.Config(data.resolve("no-multipass").toString(),
                d.stateDir(), InetAddress.getLoopbackAddress(), 22, "ubuntu", d.commandTimeout(), d.stopTimeout(),
                d.pollInterval(), Map.of(), d.forwarderOptions()));
        try (m) {
            DriverCapabilities c = m.capabilities();
            assertEquals("multipass", c.driver());
            assertEquals(Optional.of("multipass"), c.accelerator());
            assertEquals(DriverCapabilities.MULTIPASS_IMAGES, c.imageSource());
        }
    }

    @Test
    void multipassRefusesEveryEgressPolicyButOpen() {
        for (String policy : List.of("none", "allow-list")) {
            ProviderSettings settings = new ProviderSettings() {
                @Override
                protected Optional<String> configured(String key) {
                    return switch (key) {
                        case "egress" -> Optional.of(policy);
                        case "egress.allow" -> Optional.of(policy.equals("none") ? "" : "192.0.2.1:80")
                                .filter(v -> !v.isEmpty());
                        default -> Optional.empty();
                    };
                }
            };
            VmDriverException e = assertThrows(VmDriverException.class,
                    () -> VmDriverRegistry.standard().create("multipass", settings, new ImageCatalog(data, Map.of())));
            assertEquals(VmDriverException.Code.HYPERVISOR_ERROR, e.code());
            assertEquals("the multipass driver cannot enforce the egress policy " + policy + " (multipass networks "
                    + "its VMs itself); use golem.provider.vm.driver=qemu or golem.provider.egress=open", e.getMessage());
        }
    }
}
