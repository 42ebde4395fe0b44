package org.golem.vm.provider.infrastructure.vm.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.golem.vm.common.wire.ImageInfo;
import org.golem.vm.provider.application.port.VmDriverException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The provider's image catalogue: image names → image files, from configuration, each with what the catalogue
 * offers about it ({@link ImageInfo}) and whether it can be used ({@link Entry}).
 *
 * <p>Configuration is a flat map ({@code GOLEM_PROVIDER_VM_IMAGES}, {@code name=path,...}):
 * <ul>
 *   <li>{@code <name>} → a directory holding a {@code manifest.json} written by {@code provider-war/images/build-image}
 *       (boot style {@code kernel+initrd}: {@code micro}; {@code kernel+initrd+disk}: {@code debian-12} and
 *       {@code debian-12-docker}, cloud-init disks booted with their own kernel and initrd), or a cloud image file
 *       ({@code .qcow2}, {@code .img}, {@code .raw}) an operator downloaded, e.g. Debian's or Ubuntu's generic cloud
 *       image;</li>
 *   <li>{@code <name>.user} → the login user of a cloud image file (default: {@code ubuntu} when the file name
 *       says ubuntu or is Ubuntu's {@code *-server-cloudimg-*}, {@code debian} when it says debian, otherwise
 *       required);</li>
 *   <li>{@code <name>.os} → how the catalogue names the operating system of a cloud image file (default
 *       {@code "cloud image <file name>"}; a manifest image says it in its manifest's {@code os}).</li>
 * </ul>
 * The standard images ({@link #STANDARD_IMAGES}: {@code micro}, {@code debian-12}, {@code debian-12-docker}) are
 * always in the catalogue, at {@code <data-dir>/images/<name>} unless the configuration points them elsewhere; one
 * that is not built is listed as {@link Status#MISSING} and not offered.
 *
 * <p>{@link #resolve} verifies a manifest image's files against their sha256 (cached by size and modification time)
 * and says precisely what is wrong when it cannot be used; {@link #entries()} reports that for every image and
 * {@link #ready()} lists the images a requestor can be offered.
 */
public final class ImageCatalog {

    /** The default image name. */
    public static final String DEFAULT_IMAGE = "micro";
    /** The manifest file in an image directory. */
    public static final String MANIFEST = "manifest.json";
    /** The images {@code provider-war/images/build-image} builds, in the catalogue by default. */
    public static final List<String> STANDARD_IMAGES = List.of("micro", "debian-12", "debian-12-docker");

    private static final long MIB = 1024L * 1024;
    private static final List<String> SUFFIXES = List.of(".user", ".os");

    /** Whether an image of the catalogue can be used. */
    public enum Status {
        /** Built and verified: offered to requestors. */
        READY,
        /** Its directory, file or manifest does not exist (not built yet, or its build did not finish). */
        MISSING,
        /** It exists but cannot be used: unreadable or unsound manifest, a file missing or not matching its sha256. */
        INVALID
    }

    /**
     * One image of the catalogue as the operator sees it.
     *
     * @param name     the image name
     * @param location its directory or cloud image file
     * @param status   whether it can be used
     * @param reason   what is missing or wrong (null when ready)
     * @param info     what the catalogue offers about it (null unless ready)
     */
    public record Entry(String name, Path location, Status status, String reason, ImageInfo info) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> config;
    private final Map<String, Path> locations = new LinkedHashMap<>();
    private final Map<Path, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(long size, FileTime modified, String sha256) {
    }

    /**
     * @param dataDir the provider's data directory (the standard images default to {@code <dataDir>/images/<name>})
     * @param config  name → directory or file, {@code <name>.user} → login user, {@code <name>.os} → operating
     *                system (see the class comment)
     */
    public ImageCatalog(Path dataDir, Map<String, String> config) {
        this.config = Map.copyOf(config);
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (SUFFIXES.stream().noneMatch(e.getKey()::endsWith)) {
                locations.put(e.getKey(), Path.of(e.getValue()));
            }
        }
        for (String standard : STANDARD_IMAGES) {
            locations.putIfAbsent(standard, dataDir.resolve("images").resolve(standard));
        }
    }

    /**
     * Every image of the catalogue with its status, verifying each one (file hashes are cached by size and
     * modification time, so only a changed or new file is read again).
     *
     * @return the entries, sorted by name
     */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String name : names()) {
            Path location = locations.get(name);
            String missing = missing(name, location);
            if (missing != null) {
                out.add(new Entry(name, location, Status.MISSING, missing, null));
                continue;
            }
            try {
                out.add(new Entry(name, location, Status.READY, null, resolve(name).info()));
            } catch (VmDriverException e) {
                out.add(new Entry(name, location, Status.INVALID, e.getMessage(), null));
            }
        }
        return out;
    }

    /** @return what the catalogue offers about each ready image, sorted by name (what requestors are offered) */
    public List<ImageInfo> ready() {
        return entries().stream().filter(e -> e.status() == Status.READY).map(Entry::info).toList();
    }

    /** @return why the image is missing (no directory or file, or a directory without manifest), or null */
    private static String missing(String name, Path location) {
        if (!Files.exists(location)) {
            return location + " does not exist" + buildHint(name, location);
        }
        if (Files.isDirectory(location) && !Files.exists(location.resolve(MANIFEST))) {
            return location + " has no " + MANIFEST + " (not built, or its build did not finish)"
                    + buildHint(name, location);
        }
        return null;
    }

    private static String buildHint(String name, Path location) {
        return STANDARD_IMAGES.contains(name) ? " (build it with: golem-provider images build " + name + " --dir "
                + location.getParent() + ", or provider-war/images/build-image " + name + " " + location.getParent()
                + ")" : "";
    }

    /** @return the configured image names */
    public Set<String> names() {
        return new TreeSet<>(locations.keySet());
    }

    /** @return where an image name points (directory or file), or null when the name is unknown */
    public Path location(String name) {
        return locations.get(name);
    }

    /**
     * Resolves and verifies an image.
     *
     * @throws VmDriverException {@code IMAGE_NOT_FOUND} with what is wrong: unknown name, missing directory or file,
     *                           unreadable manifest, a file whose sha256 does not match, a missing login user
     */
    public VmImage resolve(String name) throws VmDriverException {
        Path location = locations.get(name);
        if (location == null) {
            throw notFound("unknown image '" + name + "' (configured: " + String.join(", ", names()) + ")");
        }
        if (Files.isDirectory(location)) {
            return fromManifest(name, location);
        }
        if (Files.isRegularFile(location)) {
            return fromCloudImage(name, location);
        }
        throw notFound("image '" + name + "': " + location + " does not exist" + buildHint(name, location));
    }

    private VmImage fromManifest(String name, Path dir) throws VmDriverException {
        Path manifestFile = dir.resolve(MANIFEST);
        JsonNode m;
        try {
            m = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw notFound("image '" + name + "': cannot read " + manifestFile + ": " + e.getMessage());
        }
        String boot = m.path("boot").asText("");
        boolean withDisk = "kernel+initrd+disk".equals(boot);
        if (!"kernel+initrd".equals(boot) && !withDisk) {
            throw notFound("image '" + name + "': unsupported boot style '" + boot + "' in " + manifestFile);
        }
        String user = m.path("loginUser").asText("");
        if (user.isEmpty()) {
            throw notFound("image '" + name + "': no loginUser in " + manifestFile);
        }
        Map<String, Path> byRole = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        long bytes = 0;
        JsonNode files = m.path("files");
        if (!files.isArray() || files.isEmpty()) {
            throw notFound("image '" + name + "': no files in " + manifestFile);
        }
        for (JsonNode f : files) {
            String fileName = f.path("name").asText("");
            String expected = f.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (fileName.isEmpty() || fileName.contains("/") || fileName.startsWith(".")) {
                problems.add("bad file name '" + fileName + "'");
                continue;
            }
            Path file = dir.resolve(fileName);
            if (!Files.isRegularFile(file)) {
                problems.add(fileName + " is missing");
                continue;
            }
            String actual;
            try {
                actual = sha256(file);
            } catch (IOException e) {
                problems.add(fileName + " is unreadable: " + e.getMessage());
                continue;
            }
            if (!actual.equals(expected)) {
                problems.add(fileName + " has sha256 " + actual + ", the manifest says " + expected);
                continue;
            }
            byRole.put(f.path("role").asText(""), file);
            bytes += sizeOf(file);
        }
        if (!problems.isEmpty()) {
            throw notFound("image '" + name + "' in " + dir + " is damaged: " + String.join("; ", problems)
                    + " (rebuild it with provider-war/images/build-image)");
        }
        Path kernel = byRole.get("kernel");
        Path initrd = byRole.get("initrd");
        if (kernel == null || initrd == null) {
            throw notFound("image '" + name + "': the manifest names no kernel or no initrd file");
        }
        // manifests written before the catalogue's metadata: cloud-init exactly when the root is on the disk
        ImageInfo info = new ImageInfo(name, m.path("os").asText("unknown"), mib(bytes), user, boot,
                m.path("userData").asBoolean(withDisk));
        if (withDisk) {
            // a cloud-init image we built (debian-12): the disk is the base of per-VM overlays, booted with the
            // image's own kernel and initrd; the key comes from a NoCloud seed
            Path disk = byRole.get("disk");
            if (disk == null) {
                throw notFound("image '" + name + "': boot style " + boot + " but the manifest names no disk file");
            }
            String format = m.path("diskFormat").asText("qcow2");
            if (!format.equals("qcow2") && !format.equals("raw")) {
                throw notFound("image '" + name + "': unsupported diskFormat '" + format + "' in " + manifestFile);
            }
            return new VmImage(name, VmImage.Kind.CLOUD_DISK, kernel, initrd,
                    m.path("kernelCmdline").asText("console=ttyS0 root=/dev/vda rw"), null, disk, format, user,
                    m.path("acpiShutdown").asBoolean(true), info);
        }
        return new VmImage(name, VmImage.Kind.KERNEL_INITRD, kernel, initrd,
                m.path("kernelCmdline").asText("console=ttyS0"), m.path("fwCfgName").asText("opt/org.golem.vm/authorized_keys"),
                null, null, user, m.path("acpiShutdown").asBoolean(false), info);
    }

    private VmImage fromCloudImage(String name, Path file) throws VmDriverException {
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String user = config.get(name + ".user");
        if (user == null || user.isBlank()) {
            if (fileName.contains("ubuntu") || fileName.contains("-server-cloudimg-")) { // jammy-server-cloudimg-amd64.img
                user = "ubuntu";
            } else if (fileName.contains("debian")) {
                user = "debian";
            } else {
                throw notFound("image '" + name + "': set " + name + ".user to the login user of " + file);
            }
        }
        if (!Files.isReadable(file)) {
            throw notFound("image '" + name + "': " + file + " is not readable");
        }
        String format;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            format = magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' && (magic[3] & 0xff) == 0xfb
                    ? "qcow2" : "raw";
        } catch (IOException e) {
            throw notFound("image '" + name + "': cannot read " + file + ": " + e.getMessage());
        }
        String os = config.getOrDefault(name + ".os", "cloud image " + file.getFileName());
        ImageInfo info = new ImageInfo(name, os, mib(sizeOf(file)), user, "disk", true);
        return new VmImage(name, VmImage.Kind.CLOUD_DISK, null, null, null, null, file, format, user, true, info);
    }

    private String sha256(Path file) throws IOException {
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        Verified v = verified.get(file);
        if (v != null && v.size() == size && v.modified().equals(modified)) {
            return v.sha256();
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        verified.put(file, new Verified(size, modified, hex));
        return hex;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** @return bytes in MiB, rounded up */
    private static long mib(long bytes) {
        return (bytes + MIB - 1) / MIB;
    }

    private static VmDriverException notFound(String message) {
        return new VmDriverException(VmDriverException.Code.IMAGE_NOT_FOUND, message);
    }
}
