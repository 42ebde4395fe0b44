package org.golem.vm.provider.infrastructure.vm;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.golem.vm.common.money.Resources;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.net.SshPortAllocator;
import org.golem.vm.provider.infrastructure.persistence.JdbcPortStore;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.multipass.MultipassDriver;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuConfig;
import org.golem.vm.provider.infrastructure.vm.qemu.QemuDriver;

/**
 * The provider's hypervisor side, built from settings on first use: the {@link VmDriver} ({@code qemu} or
 * {@code multipass}), its image catalog and the SSH port allocator (assignments in the database). Built lazily
 * and again after a failure, so a provider whose hypervisor is broken still starts and says so in its readiness.
 */
@ApplicationScoped
public class Hypervisor {
    private static final Logger LOG = Logger.getLogger(Hypervisor.class.getName());
    private static final long GIB = 1L << 30;

    @Inject
    ProviderSettings settings;

    @Resource(lookup = "java:app/jdbc/provider-local")
    DataSource localDataSource;

    private volatile VmDriver driver;
    private volatile SshPortAllocator ports;
    private volatile ImageCatalog catalog;

    /**
     * @return the driver
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it cannot be set up (e.g. no qemu binary)
     */
    public VmDriver driver() throws VmDriverException {
        VmDriver d = driver;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (driver == null) {
                String kind = settings.vmDriver().toLowerCase(Locale.ROOT);
                switch (kind) {
                    case "qemu" -> {
                        QemuConfig qc = QemuConfig.defaults().withBindAddress(settings.sshBindAddress())
                                .withAccel(QemuConfig.Accel.valueOf(settings.qemuAccel().toUpperCase(Locale.ROOT)));
                        qc = new QemuConfig(qc.qemuBinary(), qc.qemuImgBinary(), qc.bindAddress(), qc.accel(),
                                qc.kvmProbeTimeout(), Duration.ofSeconds(settings.qemuAcpiGraceSeconds()));
                        driver = new QemuDriver(settings.dataDir(), catalog(), qc);
                    }
                    case "multipass" -> {
                        MultipassDriver.Config d0 = MultipassDriver.Config.defaults(settings.dataDir());
                        driver = new MultipassDriver(new MultipassDriver.Config(settings.multipassExecutable(),
                                d0.stateDir(), address(settings.sshBindAddress()), d0.guestSshPort(), d0.sshUser(),
                                d0.commandTimeout(), d0.stopTimeout(), d0.pollInterval(), d0.imageAliases(),
                                d0.forwarderOptions()));
                    }
                    default -> throw new VmDriverException(VmDriverException.Code.HYPERVISOR_ERROR,
                            "unknown golem.provider.vm.driver '" + kind + "' (qemu or multipass)");
                }
                LOG.info(() -> "VM driver: " + kind);
            }
            return driver;
        }
    }

    /**
     * @return how VMs are accelerated: {@code kvm}, {@code tcg} (QEMU; empty until the first boot decided it),
     *         {@code multipass} (its own hypervisor), or empty when the driver cannot be set up
     */
    public java.util.Optional<String> accelerator() {
        try {
            VmDriver d = driver();
            if (d instanceof QemuDriver q) {
                return q.accelerator();
            }
            return java.util.Optional.of(d.name());
        } catch (VmDriverException e) {
            return java.util.Optional.empty();
        }
    }

    /** @return the image catalog from {@code golem.provider.vm.images} (micro under the data directory by default) */
    public ImageCatalog catalog() {
        if (catalog == null) {
            catalog = new ImageCatalog(settings.dataDir(), settings.images());
        }
        return catalog;
    }

    /**
     * @return the SSH port allocator (range and bind address from settings; assignments and release times in tables
     *         ssh_ports and ssh_port_releases)
     */
    public SshPortAllocator ports() {
        if (ports == null) {
            synchronized (this) {
                if (ports == null) {
                    ports = new SshPortAllocator(new JdbcPortStore(localDataSource), settings.sshPortFirst(),
                            settings.sshPortLast(), address(settings.sshBindAddress()));
                }
            }
        }
        return ports;
    }

    /**
     * @return what the provider offers: {@code capacity.*} settings where given, else measured: logical cores, total
     *         RAM minus 1 GiB for the host (at least 1), usable disk under the data directory, in whole GiB
     */
    public Resources capacity() {
        Map<String, Long> o = settings.capacityOverrides();
        long cpu = o.getOrDefault("cpu", (long) Runtime.getRuntime().availableProcessors());
        long mem = o.computeIfAbsent("memory-gib", k -> {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return Math.max(1, os.getTotalMemorySize() / GIB - 1);
        });
        long disk = o.computeIfAbsent("storage-gib", k -> {
            try {
                Files.createDirectories(settings.dataDir());
                return Files.getFileStore(settings.dataDir()).getUsableSpace() / GIB;
            } catch (IOException e) {
                return 0L;
            }
        });
        return new Resources((int) cpu, (int) mem, (int) disk);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalStateException("golem.provider.ssh.bind-address: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        VmDriver d = driver;
        if (d != null) {
            d.close();
        }
    }
}
