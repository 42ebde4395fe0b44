package org.golem.vm.common.wire.requestor;

import java.util.List;
import org.golem.vm.common.wire.ImageInfo;

/**
 * Answer of the requestor's {@code GET /api/v1/providers/{provider_id}/images} ({@code golem vm images}): the images
 * a provider offers now, read from its own {@code GET /api/v1/provider/info} (not from its last advertisement), so
 * it is the list a VM creation is checked against.
 *
 * <p>JSON: {@code {"provider_id":"0x…","images":[{"name":"debian-12","os":"Debian 12 (bookworm)","size_mib":579,
 * "login_user":"debian","boot":"kernel+initrd+disk","user_data":true}, ...]}}.
 *
 * @param providerId the provider's address, EIP-55
 * @param images     its ready images, sorted by name; empty when it offers none
 */
public record ProviderImages(String providerId, List<ImageInfo> images) {
    public ProviderImages {
        images = images == null ? List.of() : List.copyOf(images);
    }
}
