package org.golem.vm.provider.infrastructure.vm.toolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.golem.vm.provider.application.port.VmDriverException;

/**
 * The cloud-init configuration a guest gets (cloud-init's NoCloud data source and user-data formats).
 *
 * <p>QEMU guests read a NoCloud seed: a small ISO 9660 volume labelled {@code cidata} holding {@code meta-data},
 * {@code user-data} and {@code vendor-data}, built by {@code cloud-localds} from cloud-image-utils
 * ({@link #writeNoCloudSeed}). The provider's part and the requestor's part are kept apart, so the requestor's
 * user-data reaches the guest as is, in any format cloud-init reads ({@code #cloud-config}, a {@code #!} script, a
 * MIME multi-part archive, ...), while the key injection works independently of it:
 * <ul>
 *   <li>{@code meta-data}: {@code instance-id}, {@code local-hostname} (the VM id) and {@code public-keys} (the
 *       requestor's SSH key). cloud-init's {@code ssh} module installs a data source's public keys for the image's
 *       default user ({@code debian} on Debian images, {@code ubuntu} on Ubuntu's) next to any
 *       {@code ssh_authorized_keys} of the user-data;</li>
 *   <li>{@code vendor-data}: the provider's policy, password login off and root login off ({@link #VENDOR_DATA}; the
 *       original Python provider let the requestor in as root, we do not). cloud-init applies vendor-data first and
 *       lets user-data override it;</li>
 *   <li>{@code user-data}: the requestor's, byte for byte, or, when there is none, the same policy as the
 *       vendor-data.</li>
 * </ul>
 * The key keeps working unless the requestor's user-data itself turns it off (a {@code users:} list without
 * {@code default}, which drops the default user, or {@code allow_public_ssh_keys: false}).
 *
 * <p>Multipass takes one user-data file ({@code launch --cloud-init}) and no meta-data, so its guests get the
 * key in user-data ({@link #multipassUserData}) and no requestor user-data.
 */
public final class CloudInit {
    /** File name of the seed volume in a VM's directory. */
    public static final String SEED = "seed.iso";
    /**
     * The provider's cloud-config for every guest: no password login over SSH, no root login (the key goes to the
     * default user only). Vendor-data; also the user-data when the requestor gave none.
     */
    public static final String VENDOR_DATA = "#cloud-config\nssh_pwauth: false\ndisable_root: true\n";

    private CloudInit() {
    }

    /**
     * The user-data of a Multipass guest, the only cloud-init input Multipass takes: hostname, the key as top-level
     * {@code ssh_authorized_keys} (the image's default user), password and root login off.
     *
     * @param hostname the guest's hostname (a VM id: {@code [a-z0-9-]}, needs no YAML quoting)
     * @param key      one OpenSSH public key line
     * @return the {@code #cloud-config} user-data; the key is written as a JSON string, which YAML reads as a flow
     *         scalar, so a comment holding {@code :} or {@code #} cannot break out of its line
     * @throws IOException never in practice (Jackson's signature)
     */
    public static String multipassUserData(String hostname, String key) throws IOException {
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
     * @param key  one OpenSSH public key line, installed for the image's default user
     * @return the NoCloud {@code meta-data} (YAML); the key is written as a JSON string (a YAML flow scalar), so a
     *         comment holding {@code :} or {@code #} cannot break out of its line
     * @throws IOException never in practice (Jackson's signature)
     */
    public static String metaData(String vmId, String key) throws IOException {
        return "instance-id: " + vmId + "\n"
                + "local-hostname: " + vmId + "\n"
                + "public-keys:\n"
                + "  - " + VmFiles.jsonString(key) + "\n";
    }

    /**
     * @param requestorUserData the requestor's user-data, or null/empty for none
     * @return the NoCloud {@code user-data}: the requestor's unchanged, else {@link #VENDOR_DATA}
     */
    public static String userData(String requestorUserData) {
        return requestorUserData == null || requestorUserData.isEmpty() ? VENDOR_DATA : requestorUserData;
    }

    /**
     * Writes {@code meta-data}, {@code user-data} and {@code vendor-data} into {@code dir} and builds
     * {@code dir/seed.iso} from them with {@code cloud-localds --vendor-data} (60 s timeout).
     *
     * @param dir               the VM's directory
     * @param vmId              the VM id
     * @param key               one OpenSSH public key line
     * @param requestorUserData the requestor's user-data, written as is (UTF-8), or null for none
     * @param runner            runs {@code cloud-localds}
     * @return the seed's path
     * @throws IOException       when the files cannot be written
     * @throws VmDriverException {@code HYPERVISOR_ERROR} when {@code cloud-localds} is missing or fails
     */
    public static Path writeNoCloudSeed(Path dir, String vmId, String key, String requestorUserData,
                                        ProcessRunner runner) throws IOException, VmDriverException {
        Files.writeString(dir.resolve("user-data"), userData(requestorUserData));
        Files.writeString(dir.resolve("meta-data"), metaData(vmId, key));
        Files.writeString(dir.resolve("vendor-data"), VENDOR_DATA);
        runner.run(List.of("cloud-localds", "--vendor-data", "vendor-data", SEED, "user-data", "meta-data"), dir,
                Duration.ofSeconds(60)).requireSuccess();
        return dir.resolve(SEED);
    }
}
