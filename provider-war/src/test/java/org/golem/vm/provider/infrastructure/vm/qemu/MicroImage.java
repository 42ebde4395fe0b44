package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.IOException;
import java.nio.file.Path;

/** Builds the micro image into target/ once per JVM with provider-war/images/build-image (cached across runs). */
final class MicroImage {
    /** Image cache: the build script skips the build when its manifest still matches. */
    static final Path CACHE = TestImages.CACHE;

    private MicroImage() {
    }

    /** @return the image directory, {@code target/vm-images/micro} */
    static Path build() throws IOException, InterruptedException {
        return TestImages.build("micro");
    }
}
