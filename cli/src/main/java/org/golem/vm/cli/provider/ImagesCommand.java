package org.golem.vm.cli.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.golem.vm.cli.support.CliException;
import org.golem.vm.cli.support.CommandGroup;
import org.golem.vm.cli.support.JsonOutput;
import org.golem.vm.cli.support.TextTable;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.common.wire.admin.OperatorImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code golem-provider images list|build}: the provider's image catalogue. {@code list} asks the running provider
 * ({@code GET /api/v1/admin/images}); {@code build} runs the image builder on this machine.
 */
@Command(name = "images",
        description = "VM images: list the catalogue with each image's status, build an image.",
        subcommands = {ImagesCommand.ListImages.class, ImagesCommand.Build.class})
final class ImagesCommand extends CommandGroup {

    /** Where the image builder is bundled in the CLI's jar (cli/pom.xml copies provider-war/images/build-image). */
    static final String BUILDER_RESOURCE = "build-image";

    /**
     * {@code golem-provider images list [--json]}: every image of the catalogue, whether requestors are offered it
     * ({@code ready}) or why not ({@code missing}: not built; {@code invalid}: damaged or unsound), and where it is.
     * JSON: the provider's {@code {"images": [...]}}.
     */
    @Command(name = "list", description = "List the provider's images: status (ready, missing, invalid), OS, size, "
            + "login user, boot style, user-data, location; only ready images are offered to requestors.")
    static final class ListImages extends ProviderBaseCommand {

        @Mixin
        JsonOutput output;

        @Override
        public Integer call() {
            OperatorImages body = api().images();
            if (output.json()) {
                printJson(body);
                return 0;
            }
            if (body.images().isEmpty()) {
                out().println("No images in the catalogue.");
                return 0;
            }
            TextTable t = new TextTable("NAME", "STATUS", "OS", "SIZE (MiB)", "LOGIN", "BOOT", "USER-DATA",
                    "LOCATION").alignRight(3);
            for (OperatorImages.Image i : body.images()) {
                ImageInfo info = i.image();
                t.row(i.name(), i.status(), info == null ? "—" : info.os(), info == null ? "—" : text(info.sizeMib()),
                        info == null ? "—" : info.loginUser(), info == null ? "—" : info.boot(),
                        info == null ? "—" : info.userData() ? "yes" : "no", i.location());
            }
            t.print(out());
            for (OperatorImages.Image i : body.images()) {
                if (i.reason() != null) {
                    out().println(i.name() + ": " + i.reason());
                }
            }
            return 0;
        }
    }

    /**
     * {@code golem-provider images build NAME [--dir DIR]}: runs the image builder ({@code build-image}, bundled in
     * the CLI's jar) for one image into {@code DIR/NAME}, its progress on stderr; exits with the builder's status.
     */
    @Command(name = "build", description = {
            "Build an image from Debian packages into DIR/NAME (default DIR: <data-dir>/images, where the provider "
                    + "looks for micro, debian-12 and debian-12-docker) with the image builder "
                    + "provider-war/images/build-image, which this command carries in its jar (the copy of the "
                    + "checkout it was built from) and runs with bash. Does nothing when the image is built and "
                    + "verifies. debian-12 and debian-12-docker need root (mmdebstrap) and keep debian-12's root tree "
                    + "in DIR/.debian-12-tree for the other; micro needs root or sudo only to install host tools. "
                    + "The running provider offers a newly built image at once (no restart)."})
    static final class Build extends ProviderBaseCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "micro, debian-12 or debian-12-docker.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Image cache directory (default: <data-dir>/images).")
        Path dir;

        @Override
        public Integer call() {
            Path target = dir != null ? dir.toAbsolutePath() : root().dataDir().resolve("images");
            Path script = null;
            try {
                script = bundledBuilder();
                err().println("building " + name + " into " + target.resolve(name) + " ...");
                err().flush();
                Process p = new ProcessBuilder("bash", script.toString(), name, target.toString())
                        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        err().println(line);
                        err().flush();
                    }
                }
                int status = p.waitFor();
                if (status == 0) {
                    out().println(name + " is built in " + target.resolve(name));
                }
                return status;
            } catch (IOException e) {
                throw new CliException("cannot run the image builder: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while building " + name, e);
            } finally {
                if (script != null) {
                    try {
                        Files.deleteIfExists(script);
                    } catch (IOException ignored) {
                        // a temporary file left behind
                    }
                }
            }
        }

        /** @return the bundled builder copied to a temporary file (the builder hashes itself into the manifest) */
        private static Path bundledBuilder() throws IOException {
            try (InputStream in = ImagesCommand.class.getResourceAsStream(BUILDER_RESOURCE)) {
                if (in == null) {
                    throw new IOException("the CLI's jar carries no " + BUILDER_RESOURCE
                            + " (build it with mvn -pl cli -am package)");
                }
                Path tmp = Files.createTempFile("golem-build-image-", ".sh",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return tmp;
            }
        }
    }
}
