package org.golem.vm.common.wire.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.golem.vm.common.wire.ImageInfo;

/**
 * Answer of the provider's admin {@code GET /api/v1/admin/images} ({@code golem-provider images list}): every image
 * of the provider's catalogue, whether it can be offered, and why not.
 *
 * <p>JSON: {@code {"images":[{"name":"debian-12","status":"ready","location":"/data/images/debian-12",
 * "image":{"name":"debian-12","os":"Debian 12 (bookworm)",...}},{"name":"debian-12-docker","status":"missing",
 * "location":"...","reason":"... does not exist (build it with: ...)"}]}}.
 *
 * @param images sorted by name
 */
public record OperatorImages(List<Image> images) {

    /** {@link Image#status()} of an image requestors are offered: built and its files verified. */
    public static final String READY = "ready";
    /** {@link Image#status()} of an image not built (no directory, file or manifest). */
    public static final String MISSING = "missing";
    /** {@link Image#status()} of an image that exists but cannot be used (damaged file, unsound manifest). */
    public static final String INVALID = "invalid";

    public OperatorImages {
        images = images == null ? List.of() : List.copyOf(images);
    }

    /**
     * One image of the catalogue.
     *
     * @param name     the image name, e.g. {@code debian-12}
     * @param status   {@value #READY}, {@value #MISSING} or {@value #INVALID}
     * @param location its directory (built by {@code build-image}) or cloud image file on the provider
     * @param reason   what is missing or wrong; omitted when ready
     * @param image    what requestors are offered about it; omitted unless ready
     */
    public record Image(String name, String status, String location,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ImageInfo image) {
    }
}
