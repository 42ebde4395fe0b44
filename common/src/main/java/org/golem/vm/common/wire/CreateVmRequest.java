package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.util.List;
import org.golem.vm.common.money.Resources;

/**
 * Body of {@code POST /api/v1/vms[?async=true]} on the provider (docs/provider-api.md §3.1, §3.2;
 * docs/requestor-api.md §3.3.1): {@code {"name", "size"?, "resources"?: {"cpu","memory","storage"}, "image"?,
 * "ssh_key", "stream_id"?}}.
 *
 * <p>Null components are omitted when written, as the original requestor does (the original provider
 * rejects {@code "image": null} and treats {@code "resources": null} specially).
 * Rules (checked by {@link WireValidation#createVmRequest}, not here, so a service can answer 400 with all
 * violations): name 3–64 chars of {@code ^[a-z0-9][a-z0-9-]*[a-z0-9]$} without {@code --}; ssh_key an
 * OpenSSH public key line; cpu ∈ {1,2,4,8,16}, memory ∈ {1,2,4,8,16,32,64} GiB, storage ≥ 10 GiB.
 *
 * <p>FLAW fixed: the original ignores {@code size} unless {@code "resources": null} is sent explicitly, and
 * answers 500 when {@code resources} is omitted. Here {@link #resolvedResources()} is the one rule for every
 * side: explicit {@code resources}, else the {@code size} preset, else {@link VmSize#SMALL}.
 *
 * @param name      VM name chosen by the requestor; also its id on the provider
 * @param size      optional size preset, used only when {@code resources} is absent
 * @param resources optional explicit resources (cpu cores, memory GiB, storage GiB)
 * @param image     optional image name; null or blank = the provider's default image
 * @param sshKey    OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}) installed for login;
 *                  surrounding whitespace is stripped
 * @param streamId  id of the StreamPayment stream that pays for the VM (uint256); required by a provider
 *                  with payments enabled. Numeric strings are accepted when read
 * @param userData  (added) the requestor's cloud-init user-data, passed to the VM as is (any format cloud-init
 *                  reads: {@code #cloud-config}, a {@code #!} script, a MIME multi-part archive); null for none
 * @param ports     (added) guest TCP ports to forward besides SSH, e.g. {@code [80, 443]}; null or empty for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateVmRequest(
        String name,
        VmSize size,
        Resources resources,
        String image,
        String sshKey,
        BigInteger streamId,
        String userData,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> ports) {

    /** Strips surrounding whitespace (a trailing newline of a {@code .pub} file) from {@code ssh_key}. */
    public CreateVmRequest {
        sshKey = sshKey == null ? null : sshKey.strip();
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** The original's six fields: no user-data, no extra ports. */
    public CreateVmRequest(String name, VmSize size, Resources resources, String image, String sshKey,
                           BigInteger streamId) {
        this(name, size, resources, image, sshKey, streamId, null, null);
    }

    /** The original's default when no image is given (an Ubuntu release; our providers map it). */
    public static final String ORIGINAL_DEFAULT_IMAGE = "24.04";

    /**
     * Whether an image name means "the provider's default image": null, blank, or one of the original requestor's
     * default names ({@value #ORIGINAL_DEFAULT_IMAGE}, {@code ubuntu:24.04}, {@code default}), which our providers
     * map to their default image.
     *
     * @param image the requested image name, or null
     * @return true when the provider picks the image
     */
    public static boolean meansDefaultImage(String image) {
        if (image == null || image.isBlank()) {
            return true;
        }
        String name = image.strip();
        return name.equals(ORIGINAL_DEFAULT_IMAGE) || name.equals("ubuntu:24.04") || name.equals("default");
    }

    /**
     * The usual request: explicit resources, default image.
     *
     * @param name      VM name
     * @param resources cpu cores / memory GiB / storage GiB
     * @param sshKey    OpenSSH public key line
     * @param streamId  stream id, or null when the provider does not require payment
     * @return the request
     */
    public static CreateVmRequest of(String name, Resources resources, String sshKey, BigInteger streamId) {
        return new CreateVmRequest(name, null, resources, null, sshKey, streamId);
    }

    /**
     * @return {@code resources} if given, else the preset of {@code size}, else {@link VmSize#SMALL}
     *         (1 core / 1 GiB / 10 GiB)
     */
    public Resources resolvedResources() {
        if (resources != null) {
            return resources;
        }
        return (size != null ? size : VmSize.SMALL).resources();
    }
}
