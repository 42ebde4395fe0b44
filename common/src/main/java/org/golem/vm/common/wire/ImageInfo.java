package org.golem.vm.common.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One image of a provider's catalogue, as {@code GET /api/v1/provider/info} and the provider's advertisement
 * list it (docs/provider-api.md, docs/vm-runtime.md "Images").
 *
 * <p>JSON: {@code {"name":"debian-12","os":"Debian 12 (bookworm)","size_mib":612,"login_user":"debian",
 * "boot":"kernel+initrd+disk","user_data":true}}. The original had no catalogue: every VM was the Ubuntu release
 * Multipass launched.
 *
 * @param name      the name a requestor passes as {@code image} when creating a VM, e.g. {@code debian-12},
 *                  {@code debian-12-docker}, {@code micro}
 * @param os        human-readable operating system, e.g. {@code Debian 12 (bookworm)}
 * @param sizeMib   the image's files on the provider, in MiB (rounded up), or null when unknown
 * @param loginUser the user a requestor logs in as over SSH, e.g. {@code debian} or {@code root}
 * @param boot      boot style: {@code kernel+initrd} (in-memory root file system), {@code kernel+initrd+disk}
 *                  (root file system on the VM's disk) or {@code disk} (a cloud image's own bootloader)
 * @param userData  true when the image runs cloud-init and so accepts the requestor's user-data
 */
public record ImageInfo(String name, String os, @JsonInclude(JsonInclude.Include.NON_NULL) Long sizeMib,
                        String loginUser, String boot, boolean userData) {
}
