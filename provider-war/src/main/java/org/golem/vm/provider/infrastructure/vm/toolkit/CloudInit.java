package org.golem.vm.provider.infrastructure.vm.toolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.golem.vm.provider.application.port.VmDriverException;

/**
 * The cloud-init configuration a guest gets: its hostname, the requestor's SSH key for the image's default user
 * (top-level {@code ssh_authorized_keys}: {@code debian} on Debian cloud images, {@code ubuntu} on Ubuntu), password
 * login off and root login off (the original Python provider let the requestor in as root; we do not). Multipass
 * takes the user-data as a file ({@code launch --cloud-init}); QEMU guests read it from a NoCloud seed, a small
 * ISO 9660 volume labelled {@code cidata} holding {@code user-data} and {@code meta-data} (cloud-init's NoCloud data
 * source), built by {@code cloud-localds} from cloud-image-utils.
 */
public final class CloudInit {
    /** File name of the seed volume in a VM's directory. */
    public static final String SEED = "seed.iso";

    private CloudInit() {
    }

    /**
     * @param hostname the guest's hostname (a VM id: {@code [a-z0-9-]}, needs no YAML quoting)
     * @param key      one OpenSSH public key line
     * @return the {@code #cloud-config} user-data; the key is written as a JSON string, which YAML reads as a flow
     *         scalar, so a comment holding {@code :} or {@code #} cannot break out of its line
     * @throws IOException never in practice (Jackson's signature)
     */
    public static String userData(String hostname, String key) throws IOException {
        return "#cloud-config\n"
                + "hostname: " + hostname + "\n"
                + "ssh_pwauth: false\n"
                + "disable_root: true\n"
                + "ssh_authorized_keys:\n"
                + "  - " + VmFiles.jsonString(key) + "\n";
    }

    /**
     * @param vmId the VM id, used as instance id (a new id makes cloud-init run its per-instance steps) and as
     *             local hostname
     * @return the NoCloud {@code meta-data}
     */
    public static String metaData(String vmId) {
        return "instance-id: " + vmId + "\nlocal-hostname: " + vmId + "\n";
    }

    /**
     * Writes {@code user-data} and {@code meta-data} into {@code dir} and builds {@code dir/seed.iso} from them with
     * {@code cloud-localds} (60 s timeout).
     *
     * @param dir    the VM's directory
     * @param vmId   the VM id
     * @param key    one OpenSSH public key line
     * @param runner runs {@code cloud-localds}
     * @return the seed's path
     * @throws IOException       when the files cannot be written
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when {@code cloud-localds} is missing or fails
     */
    public static Path writeNoCloudSeed(Path dir, String vmId, String key, ProcessRunner runner)
            throws IOException, VmDriverException {
        Files.writeString(dir.resolve("user-data"), userData(vmId, key));
        Files.writeString(dir.resolve("meta-data"), metaData(vmId));
        runner.run(List.of("cloud-localds", SEED, "user-data", "meta-data"), dir, Duration.ofSeconds(60))
                .requireSuccess();
        return dir.resolve(SEED);
    }
}
