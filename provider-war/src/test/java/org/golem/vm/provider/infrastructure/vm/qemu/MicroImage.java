package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds the micro image into target/ once per JVM with provider-war/images/build-image (cached across runs). */
final class MicroImage {
    /** Image cache: the build script skips the build when its manifest still matches. */
    static final Path CACHE = Path.of("target", "vm-images").toAbsolutePath();

    private static Path built;

    private MicroImage() {
    }

    /** @return the image directory, {@code target/vm-images/micro} */
    static synchronized Path build() throws IOException, InterruptedException {
        if (built == null) {
            Process p = new ProcessBuilder("bash", "images/build-image", "micro", CACHE.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("build-image micro failed:\n" + out);
            }
            System.out.print(out);
            built = CACHE.resolve("micro");
        }
        return built;
    }
}
