package org.golem.vm.provider.infrastructure.vm.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds test images with provider-war/images/build-image once per JVM into an image cache the script keeps valid
 * across runs (it skips the build when the manifest's hashes still match).
 *
 * <p>The cache is the system property {@code golem.test.imageCache}: in a Maven build the parent pom sets it to the
 * reactor's {@code target/vm-images}, one cache for every module's tests (hermetic, removed by {@code mvn clean});
 * run alone, {@code target/vm-images}. The debian-12 image is ~600 MB; a developer who cleans often can point the
 * property at a directory outside the build, e.g. {@code -Dgolem.test.imageCache=$HOME/.golem/test-images}, to skip
 * the ~80 s build.
 */
public final class TestImages {
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(TestImages.class.getName());
    /** Image cache directory. */
    public static final Path CACHE = Path.of(System.getProperty("golem.test.imageCache", "").isBlank()
            ? Path.of("target", "vm-images").toString() : System.getProperty("golem.test.imageCache")).toAbsolutePath();

    private static final Map<String, Path> BUILT = new HashMap<>();

    private TestImages() {
    }

    /** @return the image directory {@code <cache>/<name>}, built or verified by build-image */
    public static synchronized Path build(String name) throws IOException, InterruptedException {
        Path dir = BUILT.get(name);
        if (dir == null) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("bash", "images/build-image", name, CACHE.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("build-image " + name + " failed:\n" + out);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LOG.info(() -> out + "build-image " + name + ": " + ms + " ms");
            dir = CACHE.resolve(name);
            BUILT.put(name, dir);
        }
        return dir;
    }
}
