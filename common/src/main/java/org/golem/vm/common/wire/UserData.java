package org.golem.vm.common.wire;

import java.nio.charset.StandardCharsets;

/**
 * The rules for a requestor's cloud-init user-data ({@link CreateVmRequest#userData()},
 * {@link org.golem.vm.common.wire.requestor.RentVmRequest#userData()}), shared by the provider, the requestor
 * service and the CLI so all three refuse the same input with the same code.
 *
 * <p>User-data is text handed to the VM as is: whatever cloud-init reads ({@code #cloud-config} YAML, a {@code #!}
 * script, a MIME multi-part archive, {@code #include}, ...; cloud-init's "user-data formats"). It travels in a JSON
 * string, so binary forms (gzip) are not possible. Its size is counted in UTF-8 bytes and may not exceed
 * {@link #MAX_BYTES}. An empty string means none.
 */
public final class UserData {
    /** Largest user-data accepted: 64 KiB of UTF-8, 65,536 bytes (what a NoCloud seed and an EC2 instance take). */
    public static final int MAX_BYTES = 64 * 1024;
    /** Code of the refusal of user-data over {@link #MAX_BYTES} (HTTP 413 at the provider and the requestor). */
    public static final String TOO_LARGE = "USER_DATA_TOO_LARGE";
    /** Code of the refusal of user-data for an image that runs no cloud-init (HTTP 422). */
    public static final String NOT_SUPPORTED = "USER_DATA_NOT_SUPPORTED";

    private UserData() {
    }

    /** @return true when {@code userData} holds something to pass on (not null, not empty) */
    public static boolean given(String userData) {
        return userData != null && !userData.isEmpty();
    }

    /** @return the size of {@code userData} in UTF-8 bytes (0 for null) */
    public static int utf8Bytes(String userData) {
        return userData == null ? 0 : userData.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * @param userData user-data or null
     * @return the refusal's message when it is larger than {@link #MAX_BYTES}, else null
     */
    public static String tooLarge(String userData) {
        int bytes = utf8Bytes(userData);
        return bytes <= MAX_BYTES ? null
                : "user-data is " + bytes + " bytes (UTF-8); at most " + MAX_BYTES + " bytes (64 KiB) are accepted";
    }

    /**
     * @param image the image name
     * @return the message of a refusal of user-data for {@code image}
     */
    public static String notSupported(String image) {
        return "image '" + image + "' takes no user-data (it runs no cloud-init); create the VM without user-data "
                + "or pick an image that takes it";
    }
}
