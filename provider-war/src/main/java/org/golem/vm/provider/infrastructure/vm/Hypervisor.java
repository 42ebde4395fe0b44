package org.golem.vm.provider.infrastructure.vm;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import java.util.Locale;
import org.golem.vm.common.money.Resources;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.admin.OperatorImages;
import org.golem.vm.provider.application.port.VmDriver;
import org.golem.vm.provider.application.port.VmDriverException;
import org.golem.vm.provider.application.port.VmHost;
import org.golem.vm.provider.config.ProviderSettings;
import org.golem.vm.provider.infrastructure.net.SshPortAllocator;
import org.golem.vm.provider.infrastructure.persistence.JdbcPortStore;
import org.golem.vm.provider.infrastructure.vm.image.ImageCatalog;
import org.golem.vm.provider.infrastructure.vm.spi.VmDriverFactory;

/**
 * The provider's hypervisor side ({@link VmHost}), built from settings on first use: the {@link VmDriver} named by
 * {@code golem.provider.vm.driver} from the {@link VmDriverRegistry}, the image catalog and the SSH port allocator
 * (assignments in the database). Built lazily and again after a failure, so a provider whose hypervisor is broken
 * still starts and says so in its readiness.
 */
@ApplicationScoped
public class Hypervisor implements VmHost {
    private static final Logger LOG = Logger.getLogger(Hypervisor.class.getName());
    private static final long GIB = 1L << 30;

    @Inject
    ProviderSettings settings;

    @Resource(lookup = "java:app/jdbc/provider-local")
    DataSource localDataSource;

    private final VmDriverRegistry registry = VmDriverRegistry.standard();
    private volatile VmDriver driver;
    private volatile SshPortAllocator ports;
    private volatile ImageCatalog catalog;

    /**
     * @return the driver
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when it cannot be set up (e.g. no qemu binary)
     */
    @Override
    public VmDriver driver() throws VmDriverException {
        VmDriver d = driver;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (driver == null) {
                driver = registry.create(settings.vmDriver(), settings, catalog());
                LOG.info(() -> "VM driver: " + driver.name());
            }
            return driver;
        }
    }

    /**
     * @return the driver's accelerator ({@link org.golem.vm.provider.application.port.DriverCapabilities}), empty
     *         when undecided or when the driver cannot be set up
     */
    @Override
    public Optional<String> accelerator() {
        try {
            return driver().capabilities().accelerator();
        } catch (VmDriverException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> imageNames() {
        return List.copyOf(catalog().names());
    }

    @Override
    public void requireImage(String name) throws VmDriverException {
        catalog().resolve(name);
    }

    /** @return true when the driver takes user-data and the image is a cloud disk (cloud-init, NoCloud seed) */
    @Override
    public boolean acceptsUserData(String name) throws VmDriverException {
        return driver().capabilities().userData() && catalog().resolve(name).acceptsUserData();
    }

    @Override
    public List<ImageInfo> offeredImages() {
        return catalog().ready();
    }

    @Override
    public List<OperatorImages.Image> imageCatalogue() {
        return catalog().entries().stream().map(e -> new OperatorImages.Image(e.name(),
                e.status().name().toLowerCase(Locale.ROOT), e.location().toString(), e.reason(), e.info())).toList();
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
                            settings.sshPortLast(), VmDriverFactory.bindAddress(settings.sshBindAddress()));
                }
            }
        }
        return ports;
    }

    /**
     * @return what the provider offers: {@code capacity.*} settings where given, else measured: logical cores, total
     *         RAM minus 1 GiB for the host (at least 1), usable disk under the data directory, in whole GiB
     */
    @Override
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

    @PreDestroy
    void close() {
        VmDriver d = driver;
        if (d != null) {
            d.close();
        }
    }
}
